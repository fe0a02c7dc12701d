import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { inTenant } from '../../db/tenant.ts';
import { appendEvents } from '../audit/audit.service.ts';
import { pick } from '../registers/localized.ts';
import { registerService } from '../registers/register.service.ts';
import { decide, purposeInfo, SALE_AND_SHARING, type LedgerEvent, type PurposeInfo } from './consent-rules.ts';
import { consentService, type NewConsentEvent } from './consent.service.ts';
import { languageOf, renderUnsubscribePage, type UnsubscribePage } from './unsubscribe-page.ts';
import { readUnsubscribeToken, type UnsubscribeScope } from './unsubscribe-token.ts';

/** `show_all`: the confirmation page of "forbid all" seen again (a language link): acts only if nothing is in force. */
type Mode = 'withdraw' | 'all' | 'show_all';

/** A Global Privacy Control signal from the person's own browser (https://privacycg.github.io/gpc-spec/). */
export function hasGpc(request: FastifyRequest): boolean {
  return request.headers['sec-gpc'] === '1';
}

/** Whether the ledger already holds an objection to sale and sharing that is in force. */
export function gpcInForce(events: readonly LedgerEvent[]): boolean {
  const sharing: PurposeInfo = { key: SALE_AND_SHARING, class: 'other_marketing', sharing: true };
  const d = decide({
    subject: { kind: 'person', restrictedAt: null, erasedAt: null, hasOrders: false },
    events,
    channel: 'email',
    purpose: sharing,
    existingCustomerMarketing: false,
  });
  return d.reason === 'gpc' || d.reason === 'objection';
}

