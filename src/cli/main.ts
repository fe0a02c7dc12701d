import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { DataDirBusyError } from '../db/data-dir-lock.ts';
import { DomainError } from '../errors.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { openRuntime, type Runtime } from '../runtime.ts';
import { controllerService } from '../modules/controllers/controller.service.ts';
import { registerService } from '../modules/registers/register.service.ts';
import { apiKeyService } from '../modules/apikeys/api-key.service.ts';
import { staffService } from '../modules/staff/staff.service.ts';
import { verifyChains } from '../modules/audit/audit.service.ts';
import { parse, required, UsageError } from './args.ts';
import { print, say } from './io.ts';

const USAGE = `Usage: omadata <command> [options]

  serve                                          run the API, portal and console on PORT
  migrate                                        bring the database schema up to date
  seed-demo                                      load the example registers with demo customers and orders
  controller create --name NAME --business-id ID create a controller (prints its id)
  controller list                                list controllers
  register create --controller ID --description FILE
                                                 create a register from a description (prints its id)
  register publish --register ID --description FILE
                                                 publish a new description version
  apikey create --controller ID [--name NAME]    create an API key (printed once)
  apikey revoke --controller ID --id KEY_ID      revoke an API key
  import --register ID FILE [--rejects FILE]     import customers from CSV (ours, Shopify, WooCommerce)
  retention run [--dry-run] [--register ID] [--as-of DATE] [--json]
                                                 sweep what the retention rules no longer allow (daily in serve)
  admin create --email EMAIL --password PASSWORD create a platform operator (prints its id)
  staff add --controller ID --email EMAIL --role ROLE
                                                 give an existing account a role in a controller
  audit verify                                   check the hash chain of the audit trail
  notice render --register ID [--version N] [--lang fi|sv|en] [--format html|md|pdf] [--out FILE]
                                                 the privacy notice (Markdown in Finnish by default)
  bench [--customers N] [--duration S] [--only portal] [--out FILE]
                                                 measure ingestion, import and look-up

Configuration comes from the environment: PORT, DATA_DIR, DATABASE_URL, SMTP_URL, PUBLIC_URL, ENCRYPTION_KEY.`;

type Command = (argv: string[], config: Config) => Promise<number>;

