import type { QueueOptions } from '../../src/jobs/queue.ts';

/** pg-boss's shortest intervals, so that a test waits half a second for a job, not two. */
export function fastQueueOptions(url: string | undefined, report: (message: string) => void): QueueOptions {
  return {
    connectionString: url,
    pollingIntervalSeconds: 0.5,
    superviseIntervalSeconds: 1,
    cronIntervalSeconds: 1,
    stopTimeoutMs: 5_000,
    report,
  };
}

/** Asks until the answer is right, or fails after the timeout with the last answer. */
export async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out; the last answer was ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
