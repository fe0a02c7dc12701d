import type { PortalMessageKey } from './fi.ts';

export const portalEn: { readonly [K in PortalMessageKey]: string } = {
  'oma.login.heading': 'Sign in with an email link',
  'oma.login.intro':
    'Enter the email address you have used in online shops. We will send a sign-in link to it, so you can see what every shop that uses Omadata has stored about you.',
  'oma.login.email': 'Email address',
  'oma.login.language': 'Language of the message',
  'oma.login.submit': 'Send a sign-in link',
  'oma.login.emailMissing': 'Enter an email address, for example name@example.com.',
  'oma.login.sentHeading': 'Check your email',
  'oma.login.sentBody':
    'If the address {email} has data in any shop that uses Omadata, a sign-in link has now been sent to it. The link works once and expires soon.',
  'oma.login.again': 'Send a link to another address',
  'oma.login.rateLimited': 'Too many links have been requested. Please try again in {minutes} minutes.',

  'oma.landing.signingIn': 'Signing in…',
  'oma.landing.invalid':
    'This sign-in link has already been used or has expired. Ask for a new link with the form below.',
  'oma.landing.missing': 'The link has no sign-in code. Ask for a new link.',
  'oma.landing.toLogin': 'Ask for a new link',

  'oma.signedInAs': 'Signed in as {email}',
  'oma.logout': 'Sign out',
  'oma.loggedOut': 'You have signed out.',
  'oma.noMerchants': 'No shop that uses Omadata has data about you.',
  'oma.merchantsIntro': 'These shops have stored data about you. You can decide about it on this page.',

  'oma.merchant.businessId': 'Business ID',
  'oma.merchant.contact': 'Contact for privacy matters',
  'oma.merchant.noContact': 'The shop has not given contact details.',

  'oma.register.purposes': 'What your data is used for',
  'oma.register.legalBasis': 'Legal basis: {basis}',
  'oma.register.notice': 'Privacy notice: {name}',
  'oma.register.yourData': 'Your data',
  'oma.register.dataCaption': 'Your stored data',
  'oma.register.field': 'Data',
  'oma.register.value': 'Value',
  'oma.register.noData': 'The shop has no other data about you.',
  'oma.register.orders': 'Orders',
  'oma.register.ordersCaption': 'Your orders in this shop',
  'oma.register.noOrders': 'No orders.',
  'oma.register.history': 'How your data was processed',
  'oma.register.historyCaption': 'Who processed your data, when and why',
  'oma.register.noHistory': 'Your data has not been processed.',

  'legalBasis.contract': 'a contract (for example delivering your order)',
  'legalBasis.consent': 'your consent',
  'legalBasis.legitimate_interest': "the shop's legitimate interest",
  'legalBasis.legal_obligation': 'a legal obligation (for example bookkeeping)',
  'legalBasis.vital_interest': 'a vital interest',
  'legalBasis.public_task': 'a task in the public interest',

  'oma.permissions.heading': 'Marketing permissions',
  'oma.permissions.intro':
    'Each cell says whether the shop may use the channel for the purpose. Its button gives or withdraws the permission in one click.',
  'oma.permissions.give': 'Give permission',
  'oma.permissions.withdraw': 'Withdraw permission',
  'oma.permissions.cellAction': '{action}: {purpose}, {channel}',
  'oma.permissions.given': 'Permission given: {purpose}, {channel}.',
  'oma.permissions.withdrawn': 'Permission withdrawn: {purpose}, {channel}.',
  'oma.permissions.forbidAll': 'Forbid all direct marketing',
  'oma.permissions.forbidAllHint': 'The shop may no longer send you marketing on any channel.',
  'oma.permissions.forbidden': 'All direct marketing is forbidden.',
  'oma.permissions.history': 'History of your permissions',
  'oma.permissions.historyCaption': 'When permissions were given, withdrawn or forbidden',

  'oma.restriction.heading': 'Restriction of processing',
  'oma.restriction.intro':
    'You can ask the shop only to keep your data and not use it for anything else, for example while you check whether it is correct.',
  'oma.restriction.on': 'Processing of your data is restricted.',
  'oma.restriction.off': 'Processing of your data is not restricted.',
  'oma.restriction.reason': 'Reason',
  'oma.restriction.reasonHint': 'For example: my address is wrong and must be corrected first.',
  'oma.restriction.restrict': 'Restrict processing',
  'oma.restriction.lift': 'Lift the restriction',
  'oma.restriction.restricted': 'Processing is now restricted.',
  'oma.restriction.lifted': 'The restriction has been lifted.',

  'oma.erasure.heading': 'Be forgotten at this shop',
  'oma.erasure.intro':
    'The shop deletes your data. The law may require some of it to be kept (for example for bookkeeping); the report says what is kept, why and for how long.',
  'oma.erasure.start': 'Delete my data at this shop',
  'oma.erasure.confirm': 'Delete your data at {merchant}? This cannot be undone.',
  'oma.erasure.yes': 'Yes, delete my data',
  'oma.erasure.done': 'Your data has been deleted. Below is the report of what was deleted and what is kept.',
};