async function withRuntime<T>(config: Config, owner: string, fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const rt = await openRuntime(config, { owner });
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

const commands: Record<string, Command> = {
  serve: async (_argv, config) => (await import('./serve.ts')).serve(config),

  migrate: async (_argv, config) =>
    withRuntime(config, 'migrate', async (rt) => {
      const applied = await migrateToLatest(rt.database.db);
      say(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
      return 0;
    }),

  'seed-demo': async (argv, config) => (await import('./seed-demo.ts')).seedDemo(argv, config),

  controller: async (argv, config) => {
    const [sub, ...rest] = argv;
    if (sub === 'create') {
      const { values } = parse(rest, { name: { type: 'string' }, 'business-id': { type: 'string' } });
      return withRuntime(config, 'controller create', async (rt) => {
        const c = await controllerService(rt.database.db).create({
          name: required(values.name, 'name'),
          businessId: required(values['business-id'], 'business-id'),
        });
        say(`Created controller ${c.name} (${c.business_id})`);
        print(c.id);
        return 0;
      });
    }
    if (sub === 'list') {
      parse(rest, {});
      return withRuntime(config, 'controller list', async (rt) => {
        for (const c of await controllerService(rt.database.db).list()) print(`${c.id}\t${c.business_id}\t${c.name}`);
        return 0;
      });
    }
    throw new UsageError('controller create | controller list');
  },

  register: async (argv, config) => {
    const [sub, ...rest] = argv;
    if (sub !== 'create' && sub !== 'publish') throw new UsageError('register create | register publish');
    const { values } = parse(rest, {
      controller: { type: 'string' },
      register: { type: 'string' },
      description: { type: 'string' },
    });
    const file = required(values.description, 'description');
    let document: unknown;
    try {
      document = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      say(`Cannot read ${file} as JSON: ${(e as Error).message}`);
      return 1;
    }
    return withRuntime(config, `register ${sub}`, async (rt) => {
      if (sub === 'create') {
        const controllerId = required(values.controller, 'controller');
        const r = await rt.database.db
          .transaction()
          .execute((tx) => registerService(tx).create(controllerId, document));
        say(`Created register ${r.name}`);
        print(r.id);
      } else {
        const registerId = required(values.register, 'register');
        const row = await rt.database.db
          .selectFrom('registers')
          .select('controller_id')
          .where('id', '=', registerId)
          .executeTakeFirst();
        if (!row) throw new DomainError('not_found', 'Register not found');
        const r = await rt.database.db
          .transaction()
          .execute((tx) => registerService(tx).publishVersion(row.controller_id, registerId, document));
        say(`Published version ${r.version}`);
        print(String(r.version));
      }
      return 0;
    });
  },

  apikey: async (argv, config) => {
    const [sub, ...rest] = argv;
    if (sub === 'create') {
      const { values } = parse(rest, { controller: { type: 'string' }, name: { type: 'string' } });
      return withRuntime(config, 'apikey create', async (rt) => {
        const k = await apiKeyService(rt.database.db).create(
          required(values.controller, 'controller'),
          values.name ?? 'API key',
        );
        say(`Created API key ${k.id}. It is shown only now: store it as a secret.`);
        print(k.key);
        return 0;
      });
    }
    if (sub === 'revoke') {
      const { values } = parse(rest, { controller: { type: 'string' }, id: { type: 'string' } });
      return withRuntime(config, 'apikey revoke', async (rt) => {
        await apiKeyService(rt.database.db).revoke(
          required(values.controller, 'controller'),
          required(values.id, 'id'),
        );
        say('Revoked.');
        return 0;
      });
    }
    throw new UsageError('apikey create | apikey revoke');
  },

  admin: async (argv, config) => {
    const [sub, ...rest] = argv;
    if (sub !== 'create') throw new UsageError('admin create --email EMAIL --password PASSWORD');
    const { values } = parse(rest, {
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
    });
    return withRuntime(config, 'admin create', async (rt) => {
      const account = await staffService(rt.database.db, rt.secretBox).createAccount({
        email: required(values.email, 'email'),
        password: required(values.password, 'password'),
        name: values.name ?? null,
        isOperator: true,
      });
      say(`Created platform operator ${account.email}`);
      print(account.id);
      return 0;
    });
  },

  staff: async (argv, config) => {
    const [sub, ...rest] = argv;
    if (sub !== 'add') throw new UsageError('staff add --controller ID --email EMAIL --role owner|admin|staff|viewer');
    const { values } = parse(rest, {
      controller: { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string' },
    });
    const role = required(values.role, 'role');
    if (!['owner', 'admin', 'staff', 'viewer'].includes(role))
      throw new UsageError('--role must be owner, admin, staff or viewer');
    return withRuntime(config, 'staff add', async (rt) => {
      const email = required(values.email, 'email').trim().toLowerCase();
      const account = await rt.database.db
        .selectFrom('staff_accounts')
        .select('id')
        .where('email_key', '=', email)
        .executeTakeFirst();
      if (!account)
        throw new DomainError(
          'not_found',
          `No account with the email ${email}: invite the person from the console instead`,
        );
      const controllerId = required(values.controller, 'controller');
      await controllerService(rt.database.db).get(controllerId);
      await staffService(rt.database.db, rt.secretBox).addMember(controllerId, account.id, role as 'owner');
      say(`${email} is now ${role} of controller ${controllerId}.`);
      return 0;
    });
  },

  audit: async (argv, config) => {
    const [sub, ...rest] = argv;
    if (sub !== 'verify') throw new UsageError('audit verify');
    parse(rest, {});
    return withRuntime(config, 'audit verify', async (rt) => {
      const { events, problems } = await verifyChains(rt.database.db);
      if (problems.length === 0) {
        say(`The audit trail is intact: ${events} events.`);
        return 0;
      }
      for (const p of problems) say(`BROKEN controller ${p.controllerId}, event ${p.seq} (${p.problem}): ${p.message}`);
      say(`${problems.length} chain(s) broken, ${events} events read.`);
      return 1;
    });
  },

  import: async (argv, config) => (await import('./import.ts')).importCommand(argv, config),
  bench: async (argv, config) => (await import('./bench.ts')).benchCommand(argv, config),
  retention: async (argv, config) => (await import('./retention.ts')).retentionCommand(argv, config),
  notice: async (argv, config) => (await import('./notice.ts')).noticeCommand(argv, config),
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? print : say)(USAGE);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    say(`Unknown command: ${name}\n\n${USAGE}`);
    return 2;
  }
  try {
    const config = loadConfig();
    return await command(rest, config);
  } catch (e) {
    if (e instanceof UsageError) {
      say(`${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof ConfigError || e instanceof DataDirBusyError) {
      say(e.message);
      return 1;
    }
    if (e instanceof DomainError) {
      say(e.message);
      for (const p of e.errors) say(`  - ${p.field}: ${p.message}`);
      return 1;
    }
    throw e;
  }
}
