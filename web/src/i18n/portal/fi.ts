/**
 * The portal's (/oma) messages in Finnish, the reference: sv.ts and en.ts in this folder have
 * exactly these keys. They are part of the app's catalogue (../fi.ts spreads them in).
 */
export const portalFi = {
  'oma.login.heading': 'Kirjaudu sähköpostilinkillä',
  'oma.login.intro':
    'Anna sähköpostiosoite, jota olet käyttänyt verkkokaupoissa. Lähetämme siihen kirjautumislinkin, jolla näet kaikkien Omadataa käyttävien kauppojen sinusta tallentamat tiedot.',
  'oma.login.email': 'Sähköpostiosoite',
  'oma.login.language': 'Viestin kieli',
  'oma.login.submit': 'Lähetä kirjautumislinkki',
  'oma.login.emailMissing': 'Kirjoita sähköpostiosoite, esimerkiksi nimi@esimerkki.fi.',
  'oma.login.sentHeading': 'Katso sähköpostisi',
  'oma.login.sentBody':
    'Jos osoitteella {email} on tietoja jossakin Omadataa käyttävässä kaupassa, siihen on nyt lähetetty kirjautumislinkki. Linkki toimii kerran ja vanhenee pian.',
  'oma.login.again': 'Lähetä linkki toiseen osoitteeseen',
  'oma.login.rateLimited': 'Linkkejä on pyydetty liian monta. Yritä uudelleen {minutes} minuutin kuluttua.',

  'oma.landing.signingIn': 'Kirjaudutaan sisään…',
  'oma.landing.invalid':
    'Tämä kirjautumislinkki on jo käytetty tai vanhentunut. Pyydä uusi linkki alla olevalla lomakkeella.',
  'oma.landing.missing': 'Linkistä puuttuu kirjautumistunniste. Pyydä uusi linkki.',
  'oma.landing.toLogin': 'Pyydä uusi linkki',

  'oma.signedInAs': 'Kirjautuneena: {email}',
  'oma.logout': 'Kirjaudu ulos',
  'oma.loggedOut': 'Olet kirjautunut ulos.',
  'oma.noMerchants': 'Millään Omadataa käyttävällä kaupalla ei ole sinusta tietoja.',
  'oma.merchantsIntro': 'Nämä kaupat ovat tallentaneet sinusta tietoja. Voit päättää niistä tällä sivulla.',

  'oma.merchant.businessId': 'Y-tunnus',
  'oma.merchant.contact': 'Yhteystiedot tietosuoja-asioissa',
  'oma.merchant.noContact': 'Kauppa ei ole ilmoittanut yhteystietoja.',

  'oma.register.purposes': 'Mihin tietojasi käytetään',
  'oma.register.legalBasis': 'Peruste: {basis}',
  'oma.register.notice': 'Tietosuojaseloste: {name}',
  'oma.register.yourData': 'Tietosi',
  'oma.register.dataCaption': 'Tallennetut tietosi',
  'oma.register.field': 'Tieto',
  'oma.register.value': 'Arvo',
  'oma.register.noData': 'Kaupalla ei ole sinusta muita tietoja.',
  'oma.register.orders': 'Tilaukset',
  'oma.register.ordersCaption': 'Tilauksesi tässä kaupassa',
  'oma.register.noOrders': 'Ei tilauksia.',
  'oma.register.history': 'Tietojesi käsittely',
  'oma.register.historyCaption': 'Kuka käsitteli tietojasi, milloin ja miksi',
  'oma.register.noHistory': 'Tietojasi ei ole käsitelty.',

  'legalBasis.contract': 'sopimus (esimerkiksi tilauksesi toimittaminen)',
  'legalBasis.consent': 'suostumuksesi',
  'legalBasis.legitimate_interest': 'kaupan oikeutettu etu',
  'legalBasis.legal_obligation': 'lakisääteinen velvoite (esimerkiksi kirjanpito)',
  'legalBasis.vital_interest': 'elintärkeä etu',
  'legalBasis.public_task': 'yleisen edun mukainen tehtävä',

  'oma.permissions.heading': 'Markkinointiluvat',
  'oma.permissions.intro':
    'Jokainen solu kertoo, saako kauppa käyttää kanavaa tähän tarkoitukseen. Painikkeella annat luvan tai perut sen yhdellä painalluksella.',
  'oma.permissions.give': 'Anna lupa',
  'oma.permissions.withdraw': 'Peru lupa',
  'oma.permissions.cellAction': '{action}: {purpose}, {channel}',
  'oma.permissions.given': 'Lupa annettu: {purpose}, {channel}.',
  'oma.permissions.withdrawn': 'Lupa peruttu: {purpose}, {channel}.',
  'oma.permissions.forbidAll': 'Kiellä kaikki suoramarkkinointi',
  'oma.permissions.forbidAllHint': 'Kauppa ei saa enää lähettää sinulle markkinointia missään kanavassa.',
  'oma.permissions.forbidden': 'Kaikki suoramarkkinointi on kielletty.',
  'oma.permissions.history': 'Lupiesi historia',
  'oma.permissions.historyCaption': 'Milloin lupia annettiin, peruttiin tai kiellettiin',

  'oma.restriction.heading': 'Käsittelyn rajoittaminen',
  'oma.restriction.intro':
    'Voit pyytää, että kauppa vain säilyttää tietojasi eikä käytä niitä muuhun, esimerkiksi kun selvität tietojen oikeellisuutta.',
  'oma.restriction.on': 'Tietojesi käsittely on rajoitettu.',
  'oma.restriction.off': 'Tietojesi käsittelyä ei ole rajoitettu.',
  'oma.restriction.reason': 'Syy',
  'oma.restriction.reasonHint': 'Esimerkiksi: osoitteeni on väärin, ja se pitää korjata ensin.',
  'oma.restriction.restrict': 'Rajoita käsittelyä',
  'oma.restriction.lift': 'Poista rajoitus',
  'oma.restriction.restricted': 'Käsittely on nyt rajoitettu.',
  'oma.restriction.lifted': 'Rajoitus on poistettu.',

  'oma.erasure.heading': 'Tietojen poistaminen tästä kaupasta',
  'oma.erasure.intro':
    'Kauppa poistaa tietosi. Laki voi velvoittaa säilyttämään osan tiedoista (esimerkiksi kirjanpidon vuoksi); raportti kertoo, mitä säilytetään, miksi ja kuinka kauan.',
  'oma.erasure.start': 'Poista tietoni tästä kaupasta',
  'oma.erasure.confirm': 'Poistetaanko tietosi kaupasta {merchant}? Poistoa ei voi perua.',
  'oma.erasure.yes': 'Kyllä, poista tietoni',
  'oma.erasure.done': 'Tietosi on poistettu. Alla on raportti siitä, mitä poistettiin ja mitä säilytetään.',
} satisfies Record<string, string>;

export type PortalMessageKey = keyof typeof portalFi;
