import type { PortalOidcMessageKey } from './fi.ts';

/** The portal's messages for strong identification in Swedish: the keys of fi.ts. */
export const portalOidcSv: { readonly [K in PortalOidcMessageKey]: string } = {
  'oma.oidc.heading': 'Stark autentisering',
  'oma.oidc.intro':
    'Du kan också identifiera dig med nätbankskoder, mobilcertifikat eller identitetskort. Då ser du också de uppgifter som butikerna har sparat utifrån din personbeteckning eller ditt telefonnummer.',
  'oma.oidc.button': 'Identifiera dig: {name}',
  'oma.oidc.loginError': 'Identifieringen lyckades inte eller avbröts. Försök igen eller logga in med en e-postlänk.',
  'oma.oidc.signedIn': 'Inloggad med stark elektronisk identifiering',
};
