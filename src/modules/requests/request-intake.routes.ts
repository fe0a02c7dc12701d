import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { DomainError } from '../../errors.ts';
import { pathId } from '../../http/ids.ts';
import { languageOf } from '../consents/unsubscribe-page.ts';
import type { Language } from '../registers/localized.ts';
import {
  renderConfirmPage,
  renderFormNotFound,
  renderRateLimited,
  renderRequestForm,
  renderRequestSent,
  type FormState,
  type IntakeField,
} from './request-form-page.ts';
import { intakeBodySchema, requestIntake } from './request-intake.service.ts';

const tags = ['requests'];

const receiptSchema = z.object({
  requestId: z.string(),
  receivedAt: z.string(),
  /** The legal due date (YYYY-MM-DD, Finnish calendar): one month from receipt. */
  dueDate: z.string(),
});

/** The public pages load nothing from elsewhere and run no scripts. */
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const FIELDS: readonly IntakeField[] = ['types', 'name', 'email', 'message'];

function sendPage(reply: FastifyReply, status: number, lang: Language, body: string) {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('content-language', lang)
    .header('content-security-policy', CSP)
    .type('text/html; charset=utf-8')
    .send(body);
}

const isDomain = (error: unknown, code: string): error is DomainError =>
  error instanceof DomainError && error.code === code;

/**
 * The public intake of a register: the JSON API, the HTML form that posts to the same service, and
 * the email round-trip. No login: requests are counted per address and per client.
 */
