import { buildApp } from '../app.ts';
import type { Config } from '../config.ts';
import { openRuntime, type Runtime } from '../runtime.ts';
import {
  cpuMeter,
  freePort,
  load,
  percentile,
  round,
  startServer,
  stopServer,
  type Figures,
  type Row,
} from './bench-harness.ts';
import { MERCHANTS, ORDERS_PER_REGISTER, REGISTERS_PER_MERCHANT, seedPortalWorld } from './bench-portal-seed.ts';
import { say } from './io.ts';

/**
 * The consumer portal: the overview of a person who is a customer of ten merchants (twenty
 * registers, a thousand orders), and the download of everything about them as a zip, on a
 * database of `customers` customers. Every overview is itself recorded (a processing event per
 * customer), so it writes as well as reads.
 */

const OVERVIEW_WARM_UP = 20;
const OVERVIEW_RUNS = 500;
const DOWNLOAD_RUNS = 10;
/**
 * Connections for the overview under load. An overview is a page of hundreds of kilobytes and
 * some 230 statements: at the other sections' 32 the answer is mostly time in the queue.
 */
const LOAD_CONNECTIONS = 8;
const COOKIE = 'omadata_portal';

interface Overview {
  merchants: Array<{ registers: Array<{ orders: unknown[] }> }>;
}

/** Logs the person in as a person does: asks for a link, takes it from the outbox, spends it. */
async function logIn(runtime: Runtime, email: string): Promise<string> {
  const app = await buildApp(runtime);
  try {
    const asked = await app.inject({
      method: 'POST',
      url: '/api/v1/portal/login',
      payload: { email, lang: 'fi' },
    });
    if (asked.statusCode !== 202) throw new Error(`portal login answered ${asked.statusCode}`);
    let token: string | null = null;
    // The mail is written to the outbox after the answer.
    for (let i = 0; i < 200 && token === null; i++) {
      const mail = await runtime.database.db
        .selectFrom('outbox')
        .select('text_body')
        .where('to_address', '=', email)
        .where('kind', '=', 'portal_login')
        .executeTakeFirst();
      token = /token=([A-Za-z0-9_-]+)/.exec(mail?.text_body ?? '')?.[1] ?? null;
      if (token === null) await new Promise((r) => setTimeout(r, 20));
    }
    if (token === null) throw new Error('no portal login link was mailed');
    const session = await app.inject({ method: 'POST', url: '/api/v1/portal/session', payload: { token } });
    const cookie = session.cookies.find((c) => c.name === COOKIE);
    if (session.statusCode !== 200 || !cookie) throw new Error(`portal session answered ${session.statusCode}`);
    return `${COOKIE}=${cookie.value}`;
  } finally {
    await app.close();
  }
}

/**
 * Time to the last byte of each download, one after another. A download still being released
 * answers 409 for a moment: that answer is waited out and not counted.
 */
