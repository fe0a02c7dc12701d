export type ExportLanguage = 'fi' | 'sv' | 'en';

const TEXTS: Record<ExportLanguage, (date: string, schemaUrl: string) => string> = {
  fi: (date, schemaUrl) => `Omadata – tietosi ladattavina

Tässä paketissa ovat kaikki tiedot, jotka Omadataa käyttävät kaupat ovat sinusta tallentaneet
(EU:n tietosuoja-asetuksen 15 ja 20 artikla). Ladattu ${date}.

Tiedostot:
- data.json: kaikki tiedot yhtenä JSON-asiakirjana: kaupat, rekisterit, tietosi, tilaukset
  tuotteineen, markkinointiluvat ja -kiellot koko historioineen, käsittelyn rajoitus, rekisterin
  tietojen vastaanottajat ja jokainen tietojesi käsittelytapahtuma.
- schema.json: data.jsonin rakenteen kuvaus (JSON Schema), julkaistu myös osoitteessa
  ${schemaUrl}
- orders.csv: tilaukset, rivi tilausta kohden.
- order-items.csv: tilausten tuotteet, rivi tuotetta kohden.
- fields.csv: sinusta tallennetut tiedot, rivi tietoa kohden (kauppa, rekisteri, tieto, arvo).
- permissions.csv: markkinointilupiesi nykyinen tila kanavittain ja tarkoituksittain.
- consent-history.csv: lupiesi ja kieltojesi historia todisteineen (lähde, tietosuojaselosteen
  versio, aika).
- processing-events.csv: kuka käsitteli tietojasi, milloin ja mihin tarkoitukseen.

Henkilötunnus näkyy vain peitettynä. CSV-tiedostot ovat UTF-8-merkistöä ja pilkuin eroteltuja.
`,
  sv: (date, schemaUrl) => `Omadata – dina uppgifter att ladda ner

I det här paketet finns alla uppgifter som butiker som använder Omadata har sparat om dig
(artiklarna 15 och 20 i EU:s dataskyddsförordning). Nedladdat ${date}.

Filer:
- data.json: alla uppgifter i ett JSON-dokument: butikerna, registren, dina uppgifter,
  beställningar med produkter, marknadsföringstillstånd och -förbud med hela historiken,
  begränsning av behandlingen, registrets mottagare av uppgifter och varje behandlingshändelse
  som gäller dina uppgifter.
- schema.json: beskrivningen av strukturen i data.json (JSON Schema), publicerad också på
  ${schemaUrl}
- orders.csv: beställningar, en rad per beställning.
- order-items.csv: beställningarnas produkter, en rad per produkt.
- fields.csv: uppgifterna som sparats om dig, en rad per uppgift (butik, register, uppgift, värde).
- permissions.csv: dina marknadsföringstillstånd just nu, per kanal och ändamål.
- consent-history.csv: historiken över dina tillstånd och förbud med bevis (källa,
  dataskyddsbeskrivningens version, tidpunkt).
- processing-events.csv: vem som behandlade dina uppgifter, när och för vilket ändamål.

Personbeteckningen visas endast maskerad. CSV-filerna är i UTF-8 och kommaseparerade.
`,
  en: (date, schemaUrl) => `Omadata – your data to download

This package holds everything the shops that use Omadata keep about you (articles 15 and 20 of
the EU General Data Protection Regulation). Downloaded ${date}.

Files:
- data.json: everything in one JSON document: the shops, their registers, your data, orders with
  their items, marketing permissions and prohibitions with their whole history, restriction of
  processing, the recipients the register describes, and every processing event of your data.
- schema.json: the structure of data.json (JSON Schema), also published at
  ${schemaUrl}
- orders.csv: orders, one row per order.
- order-items.csv: the items of the orders, one row per item.
- fields.csv: the data kept about you, one row per field (shop, register, field, value).
- permissions.csv: where your marketing permissions stand now, per channel and purpose.
- consent-history.csv: the history of your permissions and prohibitions with their proof (source,
  privacy notice version, time).
- processing-events.csv: who processed your data, when and for what purpose.

The personal identity code appears only masked. The CSV files are UTF-8 and comma-separated.
`,
};

/** README.txt of the download: in the person's language, or in all three when it is not known. */
export function readmeText(lang: ExportLanguage | null, date: string, schemaUrl: string): string {
  const langs: ExportLanguage[] = lang ? [lang] : ['fi', 'sv', 'en'];
  // Windows' Notepad shows line breaks of older versions only as CRLF.
  return langs
    .map((l) => TEXTS[l](date, schemaUrl))
    .join('\n----------------------------------------------------------------------\n\n')
    .replace(/\n/g, '\r\n');
}