export function requestIntakeRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const intake = requestIntake(deps.database.db, deps.mailer, deps.config);

  return async (app) => {
    app.post(
      '/api/v1/registers/:registerId/requests',
      {
        schema: {
          tags,
          summary:
            "A person's request about their data (public, no key): stored unverified, with a confirmation link mailed to the address; answers the same whether or not the address is a customer's",
          description:
            'Counted per email address (5 an hour) and per client (20 an hour); beyond that 429 with `retryAfterSeconds`. `dueDate` is one month from receipt in the Finnish calendar.',
          params: z.object({ registerId: z.string() }),
          body: intakeBodySchema,
          response: { 202: receiptSchema },
        },
      },
      async (request, reply) => {
        const registerId = pathId(request.params.registerId, 'Register');
        const { types, email, name, message, lang } = request.body;
        const receipt = await intake.submit(
          registerId,
          { types, email, name, message, lang: lang ?? languageOf(undefined, request.headers['accept-language']) },
          request.ip,
        );
        return reply.code(202).header('cache-control', 'no-store').send({
          requestId: receipt.requestId,
          receivedAt: receipt.receivedAt.toISOString(),
          dueDate: receipt.dueDate,
        });
      },
    );

    const pagePlugin: FastifyPluginAsyncZod = async (pages) => {
      // The HTML forms post urlencoded; read here only, field by field.
      pages.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string', bodyLimit: 64 * 1024 },
        (_request, body, done) => done(null, body),
      );
      const formOf = (body: unknown) => new URLSearchParams(typeof body === 'string' ? body : '');
      const langQuery = z.object({ lang: z.string().max(10).optional() });

      /** The register's form, or null when there is none (unknown or malformed id). */
      async function formFor(registerId: string, lang: Language) {
        try {
          return await intake.formFor(pathId(registerId, 'Register'), lang);
        } catch (error) {
          if (isDomain(error, 'not_found')) return null;
          throw error;
        }
      }

      pages.get(
        '/requests/new',
        {
          schema: {
            tags,
            summary: "The request form of a register (HTML, fi/sv/en): the controller's and the register's names",
            querystring: langQuery.extend({ register: z.string().optional() }),
          },
        },
        async (request, reply) => {
          const lang = languageOf(request.query.lang, request.headers['accept-language']);
          const registerId = request.query.register ?? '';
          const names = await formFor(registerId, lang);
          if (!names) return sendPage(reply, 404, lang, renderFormNotFound(lang));
          const state: FormState = {
            registerId: registerId.toLowerCase(),
            ...names,
            values: { types: [], name: '', email: '', message: '' },
            errors: {},
          };
          return sendPage(reply, 200, lang, renderRequestForm(state, lang));
        },
      );

      pages.post(
        '/requests/new',
        {
          schema: {
            tags,
            summary:
              'Send the request form (urlencoded): the form again with each bad field named, or "check your email"',
            querystring: langQuery,
          },
        },
        async (request, reply) => {
          const form = formOf(request.body);
          const lang = languageOf(form.get('lang') ?? request.query.lang, request.headers['accept-language']);
          const registerId = form.get('register') ?? '';
          const names = await formFor(registerId, lang);
          if (!names) return sendPage(reply, 404, lang, renderFormNotFound(lang));
          const values = {
            types: [...new Set(form.getAll('types'))],
            name: form.get('name') ?? '',
            email: (form.get('email') ?? '').trim(),
            // Browsers send line breaks as CRLF but count them as one character against maxlength.
            message: (form.get('message') ?? '').replace(/\r\n/g, '\n'),
          };
          const parsed = intakeBodySchema.safeParse({ ...values, lang });
          if (!parsed.success) {
            const errors: FormState['errors'] = {};
            for (const issue of parsed.error.issues) {
              const field = FIELDS.find((f) => f === issue.path[0]);
              if (field && !errors[field]) errors[field] = issue.code === 'too_big' ? 'too_long' : 'invalid';
            }
            const state = { registerId: registerId.toLowerCase(), ...names, values, errors };
            return sendPage(reply, 422, lang, renderRequestForm(state, lang));
          }
          try {
            const receipt = await intake.submit(registerId.toLowerCase(), { ...parsed.data, lang }, request.ip);
            const sent = { merchant: names.merchant, email: parsed.data.email, dueDate: receipt.dueDate };
            return sendPage(reply, 200, lang, renderRequestSent(sent, lang));
          } catch (error) {
            if (isDomain(error, 'rate_limited')) {
              const seconds = Number(error.extensions.retryAfterSeconds);
              void reply.header('retry-after', String(seconds));
              return sendPage(reply, 429, lang, renderRateLimited(lang, seconds));
            }
            if (isDomain(error, 'not_found')) return sendPage(reply, 404, lang, renderFormNotFound(lang));
            throw error;
          }
        },
      );

      // Link scanners open links in mail: opening the link only shows the request and a button;
      // the button's POST confirms.
      pages.get(
        '/requests/confirm',
        {
          schema: {
            tags,
            summary:
              'The confirmation link of a request sent by the form: shows the request and a button; spends nothing',
            querystring: langQuery.extend({ token: z.string().max(1000).optional() }),
          },
        },
        async (request, reply) => {
          const lang = languageOf(request.query.lang, request.headers['accept-language']);
          const token = request.query.token ?? '';
          const view = await intake.peek(token, lang);
          if (!view) return sendPage(reply, 400, lang, renderConfirmPage({ kind: 'invalid' }, lang));
          return sendPage(reply, 200, lang, renderConfirmPage({ kind: 'ask', token, ...view }, lang));
        },
      );

      pages.post(
        '/requests/confirm',
        {
          schema: {
            tags,
            summary:
              'Confirm a request sent by the form (urlencoded `token`): the identity is verified by the email round-trip; the link is spent',
            querystring: langQuery,
          },
        },
        async (request, reply) => {
          const form = formOf(request.body);
          const lang = languageOf(request.query.lang, request.headers['accept-language']);
          const token = form.get('token') ?? '';
          const view = await intake.confirm(token, lang);
          if (!view) return sendPage(reply, 400, lang, renderConfirmPage({ kind: 'invalid' }, lang));
          return sendPage(reply, 200, lang, renderConfirmPage({ kind: 'done', token: '', ...view }, lang));
        },
      );
    };
    await app.register(pagePlugin);
  };
}