async function downloads(base: string, cookie: string, figures: Figures) {
  const times: number[] = [];
  let bytes = 0;
  let busy = 0;
  // The first one warms up the code path and is not counted.
  for (let i = -1; i < DOWNLOAD_RUNS; i++) {
    const t = performance.now();
    const res = await fetch(`${base}/api/v1/portal/export.zip`, { headers: { cookie } });
    const body = new Uint8Array(await res.arrayBuffer());
    const ms = performance.now() - t;
    if (res.status === 404) {
      figures.portalDownload = 'not available';
      return;
    }
    if (res.status === 409 && busy < 100) {
      busy++;
      i--;
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    const zip = (res.headers.get('content-type') ?? '').startsWith('application/zip') && body[0] === 0x50;
    if (!res.ok || !zip) {
      figures.portalDownload = `failed: HTTP ${res.status}${res.ok ? ', not a zip' : ''}`;
      return;
    }
    bytes = body.byteLength;
    if (i >= 0) times.push(ms);
  }
  times.sort((a, b) => a - b);
  figures.portalDownload = 'measured';
  figures.portalDownloadP50Ms = round(percentile(times, 50));
  figures.portalDownloadMaxMs = round(times.at(-1)!);
  figures.portalDownloadBytes = bytes;
  figures.portalDownloadBusyAnswers = busy;
}

export async function portalBench(
  config: Config,
  options: { customers: number; connections: number; duration: number; ledgerPerCustomer: number },
): Promise<Figures> {
  const { customers, connections, duration } = options;
  const figures: Figures = {};
  say(
    `Portal: ${MERCHANTS} merchants × ${REGISTERS_PER_MERCHANT} registers holding ${customers} customers, and one person in all of them…`,
  );
  const runtime = await openRuntime(config, { owner: 'bench' });
  let cookie: string;
  try {
    const world = await seedPortalWorld(runtime, options);
    cookie = await logIn(runtime, world.email);
  } finally {
    await runtime.close();
  }
  figures.portalCustomers = customers + MERCHANTS * REGISTERS_PER_MERCHANT;
  figures.portalPersonOrders = MERCHANTS * REGISTERS_PER_MERCHANT * ORDERS_PER_REGISTER;

  const port = await freePort();
  const server = await startServer(config, port);
  const base = `http://127.0.0.1:${port}`;
  try {
    const overview = async () => {
      const t = performance.now();
      const res = await fetch(`${base}/api/v1/portal/overview`, { headers: { cookie } });
      const text = await res.text();
      if (!res.ok) throw new Error(`the portal overview answered ${res.status}`);
      return { ms: performance.now() - t, text };
    };
    const first = await overview();
    const body = JSON.parse(first.text) as Overview;
    const registers = body.merchants.flatMap((m) => m.registers);
    const orders = registers.reduce((n, r) => n + r.orders.length, 0);
    if (body.merchants.length !== MERCHANTS || orders !== figures.portalPersonOrders)
      throw new Error(`the overview shows ${body.merchants.length} merchants and ${orders} orders`);
    figures.portalOverviewBytes = Buffer.byteLength(first.text);

    say('Portal: download of everything (export.zip)…');
    await downloads(base, cookie, figures);

    say('Portal: overview, one client…');
    const times: number[] = [];
    for (let i = 0; i < OVERVIEW_WARM_UP; i++) await overview();
    const meter = await cpuMeter(config, server.pid);
    for (let i = 0; i < OVERVIEW_RUNS; i++) times.push((await overview()).ms);
    const cpu = meter.perRequest(OVERVIEW_RUNS);
    if (cpu.server !== null) figures.portalOverviewServerCpuMs = cpu.server;
    if (cpu.database !== null) figures.portalOverviewDatabaseCpuMs = cpu.database;
    times.sort((a, b) => a - b);
    figures.portalOverviewP50Ms = round(percentile(times, 50));
    figures.portalOverviewP99Ms = round(percentile(times, 99));

    say('Portal: bare JSON route…');
    const bare = await load({ url: `${base}/bench/baseline`, connections, duration });
    figures.portalBareRequestsPerSecond = Math.round(bare.requests.average);
    figures.portalBareP99Ms = bare.latency.p99;

    const loadConnections = Math.min(connections, LOAD_CONNECTIONS);
    say(`Portal: overview, ${loadConnections} connections…`);
    const loaded = await load({
      url: `${base}/api/v1/portal/overview`,
      connections: loadConnections,
      duration,
      headers: { cookie },
    });
    figures.portalOverviewConnections = loadConnections;
    figures.portalOverviewRequestsPerSecond = round(loaded.requests.average);
    figures.portalOverviewLoadP50Ms = loaded.latency.p50;
    figures.portalOverviewLoadP99Ms = loaded.latency.p99;
    figures.portalOverviewNon2xx = loaded.non2xx;
    figures.portalOverviewTimeouts = loaded.timeouts;
    figures.portalOverviewVsBare = figures.portalOverviewRequestsPerSecond / figures.portalBareRequestsPerSecond;
  } finally {
    await stopServer(server);
  }
  return figures;
}

export function portalRows(f: Figures): Row[] {
  const kb = (bytes: number | string | undefined) => `${Math.round(Number(bytes) / 1024)} kB`;
  const ms = (x: number | string | undefined) => `${Number(x).toFixed(1)} ms`;
  return [
    ['portal: bare JSON route', `${f.portalBareRequestsPerSecond} req/s`, `p99 ${f.portalBareP99Ms} ms`],
    [
      'portal overview',
      `p50 ${ms(f.portalOverviewP50Ms)}`,
      `p99 ${ms(f.portalOverviewP99Ms)}, one client, ${kb(f.portalOverviewBytes)} (target p99 < 100 ms)`,
    ],
    [
      'portal overview, CPU',
      f.portalOverviewServerCpuMs === undefined ? 'not measured' : `${ms(f.portalOverviewServerCpuMs)} server`,
      f.portalOverviewDatabaseCpuMs === undefined
        ? ''
        : `${ms(f.portalOverviewDatabaseCpuMs)} PostgreSQL, per overview`,
    ],
    [
      'portal overview, load',
      `${f.portalOverviewRequestsPerSecond} req/s`,
      `${f.portalOverviewConnections} connections, p50 ${f.portalOverviewLoadP50Ms} ms, p99 ${f.portalOverviewLoadP99Ms} ms · ` +
        `${(Number(f.portalOverviewVsBare) * 100).toFixed(3)}% of bare`,
    ],
    f.portalDownload === 'measured'
      ? [
          'portal download (zip)',
          `p50 ${ms(f.portalDownloadP50Ms)}`,
          `max ${ms(f.portalDownloadMaxMs)} of ${DOWNLOAD_RUNS}, ${kb(f.portalDownloadBytes)} (target < 2000 ms)`,
        ]
      : ['portal download (zip)', String(f.portalDownload), ''],
  ];
}
