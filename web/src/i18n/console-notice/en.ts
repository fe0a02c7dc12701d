import type { ConsoleNoticeMessageKey } from './fi.ts';

export const consoleNoticeEn: { readonly [K in ConsoleNoticeMessageKey]: string } = {
  'notice.heading': 'Privacy notice',
  'notice.intro':
    'The notice is generated from the description in force and anyone can read it. Each version has a permanent address that also shows its changes from the version before.',
  'notice.pages': 'Public page',
  'notice.files': 'As files',
  'notice.lang.fi': 'in Finnish',
  'notice.lang.sv': 'in Swedish',
  'notice.lang.en': 'in English',
  'notice.markdown': 'Markdown ({lang})',
  'notice.pdf': 'PDF ({lang})',
  'notice.problem.contact':
    'The notice must say how to reach the contact person: give an email address, a phone number or a postal address.',
  'notice.problem.dpoContact':
    "The data protection officer's contact details must be given: an email address, a phone number or a postal address.",
  'notice.problem.withdrawal':
    'This purpose rests on consent, but the consent cannot be withdrawn: link the purpose to the fields it uses, or to the cookies that collect its data.',
  'notice.problem.transferCopy': "Say how to get a copy of the transfer's safeguard, or which derogation it rests on.",
  'notice.problem.transfer': 'The processor is outside the EU/EEA: add the transfer with its safeguard to transfers.',
};
