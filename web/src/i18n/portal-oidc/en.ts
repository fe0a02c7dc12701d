import type { PortalOidcMessageKey } from './fi.ts';

/** The portal's messages for strong identification in English: the keys of fi.ts. */
export const portalOidcEn: { readonly [K in PortalOidcMessageKey]: string } = {
  'oma.oidc.heading': 'Strong identification',
  'oma.oidc.intro':
    'You can also identify yourself with your online banking codes, a mobile certificate or an ID card. You will then also see the data that shops have saved under your personal identity code or phone number.',
  'oma.oidc.button': 'Identify with {name}',
  'oma.oidc.loginError':
    'The identification did not succeed or was cancelled. Try again, or sign in with an email link.',
  'oma.oidc.signedIn': 'Signed in with e-identification',
};
