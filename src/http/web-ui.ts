import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

/**
 * The React front ends, built by Vite into one directory: one index.html serves `/`, `/oma` and
 * `/console`, and the client-side router takes it from there.
 */
export async function registerWebUi(app: FastifyInstance, distDir: string): Promise<boolean> {
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) {
    app.log.warn(`The web UI is not built (${index} missing): run npm run build:web`);
    return false;
  }
  await app.register(fastifyStatic, { root: distDir, prefix: '/', wildcard: false, index: false });
  const spa = async (_request: unknown, reply: { type(t: string): { sendFile(f: string): unknown } }) =>
    reply.type('text/html; charset=utf-8').sendFile('index.html');
  for (const path of ['/', '/oma', '/oma/*', '/console', '/console/*']) {
    app.get(path, { schema: { hide: true } }, spa as never);
  }
  return true;
}
