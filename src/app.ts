import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { SecretBox } from './crypto/secret-box.ts';
import { registerNotFound, registerProblemHandlers } from './http/problem.ts';
import { registerWebUi } from './http/web-ui.ts';
import { registerNulCharacterCheck } from './http/nul-characters.ts';
import cookie from '@fastify/cookie';
import { registerStaffSessions } from './http/staff-auth.ts';
import type { Mailer } from './modules/mail/mailer.ts';
import { staffRoutes } from './modules/staff/staff.routes.ts';
import { registerConsoleRoutes } from './modules/registers/register.console-routes.ts';
import { customerRoutes } from './modules/subjects/customer.console-routes.ts';
import { apiKeyRoutes } from './modules/apikeys/api-key.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { orderRoutes } from './modules/orders/order.routes.ts';
import { registerRoutes } from './modules/registers/register.routes.ts';
import { subjectRoutes } from './modules/subjects/subject.routes.ts';
import { contactCheckRoutes } from './modules/consents/contact-check.routes.ts';
import { unsubscribeRoutes } from './modules/consents/unsubscribe.routes.ts';
import { consentConsoleRoutes } from './modules/consents/consent.console-routes.ts';
import { readAuditFor } from './modules/audit/read-audit.ts';
import { retentionRoutes } from './modules/retention/retention.routes.ts';
import { retentionConsoleRoutes } from './modules/retention/retention.console-routes.ts';
import { statisticsRoutes } from './modules/statistics/statistics.routes.ts';
import { portalRoutes } from './modules/portal/portal.routes.ts';
import { portalOidcRoutes } from './modules/portal/portal-oidc.routes.ts';
import { portalDownloadRoutes } from './modules/portal/portal-download.routes.ts';
import { requestIntakeRoutes } from './modules/requests/request-intake.routes.ts';
import { requestListConsoleRoutes } from './modules/requests/request-list.console-routes.ts';
import { requestConsoleRoutes } from './modules/requests/request.console-routes.ts';
import { recordsConsoleRoutes } from './modules/records/records.console-routes.ts';
import { noticeRoutes } from './modules/notices/notice.routes.ts';

export interface AppDeps {
  config: Config;
  database: Database;
  secretBox: SecretBox;
  mailer: Mailer;
}

export interface AppOptions {
  logger?: boolean;
  /** Where log lines go (standard output by default); tests read them. */
  logStream?: NodeJS.WritableStream;
  /** Serve the built web UI from this directory (omitted in API-only tests). */
  webDistDir?: string;
  /** A bare JSON route with no database work, for benchmarks' same-run baseline. */
  benchBaseline?: boolean;
}

export async function buildApp(deps: AppDeps, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: deps.config.bodyLimit,
    // Unsubscribe tokens travel in the path.
    routerOptions: { maxParamLength: 256 },
    trustProxy: false,
    logger: options.logger
      ? {
          level: deps.config.logLevel,
          // Only method and path: query strings can carry an email address.
          serializers: {
            req: (req) => ({
              method: req.method,
              url: String(req.url)
                .split('?')[0]!
                .replace(/^\/unsubscribe\/[^/]+/, '/unsubscribe/…'),
            }),
            res: (res) => ({ statusCode: res.statusCode }),
          },
          redact: ['req.headers.authorization', 'req.headers.cookie'],
          ...(options.logStream ? { stream: options.logStream } : {}),
        }
      : false,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandlers(app);
  registerNulCharacterCheck(app);
  await app.register(cookie);
  registerStaffSessions(app, deps.database.db, deps.secretBox);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Omadata API',
        version: '1',
        description:
          'Customer registers and privacy rights for Finnish merchants. Errors are application/problem+json (RFC 9457) with the bad fields named in `errors`.',
      },
      servers: [{ url: deps.config.publicUrl }],
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key from `omadata apikey create`' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`SELECT 1`.execute(deps.database.db);
      return { status: 'ok', database: deps.database.kind };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: deps.database.kind });
    }
  });

  if (options.benchBaseline) {
    app.get('/bench/baseline', { schema: { hide: true } }, async () => ({ ok: true, orderId: 'baseline' }));
  }

  await app.register(registerRoutes(deps));
  await app.register(subjectRoutes(deps));
  await app.register(orderRoutes(deps));
  await app.register(staffRoutes(deps));
  await app.register(registerConsoleRoutes(deps));
  await app.register(customerRoutes(deps));
  await app.register(apiKeyRoutes(deps));
  await app.register(auditRoutes(deps));
  await app.register(contactCheckRoutes(deps));
  await app.register(unsubscribeRoutes(deps));
  await app.register(consentConsoleRoutes(deps));
  await app.register(retentionRoutes(deps));
  await app.register(retentionConsoleRoutes(deps));
  await app.register(statisticsRoutes(deps));
  await app.register(portalRoutes(deps));
  await app.register(portalOidcRoutes(deps));
  await app.register(portalDownloadRoutes(deps));
  await app.register(requestIntakeRoutes(deps));
  await app.register(requestListConsoleRoutes(deps));
  await app.register(requestConsoleRoutes(deps));
  await app.register(recordsConsoleRoutes(deps));
  await app.register(noticeRoutes(deps));
  // Reads recorded a moment later are written before the database closes.
  app.addHook('onClose', () => readAuditFor(deps.database.db).flush());

  const webUi = options.webDistDir ? await registerWebUi(app, options.webDistDir) : false;
  registerNotFound(app, webUi);
  return app;
}
