/**
 * The register page's links to its public privacy notice, in Finnish, the reference: sv.ts and
 * en.ts in this folder have exactly these keys. ../fi.ts spreads them in.
 */
export const consoleNoticeFi = {
  'notice.heading': 'Tietosuojaseloste',
  'notice.intro':
    'Seloste muodostetaan voimassa olevasta kuvauksesta, ja se on julkisesti luettavissa. Jokaisella versiolla on pysyvä osoite, josta näkyvät myös sen muutokset edelliseen versioon.',
  'notice.pages': 'Julkinen sivu',
  'notice.files': 'Tiedostoina',
  'notice.lang.fi': 'suomeksi',
  'notice.lang.sv': 'ruotsiksi',
  'notice.lang.en': 'englanniksi',
  'notice.markdown': 'Markdown ({lang})',
  'notice.pdf': 'PDF ({lang})',
} satisfies Record<string, string>;

export type ConsoleNoticeMessageKey = keyof typeof consoleNoticeFi;
