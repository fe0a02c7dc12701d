import type { ConsoleRecordsMessageKey } from './fi.ts';

export const consoleRecordsEn: { readonly [K in ConsoleRecordsMessageKey]: string } = {
  'records.heading': 'Records of processing',
  'records.intro':
    "The record under Article 30 of the GDPR of all registers, made from each register's description in force: the purposes of the processing, the categories of data subjects and data, the recipients, transfers, time limits for erasure and security measures. It holds no customer's data, only the number of customers. Each download is recorded in the audit trail.",
  'records.caption': 'Downloads of the record by language and format',
  'records.language': 'Language',
  'records.format': 'Format',
  'records.link': '{format}, {language}',
  'records.processorHeading': "Processor's record",
  'records.processorIntro':
    "The platform operator's record as processor (Article 30(2)): every controller using the platform, the processing done on their behalf, sub-processors, transfers and security measures.",
  'records.processorCaption': "Downloads of the processor's record by language and format",

  'noticeChanges.heading': 'Notices of description changes',
  'noticeChanges.intro':
    'When a new version adds or drops a purpose, changes its legal basis or gives data to a new recipient, a notice is queued for every customer whose data the change concerns. Sending the notices to customers comes later; this shows how many are queued.',
  'noticeChanges.caption': 'Queued notices by version',
  'noticeChanges.version': 'Version',
  'noticeChanges.queued': 'Queued',
  'noticeChanges.delivered': 'Sent',
  'noticeChanges.none': 'The register has only one version: there are no changes.',
};
