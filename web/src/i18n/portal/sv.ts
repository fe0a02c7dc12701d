import type { PortalMessageKey } from './fi.ts';

export const portalSv: { readonly [K in PortalMessageKey]: string } = {
  'oma.login.heading': 'Logga in med en e-postlänk',
  'oma.login.intro':
    'Ange den e-postadress du har använt i webbutiker. Vi skickar en inloggningslänk till den, så ser du vad alla butiker som använder Omadata har sparat om dig.',
  'oma.login.email': 'E-postadress',
  'oma.login.language': 'Meddelandets språk',
  'oma.login.submit': 'Skicka inloggningslänk',
  'oma.login.emailMissing': 'Skriv en e-postadress, till exempel namn@exempel.fi.',
  'oma.login.sentHeading': 'Titta i din e-post',
  'oma.login.sentBody':
    'Om adressen {email} har uppgifter i någon butik som använder Omadata har en inloggningslänk nu skickats till den. Länken fungerar en gång och går snart ut.',
  'oma.login.again': 'Skicka en länk till en annan adress',
  'oma.login.rateLimited': 'För många länkar har begärts. Försök igen om {minutes} minuter.',

  'oma.landing.signingIn': 'Loggar in…',
  'oma.landing.invalid':
    'Den här inloggningslänken har redan använts eller gått ut. Begär en ny länk med formuläret nedan.',
  'oma.landing.missing': 'Länken saknar inloggningskod. Begär en ny länk.',
  'oma.landing.toLogin': 'Begär en ny länk',

  'oma.signedInAs': 'Inloggad: {email}',
  'oma.logout': 'Logga ut',
  'oma.loggedOut': 'Du har loggat ut.',
  'oma.noMerchants': 'Ingen butik som använder Omadata har uppgifter om dig.',
  'oma.merchantsIntro': 'Dessa butiker har sparat uppgifter om dig. Du kan bestämma över dem på den här sidan.',

  'oma.merchant.businessId': 'FO-nummer',
  'oma.merchant.contact': 'Kontaktuppgifter i dataskyddsfrågor',
  'oma.merchant.noContact': 'Butiken har inte angett kontaktuppgifter.',

  'oma.register.purposes': 'Vad dina uppgifter används till',
  'oma.register.legalBasis': 'Grund: {basis}',
  'oma.register.notice': 'Dataskyddsbeskrivning: {name}',
  'oma.register.yourData': 'Dina uppgifter',
  'oma.register.dataCaption': 'Dina sparade uppgifter',
  'oma.register.field': 'Uppgift',
  'oma.register.value': 'Värde',
  'oma.register.noData': 'Butiken har inga andra uppgifter om dig.',
  'oma.register.orders': 'Beställningar',
  'oma.register.ordersCaption': 'Dina beställningar i den här butiken',
  'oma.register.noOrders': 'Inga beställningar.',
  'oma.register.history': 'Behandlingen av dina uppgifter',
  'oma.register.historyCaption': 'Vem behandlade dina uppgifter, när och varför',
  'oma.register.noHistory': 'Dina uppgifter har inte behandlats.',

  'legalBasis.contract': 'avtal (till exempel att leverera din beställning)',
  'legalBasis.consent': 'ditt samtycke',
  'legalBasis.legitimate_interest': 'butikens berättigade intresse',
  'legalBasis.legal_obligation': 'rättslig förpliktelse (till exempel bokföring)',
  'legalBasis.vital_interest': 'grundläggande intresse',
  'legalBasis.public_task': 'uppgift av allmänt intresse',

  'oma.permissions.heading': 'Marknadsföringstillstånd',
  'oma.permissions.intro':
    'Varje cell visar om butiken får använda kanalen för detta ändamål. Med knappen ger du eller återkallar tillståndet med ett klick.',
  'oma.permissions.give': 'Ge tillstånd',
  'oma.permissions.withdraw': 'Återkalla tillstånd',
  'oma.permissions.cellAction': '{action}: {purpose}, {channel}',
  'oma.permissions.given': 'Tillstånd givet: {purpose}, {channel}.',
  'oma.permissions.withdrawn': 'Tillstånd återkallat: {purpose}, {channel}.',
  'oma.permissions.forbidAll': 'Förbjud all direktmarknadsföring',
  'oma.permissions.forbidAllHint': 'Butiken får inte längre skicka dig marknadsföring i någon kanal.',
  'oma.permissions.forbidden': 'All direktmarknadsföring är förbjuden.',
  'oma.permissions.history': 'Historiken för dina tillstånd',
  'oma.permissions.historyCaption': 'När tillstånd gavs, återkallades eller förbjöds',

  'oma.restriction.heading': 'Begränsning av behandlingen',
  'oma.restriction.intro':
    'Du kan begära att butiken bara sparar dina uppgifter och inte använder dem till annat, till exempel medan du utreder om de är riktiga.',
  'oma.restriction.on': 'Behandlingen av dina uppgifter är begränsad.',
  'oma.restriction.off': 'Behandlingen av dina uppgifter är inte begränsad.',
  'oma.restriction.reason': 'Orsak',
  'oma.restriction.reasonHint': 'Till exempel: min adress är fel och måste rättas först.',
  'oma.restriction.restrict': 'Begränsa behandlingen',
  'oma.restriction.lift': 'Häv begränsningen',
  'oma.restriction.restricted': 'Behandlingen är nu begränsad.',
  'oma.restriction.lifted': 'Begränsningen är hävd.',

  'oma.erasure.heading': 'Radera uppgifterna i den här butiken',
  'oma.erasure.intro':
    'Butiken raderar dina uppgifter. Lagen kan kräva att en del sparas (till exempel för bokföringen); rapporten visar vad som sparas, varför och hur länge.',
  'oma.erasure.start': 'Radera mina uppgifter i den här butiken',
  'oma.erasure.confirm': 'Radera dina uppgifter hos {merchant}? Raderingen kan inte ångras.',
  'oma.erasure.yes': 'Ja, radera mina uppgifter',
  'oma.erasure.done': 'Dina uppgifter har raderats. Nedan finns en rapport om vad som raderades och vad som sparas.',
};
