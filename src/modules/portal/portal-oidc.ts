import * as client from 'openid-client';
import { isLoopback, type OidcConfig } from '../../config.ts';
import type { SecretBox } from '../../crypto/secret-box.ts';
import { parseHenkilotunnus } from '../../validation/henkilotunnus.ts';
import { normalizePhone } from '../../validation/phone.ts';
import { emailKeyOf } from './portal-auth.service.ts';
import type { PortalLanguage } from './portal-mail.ts';
import type { PortalIdentity } from './portal.repository.ts';

/** The browser's half of a sign-in in progress (see docs/decisions/0011-portal-oidc.md). */
export const OIDC_FLOW_COOKIE = 'omadata_oidc';
export const OIDC_FLOW_MINUTES = 10;
export const OIDC_CALLBACK_PATH = '/oma/oidc/callback';
/** The cookie goes only to the start and the callback. */
export const OIDC_COOKIE_PATH = '/oma/oidc';

/** The provider's metadata is read again after this long, so that a changed endpoint is picked up. */
const DISCOVERY_TTL_MS = 3600_000;
const FLOW_SIGNATURE_CONTEXT = 'portal-oidc-flow.v1.';

/** Why a sign-in failed, in words that name no person; the route logs it and sends the person back. */
export class OidcSignInError extends Error {
  constructor(
    public readonly reason:
      'no_flow' | 'bad_flow' | 'expired' | 'provider_unavailable' | 'rejected' | 'no_id_token' | 'no_verified_key',
    /** The OAuth error code the provider answered (access_denied, invalid_grant, …), if any. */
    public readonly providerError: string | null = null,
    /** openid-client's code for what failed its checks (e.g. OAUTH_JWT_CLAIM_COMPARISON_FAILED). */
    public readonly check: string | null = null,
  ) {
    super(`OpenID Connect sign-in failed: ${reason}`);
    this.name = 'OidcSignInError';
  }
}

interface FlowState {
  state: string;
  nonce: string;
  verifier: string;
  lang: PortalLanguage;
  /** Seconds since the epoch. */
  expires: number;
}

type Claims = Record<string, unknown>;

interface Log {
  warn: (o: object, m: string) => void;
}

/** An OAuth error code is a short token; anything else (or a value that could carry data) is not logged. */
const oauthErrorCode = (value: unknown): string | null =>
  typeof value === 'string' && /^[a-z_]{1,40}$/.test(value) ? value : null;

/**
 * Strong identification by OpenID Connect (authorization code flow with PKCE S256, state and
 * nonce) through openid-client. The provider's metadata is discovered once and cached; the
 * verifier, state and nonce travel in a short-lived signed HttpOnly cookie.
 */
