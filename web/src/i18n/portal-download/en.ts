import type { PortalDownloadMessageKey } from './fi.ts';

export const portalDownloadEn: { readonly [K in PortalDownloadMessageKey]: string } = {
  'oma.download.heading': 'Download your data',
  'oma.download.intro':
    'You get all your data in one zip package: a JSON file in a machine-readable format and CSV tables that open in a spreadsheet. You can take the data to another service.',
  'oma.download.all': 'Download everything (zip)',
  'oma.download.merchant': "Download this shop's data",
  'oma.download.preparing': 'Gathering your data for the download…',
  'oma.download.ready': 'The download is ready: {file}.',
  'oma.download.busy': 'A download is already being prepared. Wait until it has finished, then try again.',
  'oma.download.failed': 'The download failed.',
};