export function unsubscribeRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { database, secretBox } = deps;

  async function act(scope: UnsubscribeScope, mode: Mode, request: FastifyRequest): Promise<UnsubscribePage> {
    let register;
    try {
      register = await registerService(database.db).loadAny(scope.registerId);
    } catch {
      return { kind: 'gone' };
    }
    const controllerId = register.controllerId;
    return inTenant(database.db, controllerId, async (tx) => {
      const consents = consentService(tx);
      const [standing] = await consents.standings(scope.registerId, { subjectId: scope.subjectId }, null);
      if (!standing || standing.erasedAt) return { kind: 'gone' } as const;
      const controller = await tx
        .selectFrom('controllers')
        .select('name')
        .where('id', '=', controllerId)
        .executeTakeFirstOrThrow();
      // A purpose taken out of the description later still gets its no.
      const declared = register.description.purposes.find((p) => p.key === scope.purpose);
      const info = purposeInfo(register.description, scope.purpose) ?? {
        key: scope.purpose,
        class: 'marketing' as const,
        sharing: false,
      };
      const now = new Date();
      const base = {
        controllerId,
        registerId: scope.registerId,
        subjectId: scope.subjectId,
        noticeVersion: register.version,
        occurredAt: now,
        ip: request.ip,
      };
      const events: NewConsentEvent[] = [];
      const current = decide({
        subject: standing,
        events: standing.events,
        channel: scope.channel,
        purpose: info,
        existingCustomerMarketing: register.description.existingCustomerMarketing,
      });
      const alreadyRefused = !current.allowed && ['withdrawal', 'prohibition', 'objection'].includes(current.reason);
      let kind: 'done' | 'already' | 'all_done';
      const objected = !current.allowed && current.reason === 'objection';
      if (mode === 'show_all' && objected) {
        kind = 'all_done';
      } else if (mode === 'withdraw' || mode === 'show_all') {
        if (!alreadyRefused) {
          events.push({
            ...base,
            kind: 'consent_withdrawn',
            channel: scope.channel,
            purpose: scope.purpose,
            source: 'unsubscribe',
            evidence: { method: request.method === 'POST' ? 'one_click_post' : 'link' },
          });
        }
        kind = alreadyRefused ? 'already' : 'done';
      } else {
        // "Stop all marketing": an objection to direct marketing on every channel, absolute (GDPR 21(3)).
        events.push({
          ...base,
          kind: 'objection',
          channel: null,
          purpose: 'direct_marketing',
          source: 'unsubscribe',
          evidence: { method: 'all_marketing_form' },
        });
        kind = 'all_done';
      }
      const gpc = hasGpc(request) && !gpcInForce(standing.events);
      if (gpc) {
        events.push({
          ...base,
          kind: 'objection',
          channel: null,
          purpose: SALE_AND_SHARING,
          source: 'gpc',
          evidence: { header: 'Sec-GPC: 1' },
        });
      }
      if (events.length > 0) {
        await consents.record(events);
        await appendEvents(
          tx,
          controllerId,
          { type: 'subject', id: scope.subjectId },
          events.map((e) => ({
            registerId: scope.registerId,
            subjectId: scope.subjectId,
            action: e.kind === 'consent_withdrawn' ? 'consent.withdrawn' : 'consent.objected',
            purpose: 'consent_management',
            fields: ['marketingPermissions'],
          })),
        );
      }
      const lang = languageOf((request.query as { lang?: string }).lang, request.headers['accept-language']);
      return {
        kind,
        merchant: controller.name,
        channel: scope.channel,
        purpose: scope.purpose,
        purposeName: declared ? pick(declared.name, lang) : null,
        gpcRecorded: gpc,
        allAction: kind === 'all_done' ? null : `/unsubscribe/${encodeURIComponent(tokenOf(request))}/all`,
      } satisfies UnsubscribePage;
    });
  }

  const tokenOf = (request: FastifyRequest) => (request.params as { token: string }).token;

  async function handle(request: FastifyRequest, reply: FastifyReply, mode: Mode) {
    const lang = languageOf((request.query as { lang?: string }).lang, request.headers['accept-language']);
    const token = tokenOf(request);
    const scope = readUnsubscribeToken(secretBox, token);
    const page: UnsubscribePage = scope ? await act(scope, mode, request) : { kind: 'invalid' };
    const selfPath = `/unsubscribe/${encodeURIComponent(token)}${mode === 'all' ? '/all' : ''}`;
    return reply
      .code(page.kind === 'invalid' ? 400 : 200)
      .header('cache-control', 'no-store')
      .header('content-language', lang)
      .type('text/html; charset=utf-8')
      .send(renderUnsubscribePage(page, lang, selfPath));
  }

  return async (app) => {
    // RFC 8058: mail programs post "List-Unsubscribe=One-Click" as a form; the token is the whole
    // authority, so the body is read only to be accepted.
    app.addContentTypeParser(
      ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'],
      { parseAs: 'string', bodyLimit: 16 * 1024 },
      (_request, body, done) => done(null, body),
    );
    const params = z.object({ token: z.string().max(1000) });
    const querystring = z.object({ lang: z.string().max(10).optional() });
    const schema = { tags: ['consents'], params, querystring, hide: false };

    app.get(
      '/unsubscribe/:token',
      { schema: { ...schema, summary: 'One-click unsubscribe link: withdraws at once and confirms' } },
      (request, reply) => handle(request, reply, 'withdraw'),
    );
    app.post(
      '/unsubscribe/:token',
      {
        schema: {
          ...schema,
          summary: 'RFC 8058 one-click unsubscribe (List-Unsubscribe-Post: List-Unsubscribe=One-Click)',
        },
      },
      (request, reply) => handle(request, reply, 'withdraw'),
    );
    app.get('/unsubscribe/:token/all', { schema: { ...schema, hide: true } }, (request, reply) =>
      handle(request, reply, 'show_all'),
    );
    app.post(
      '/unsubscribe/:token/all',
      { schema: { ...schema, summary: 'Forbid all marketing from the merchant (objection, GDPR 21(3))' } },
      (request, reply) => handle(request, reply, 'all'),
    );
  };
}