export function portalOidc(
  settings: OidcConfig,
  secretBox: SecretBox,
  options: { allowTemporaryIdentityCodes: boolean },
) {
  const issuer = new URL(settings.issuer);
  // Plain HTTP is accepted by the configuration only for a provider on this machine.
  const insecure = issuer.protocol === 'http:' && isLoopback(issuer.hostname);
  let discovered: { at: number; configuration: Promise<client.Configuration> } | null = null;

  function configuration(): Promise<client.Configuration> {
    if (!discovered || Date.now() - discovered.at > DISCOVERY_TTL_MS) {
      const pending = client
        .discovery(
          issuer,
          settings.clientId,
          { client_secret: settings.clientSecret },
          client.ClientSecretBasic(settings.clientSecret),
          { timeout: 10, execute: insecure ? [client.allowInsecureRequests] : [] },
        )
        .catch((error: unknown) => {
          // A provider that was down is asked again on the next sign-in.
          if (discovered?.configuration === pending) discovered = null;
          throw error;
        });
      discovered = { at: Date.now(), configuration: pending };
    }
    return discovered.configuration;
  }

  function sealFlow(flow: FlowState): string {
    const payload = Buffer.from(JSON.stringify(flow)).toString('base64url');
    return `${payload}.${secretBox.sign(FLOW_SIGNATURE_CONTEXT + payload)}`;
  }

  function openFlow(cookie: string | undefined): FlowState {
    if (!cookie) throw new OidcSignInError('no_flow');
    const [payload, signature] = cookie.split('.');
    if (!payload || !signature || !secretBox.verify(FLOW_SIGNATURE_CONTEXT + payload, signature)) {
      throw new OidcSignInError('bad_flow');
    }
    const flow = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as FlowState;
    if (flow.expires * 1000 < Date.now()) throw new OidcSignInError('expired');
    return flow;
  }

  /** The keys a customer may be matched on, each only as far as the provider vouches for it. */
  function identityOf(sources: Claims[], log: Log): PortalIdentity {
    const identity: PortalIdentity = { emailKey: null, phone: null, hetuLookup: null };
    // An address the provider has not verified could be anyone's: it opens nothing.
    const email = sources.find((c) => typeof c.email === 'string' && c.email_verified === true)?.email as
      string | undefined;
    if (email && email.length <= 254 && /^[^@\s]+@[^@\s]+$/.test(email.trim())) identity.emailKey = emailKeyOf(email);

    const phone = sources.find((c) => typeof c.phone_number === 'string' && c.phone_number_verified === true)
      ?.phone_number as string | undefined;
    if (phone) {
      identity.phone = normalizePhone(phone, 'FI');
      if (!identity.phone) log.warn({ reason: 'invalid_phone_claim' }, 'ignored an identity provider phone number');
    }

    const hetu = sources.find((c) => typeof c[settings.hetuClaim] === 'string')?.[settings.hetuClaim] as
      string | undefined;
    if (hetu) {
      const parsed = parseHenkilotunnus(hetu, { allowTemporary: options.allowTemporaryIdentityCodes });
      // The same keyed hash as orders store in subjects.hetu_lookup, of the same normalised form.
      if (parsed.ok) identity.hetuLookup = secretBox.lookupHash(parsed.normalized);
      else log.warn({ reason: `invalid_identity_code_${parsed.reason}` }, 'ignored an identity provider identity code');
    }
    return identity;
  }

  return {
    name: settings.name,

    /** Where to send the person, and the cookie that binds the answer to this browser. */
    async start(redirectUri: string, lang: PortalLanguage): Promise<{ location: string; flowCookie: string }> {
      let config: client.Configuration;
      try {
        config = await configuration();
      } catch {
        throw new OidcSignInError('provider_unavailable');
      }
      const verifier = client.randomPKCECodeVerifier();
      const flow: FlowState = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        verifier,
        lang,
        expires: Math.floor(Date.now() / 1000) + OIDC_FLOW_MINUTES * 60,
      };
      // The identity code is not a standard claim: it is asked for by name, in the ID token and
      // from the userinfo endpoint. A provider that does not know the claims parameter ignores it.
      const wanted = { [settings.hetuClaim]: { essential: true } };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid email phone',
        response_type: 'code',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state: flow.state,
        nonce: flow.nonce,
        claims: JSON.stringify({ id_token: wanted, userinfo: wanted }),
        ui_locales: lang,
      });
      return { location: url.href, flowCookie: sealFlow(flow) };
    },

    /** The flow's language, if the cookie is ours and readable: the person is sent back in it. */
    languageOf(cookie: string | undefined): PortalLanguage | null {
      try {
        return openFlow(cookie).lang;
      } catch {
        return null;
      }
    },

    /**
     * Checks the provider's answer (state, PKCE, the ID token's signature, issuer, audience, nonce
     * and times: all by openid-client) and answers what it verified.
     */
    async finish(callbackUrl: URL, cookie: string | undefined, log: Log): Promise<PortalIdentity> {
      const flow = openFlow(cookie);
      let config: client.Configuration;
      try {
        config = await configuration();
      } catch {
        throw new OidcSignInError('provider_unavailable');
      }
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      let userinfo: Claims = {};
      try {
        tokens = await client.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: flow.verifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        const idClaims = tokens.claims();
        if (!idClaims) throw new OidcSignInError('no_id_token');
        if (config.serverMetadata().userinfo_endpoint) {
          userinfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        }
        const identity = identityOf([idClaims, userinfo], log);
        if (!identity.emailKey && !identity.phone && !identity.hetuLookup) throw new OidcSignInError('no_verified_key');
        return identity;
      } catch (error) {
        if (error instanceof OidcSignInError) throw error;
        const { error: providerError, code } = error as { error?: unknown; code?: unknown };
        throw new OidcSignInError(
          'rejected',
          oauthErrorCode(providerError),
          typeof code === 'string' && /^[A-Z_]{1,60}$/.test(code) ? code : null,
        );
      }
    },
  };
}

export type PortalOidc = ReturnType<typeof portalOidc>;
