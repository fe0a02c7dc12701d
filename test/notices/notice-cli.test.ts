/**
 * `omadata notice render` through the real binary: the notice to standard output or to a file, in
 * each format and language, one version or the one in force; and `omadata register publish`
 * naming what a notice would lack.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dbKind } from '../db.ts';
import { TEST_KEY } from '../factories.ts';
import { readPdf } from './pdf-text.ts';

const BIN = fileURLToPath(new URL('../../bin/omadata.mjs', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../examples/registers/wellness-practice.json', import.meta.url));

let dir: string;
let env: NodeJS.ProcessEnv;
let close = async () => {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'omadata-notice-'));
  env = {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    ENCRYPTION_KEY: TEST_KEY,
    DATA_DIR: join(dir, 'data'),
    PUBLIC_URL: 'https://omadata.example.fi',
  };
  if (dbKind === 'postgres') {
    const database = await createTestDatabase();
    env.DATABASE_URL = database.url;
    close = () => database.close();
  }
});
afterAll(async () => {
  await close();
  rmSync(dir, { recursive: true, force: true });
});

function omadata(...args: string[]): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env, timeout: 60_000, encoding: 'buffer' },
      (error, stdout, stderr) => {
        resolve({
          code: error ? ((error as { code?: number }).code ?? 1) : 0,
          stdout,
          stderr: stderr.toString('utf8'),
        });
      },
    );
  });
}

const lastLine = (s: Buffer) => s.toString('utf8').trim().split('\n').at(-1)!;

/** Each command opens the database in a new process: several of them take more than the default minute. */
const SLOW = 240_000;

describe('omadata notice render', () => {
  let registerId = '';

  it(
    'renders the notice in force in every format and language, to standard output or a file',
    async () => {
      const controller = await omadata(
        'controller',
        'create',
        '--name',
        'Esimerkkihyvinvointi',
        '--business-id',
        '2077474-0',
      );
      expect(controller.code, controller.stderr).toBe(0);
      const register = await omadata(
        'register',
        'create',
        '--controller',
        lastLine(controller.stdout),
        '--description',
        EXAMPLE,
      );
      expect(register.code, register.stderr).toBe(0);
      registerId = lastLine(register.stdout);

      // Markdown in Finnish by default, to standard output, with links to the public address.
      const md = await omadata('notice', 'render', '--register', registerId);
      expect(md.code, md.stderr).toBe(0);
      const text = md.stdout.toString('utf8');
      expect(text).toMatch(/^# Tietosuojaseloste: /);
      expect(text).toContain('## Henkilötietojen säilytysaika');
      expect(text).toContain('](<https://omadata.example.fi/oma?lang=fi>)');
      expect(text).toContain(`(<https://omadata.example.fi/requests/new?register=${registerId}&lang=fi>)`);

      const html = await omadata('notice', 'render', '--register', registerId, '--lang', 'sv', '--format', 'html');
      expect(html.code, html.stderr).toBe(0);
      expect(html.stdout.toString('utf8')).toContain('<html lang="sv">');
      expect(html.stdout.toString('utf8')).toContain('Dataskyddsbeskrivning: ');

      // A PDF to a file opens and reads as the notice.
      const out = join(dir, 'notice.pdf');
      const pdf = await omadata(
        'notice',
        'render',
        '--register',
        registerId,
        '--lang',
        'en',
        '--format',
        'pdf',
        '--out',
        out,
      );
      expect(pdf.code, pdf.stderr).toBe(0);
      expect(pdf.stdout.length).toBe(0);
      expect(pdf.stderr).toContain(out);
      const read = await readPdf(readFileSync(out));
      expect(read.title).toMatch(/^Privacy notice: /);
      expect(read.text).toContain('Your rights and how to use them');
      expect(read.text).toContain('Office of the Data Protection Ombudsman');
    },
    SLOW,
  );

  it(
    'names what a version would lack, and renders each published version with its differences',
    async () => {
      // A version whose notice would lack the contact details is not published; the command names it.
      const bad = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as {
        contactPerson: object;
        retention: Array<{ key: string; period: object }>;
      };
      bad.contactPerson = { name: 'Asiakaspalvelu' };
      const badFile = join(dir, 'bad.json');
      writeFileSync(badFile, JSON.stringify(bad));
      const refused = await omadata('register', 'publish', '--register', registerId, '--description', badFile);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^ {2}- contactPerson: the notice must say how to reach the contact person/m);

      // Editing a retention rule publishes version 2; version 1 and its differences stay reachable.
      const good = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as typeof bad;
      good.retention.find((r) => r.key === 'customer_data')!.period = { years: 2 };
      const goodFile = join(dir, 'good.json');
      writeFileSync(goodFile, JSON.stringify(good));
      const published = await omadata('register', 'publish', '--register', registerId, '--description', goodFile);
      expect(published.code, published.stderr).toBe(0);
      expect(lastLine(published.stdout)).toBe('2');
      const v2 = (await omadata('notice', 'render', '--register', registerId, '--version', '2')).stdout.toString(
        'utf8',
      );
      expect(v2).toContain('## Muutokset versioon 1 verrattuna');
      expect(v2).toMatch(
        /- Muutettu:\n {2}- Ennen: .*3 vuotta viimeisestä asioinnista.*\n {2}- Nyt: .*2 vuotta viimeisestä asioinnista/,
      );
      const v1 = (await omadata('notice', 'render', '--register', registerId, '--version', '1')).stdout.toString(
        'utf8',
      );
      expect(v1).toContain('3 vuotta viimeisestä asioinnista');
      expect(v1).not.toContain('Muutokset versioon');
    },
    SLOW,
  );

  it(
    'names bad options',
    async () => {
      // Bad options are named.
      const noVersion = await omadata('notice', 'render', '--register', registerId, '--version', '9');
      expect(noVersion.code).toBe(1);
      expect(noVersion.stderr).toMatch(/not found/);
      const badLang = await omadata('notice', 'render', '--register', registerId, '--lang', 'de');
      expect(badLang.code).toBe(2);
      expect(badLang.stderr).toContain('--lang must be fi, sv or en');
      const noRegister = await omadata('notice', 'render');
      expect(noRegister.code).toBe(2);
      expect(noRegister.stderr).toContain('--register is required');
    },
    SLOW,
  );
});
