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
  'notice.problem.contact':
    'Selosteessa on kerrottava, miten yhteyshenkilön tavoittaa: anna sähköpostiosoite, puhelinnumero tai postiosoite.',
  'notice.problem.dpoContact':
    'Tietosuojavastaavan yhteystiedot on kerrottava: anna sähköpostiosoite, puhelinnumero tai postiosoite.',
  'notice.problem.withdrawal':
    'Käyttötarkoitus perustuu suostumukseen, mutta suostumusta ei voi peruuttaa: liitä tarkoitus tietoihin, joita se käyttää, tai evästeisiin, jotka keräävät sen tiedot.',
  'notice.problem.transferCopy':
    'Kerro, miten siirron suojatoimista saa jäljennöksen tai mihin poikkeukseen siirto perustuu.',
  'notice.problem.transfer':
    'Käsittelijä on EU:n ja ETA:n ulkopuolella: lisää siirto suojatoimineen siirtoihin (transfers).',
} satisfies Record<string, string>;

export type ConsoleNoticeMessageKey = keyof typeof consoleNoticeFi;
