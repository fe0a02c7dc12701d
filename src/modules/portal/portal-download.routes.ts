import type {} from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { DomainError } from '../../errors.ts';
import { portalAuth } from './portal-auth.service.ts';
import { portalExport } from './portal-export.ts';
import { EXPORT_SCHEMA_PATH } from './portal-export.schema.ts';
import type { PortalIdentity } from './portal.repository.ts';
import { PORTAL_COOKIE } from './portal.routes.ts';

const tags = ['portal'];

const exportQuery = z
  .object({
    controllerId: z
      .guid({ error: 'is not a merchant id (UUID)' })
      .transform((id) => id.toLowerCase())
      .optional(),
    lang: z.enum(['fi', 'sv', 'en']).optional(),
  })
  .strict();

export function portalDownloadRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { database, mailer, config, secretBox } = deps;
  const auth = portalAuth(database.db, mailer, config);
  const exporter = portalExport(database.db, secretBox, config);

  /** The portal session's verified identity, as the other portal routes take it (a GET needs no CSRF token). */
  async function identityOf(request: FastifyRequest): Promise<PortalIdentity> {
    const token = request.cookies?.[PORTAL_COOKIE];
    const session = token ? await auth.session(token) : null;
    if (!session) throw new DomainError('unauthorized', 'Log in first');
    return session.identity;
  }

  return async (app) => {
    // Claims of downloads just sent are released before the database closes.
    app.addHook('onClose', () => exporter.settled());

    app.get(
      '/api/v1/portal/export.zip',
      {
        schema: {
          tags,
          summary: 'Download everything the merchants keep about the logged-in person, as a zip (GDPR 15 and 20)',
          description:
            'The zip holds README.txt, data.json (valid against ' +
            `${EXPORT_SCHEMA_PATH}), schema.json and CSV tables: orders, order-items, fields, permissions, ` +
            'consent-history and processing-events. With controllerId only that merchant (404 unless it holds ' +
            'the person). lang picks the README language (all three without it). Each customer included gets a ' +
            'portal.downloaded processing event. While a download of the same person is being made, another ' +
            'answers 409 download_in_progress.',
          querystring: exportQuery,
        },
      },
      async (request, reply) => {
        const identity = await identityOf(request);
        const { zip, filename } = await exporter.download(identity, {
          controllerId: request.query.controllerId ?? null,
          lang: request.query.lang ?? null,
        });
        return reply
          .header('cache-control', 'no-store')
          .header('content-disposition', `attachment; filename="${filename}"`)
          .type('application/zip')
          .send(zip);
      },
    );

    app.get(
      EXPORT_SCHEMA_PATH,
      {
        schema: {
          tags,
          summary: 'The JSON Schema of data.json in the portal download',
        },
      },
      async (_request, reply) =>
        reply
          .header('cache-control', 'public, max-age=3600')
          .type('application/schema+json; charset=utf-8')
          .send(JSON.stringify(exporter.jsonSchema())),
    );
  };
}
