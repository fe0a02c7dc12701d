import type {} from '@fastify/cookie';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { DomainError } from '../../errors.ts';
import { portalAuth, PORTAL_SESSION_HOURS } from './portal-auth.service.ts';
import type { PortalLanguage } from './portal-mail.ts';
import {
  OIDC_CALLBACK_PATH,
  OIDC_COOKIE_PATH,
  OIDC_FLOW_COOKIE,
  OIDC_FLOW_MINUTES,
  OidcSignInError,
  portalOidc,
} from './portal-oidc.ts';
import { PORTAL_COOKIE } from './portal.routes.ts';

const tags = ['portal'];

const configSchema = z.object({ oidc: z.object({ name: z.string() }).nullable() });

/** Where the person lands in the portal, in the language they started in. */
const portalPage = (query: string, lang: PortalLanguage | null) => `/oma?${query}${lang ? `&lang=${lang}` : ''}`;

/**
 * Sign-in to the portal by strong identification (OpenID Connect), where an identity provider is
 * configured: the start redirects to the provider, the callback opens a portal session.
 */
export function portalOidcRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { database, mailer, config, secretBox } = deps;
  const auth = portalAuth(database.db, mailer, config);
  const oidc = config.oidc
    ? portalOidc(config.oidc, secretBox, { allowTemporaryIdentityCodes: config.env !== 'production' })
    : null;
  // Read per request: a server started on port 0 learns its address after the routes exist.
  const secure = () => config.publicUrl.startsWith('https:');
  const redirectUri = () => `${config.publicUrl}${OIDC_CALLBACK_PATH}`;
  const noStore = (reply: FastifyReply) => void reply.header('cache-control', 'no-store');

  return async (app) => {
    app.get(
      '/api/v1/portal/config',
      {
        schema: {
          tags,
          summary: 'How a person may sign in: oidc names the identity provider when strong identification is offered',
          response: { 200: configSchema },
        },
      },
      async () => ({ oidc: oidc ? { name: oidc.name } : null }),
    );

    app.get(
      '/oma/oidc/start',
      {
        schema: {
          tags,
          summary: 'Begin strong identification: a redirect to the identity provider (404 when none is configured)',
          querystring: z.object({ lang: z.enum(['fi', 'sv', 'en']).default('fi') }),
        },
      },
      async (request, reply) => {
        if (!oidc) throw new DomainError('not_found', 'Strong identification is not configured');
        const { lang } = request.query;
        noStore(reply);
        try {
          const { location, flowCookie } = await oidc.start(redirectUri(), lang);
          void reply.setCookie(OIDC_FLOW_COOKIE, flowCookie, {
            httpOnly: true,
            // Lax: the provider's redirect back is a top-level GET from another site.
            sameSite: 'lax',
            secure: secure(),
            path: OIDC_COOKIE_PATH,
            maxAge: OIDC_FLOW_MINUTES * 60,
          });
          return reply.redirect(location, 302);
        } catch (error) {
          const reason = error instanceof OidcSignInError ? error.reason : 'internal';
          request.log.warn({ reason }, 'portal e-ID sign-in could not start');
          return reply.redirect(portalPage('loginError=oidc', lang), 302);
        }
      },
    );

    app.get(
      OIDC_CALLBACK_PATH,
      {
        schema: {
          tags,
          summary: "The identity provider's answer: opens a portal session and redirects to /oma",
          description:
            'Success: 302 to /oma?signedIn=oidc with the cookie omadata_portal. Any failure (state, provider error, denied consent, expiry): 302 to /oma?loginError=oidc.',
        },
      },
      async (request, reply) => {
        if (!oidc) throw new DomainError('not_found', 'Strong identification is not configured');
        noStore(reply);
        const flowCookie = request.cookies?.[OIDC_FLOW_COOKIE];
        const lang = oidc.languageOf(flowCookie);
        // The flow is spent whatever happens: an answer is accepted once.
        void reply.clearCookie(OIDC_FLOW_COOKIE, {
          httpOnly: true,
          sameSite: 'lax',
          secure: secure(),
          path: OIDC_COOKIE_PATH,
        });
        const callbackUrl = new URL(redirectUri());
        callbackUrl.search = new URL(request.url, 'http://callback.invalid').search;
        try {
          const identity = await oidc.finish(callbackUrl, flowCookie, request.log);
          const opened = await auth.openIdentifiedSession(identity);
          void reply.setCookie(PORTAL_COOKIE, opened.token, {
            httpOnly: true,
            sameSite: 'lax',
            secure: secure(),
            path: '/',
            maxAge: PORTAL_SESSION_HOURS * 3600,
          });
          return reply.redirect(portalPage('signedIn=oidc', lang), 302);
        } catch (error) {
          if (error instanceof OidcSignInError) {
            request.log.warn(
              { reason: error.reason, providerError: error.providerError, check: error.check },
              'portal e-ID sign-in failed',
            );
          } else {
            request.log.error({ err: { name: (error as Error).name } }, 'portal e-ID sign-in failed');
          }
          return reply.redirect(portalPage('loginError=oidc', lang), 302);
        }
      },
    );
  };
}
