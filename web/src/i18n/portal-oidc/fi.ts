/**
 * The portal's messages for strong identification (OpenID Connect) in Finnish, the reference:
 * sv.ts and en.ts in this folder have exactly these keys. ../fi.ts spreads them in.
 */
export const portalOidcFi = {
  'oma.oidc.heading': 'Vahva tunnistautuminen',
  'oma.oidc.intro':
    'Voit myös tunnistautua verkkopankkitunnuksilla, mobiilivarmenteella tai henkilökortilla. Näet silloin myös tiedot, jotka kaupat ovat tallentaneet henkilötunnuksesi tai puhelinnumerosi perusteella.',
  'oma.oidc.button': 'Tunnistaudu: {name}',
  'oma.oidc.loginError':
    'Tunnistautuminen ei onnistunut tai se keskeytettiin. Yritä uudelleen tai kirjaudu sähköpostilinkillä.',
  'oma.oidc.signedIn': 'Kirjautuneena vahvalla sähköisellä tunnistautumisella',
};

export type PortalOidcMessageKey = keyof typeof portalOidcFi;
