import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { inTenant } from '../../db/tenant.ts';
import { DomainError } from '../../errors.ts';
import { todayInFinland } from '../../finnish-time.ts';
import { pathId } from '../../http/ids.ts';
import { requirePermission, requireSession } from '../../http/staff-auth.ts';
import { appendEvents } from '../audit/audit.service.ts';
import { LANGUAGES, type Language } from '../registers/localized.ts';
import { registerService } from '../registers/register.service.ts';
import { staffService } from '../staff/staff.service.ts';
import { noticeChangeCounts } from './notice-changes.ts';
import { controllerRecordCsv, processorRecordCsv } from './records-csv.ts';
import { controllerRecordHtml, processorRecordHtml } from './records-html.ts';
import { controllerRecordPdf, processorRecordPdf } from './records-pdf.ts';
import { recordsService, type RecordsEnv } from './records.service.ts';

export const RECORD_FORMATS = ['html', 'pdf', 'csv'] as const;
type Format = (typeof RECORD_FORMATS)[number];

const query = z
  .object({
    format: z.enum(RECORD_FORMATS).default('html'),
    lang: z.enum(LANGUAGES).default('fi'),
  })
  .strict();

const CONTENT_TYPES: Record<Format, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
};

// The HTML record is a document of its own: no scripts, nothing fetched, not framed.
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

function send(reply: FastifyReply, format: Format, lang: Language, fileName: string, body: string | Buffer) {
  // HTML opens in the browser; PDF and CSV are downloads.
  const disposition = format === 'html' ? 'inline' : 'attachment';
  if (format === 'html') void reply.header('content-security-policy', CSP);
  return reply
    .header('content-type', CONTENT_TYPES[format])
    .header('content-language', lang)
    .header('content-disposition', `${disposition}; filename="${fileName}.${format}"`)
    .header('cache-control', 'no-store')
    .send(body);
}

/** GDPR Article 30 records: the controller's, and the platform operator's as processor (docs/records.md). */
export function recordsConsoleRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { database, config, secretBox } = deps;
  const db = database.db;
  const env: RecordsEnv = {
    publicUrl: config.publicUrl,
    smtpUrl: config.smtpUrl,
    oidcIssuer: config.oidc?.issuer,
    operator: config.operator,
  };
  return async (app) => {
    app.get(
      '/api/v1/controllers/:controllerId/records-of-processing',
      {
        schema: {
          tags: ['records'],
          summary: "The controller's records of processing (GDPR 30(1)) as HTML, PDF or CSV",
          params: z.object({ controllerId: z.string() }),
          querystring: query,
        },
      },
      async (request, reply) => {
        const controllerId = pathId(request.params.controllerId, 'Controller');
        const actor = await requirePermission(db, request, controllerId, 'records.read');
        const { format, lang } = request.query;
        // The export holds no customer's data (counts only), yet who took the record and when is kept.
        const record = await inTenant(db, controllerId, async (tx) => {
          const r = await recordsService(tx, env).controllerRecord(controllerId, lang);
          await appendEvents(tx, controllerId, { type: 'staff', id: actor.staffId }, [
            {
              action: 'records.exported',
              purpose: 'records_of_processing',
              fields: [`format:${format}`, `lang:${lang}`],
            },
          ]);
          return r;
        });
        const fileName = `records-of-processing-${record.controller.businessId}-${todayInFinland()}-${lang}`;
        if (format === 'csv') return send(reply, format, lang, fileName, controllerRecordCsv(record));
        if (format === 'pdf') return send(reply, format, lang, fileName, await controllerRecordPdf(record));
        return send(reply, format, lang, fileName, controllerRecordHtml(record));
      },
    );

    app.get(
      '/api/v1/records-of-processing/processor',
      {
        schema: {
          tags: ['records'],
          summary: "The platform operator's record as processor for every controller (GDPR 30(2)); operators only",
          querystring: query,
        },
      },
      async (request, reply) => {
        const session = requireSession(request);
        const { account } = await staffService(db, secretBox).me(session.staffId);
        if (!account.is_operator) {
          request.log.warn({ staffId: session.staffId, reason: 'not_operator' }, 'refused the processor record');
          throw new DomainError('forbidden', "Only platform operators see the processor's record");
        }
        const { format, lang } = request.query;
        const record = await recordsService(db, env).processorRecord(lang);
        const fileName = `records-of-processing-processor-${todayInFinland()}-${lang}`;
        if (format === 'csv') return send(reply, format, lang, fileName, processorRecordCsv(record));
        if (format === 'pdf') return send(reply, format, lang, fileName, await processorRecordPdf(record));
        return send(reply, format, lang, fileName, processorRecordHtml(record));
      },
    );

    app.get(
      '/api/v1/controllers/:controllerId/registers/:registerId/notice-changes',
      {
        schema: {
          tags: ['records'],
          summary: 'Customers queued to be told of each description version that changed their processing',
          params: z.object({ controllerId: z.string(), registerId: z.string() }),
          response: {
            200: z.object({
              items: z.array(
                z.object({ version: z.number().int(), queued: z.number().int(), delivered: z.number().int() }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const controllerId = pathId(request.params.controllerId, 'Controller');
        const registerId = pathId(request.params.registerId, 'Register');
        await requirePermission(db, request, controllerId, 'register.read');
        return inTenant(db, controllerId, async (tx) => {
          await registerService(tx).assertOwned(controllerId, registerId);
          return { items: await noticeChangeCounts(tx, controllerId, registerId) };
        });
      },
    );
  };
}
