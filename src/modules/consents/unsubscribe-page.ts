import type { ContactChannel } from '../../db/schema.ts';
import { LANGUAGES, type Language } from '../registers/localized.ts';

/**
 * The pages a person sees after following an unsubscribe link. They are plain server-rendered
 * HTML, so the link works in any browser, with scripts off, from any mail program.
 */

const STRINGS = {
  fi: {
    title: 'Markkinoinnin peruminen',
    done: 'Peruutus on tehty',
    doneBody: (m: string, c: string, p: string) => `${m} ei enää lähetä sinulle ${c} tarkoitukseen: ${p}.`,
    already: 'Peruutus oli jo voimassa',
    alreadyBody: (m: string, c: string, p: string) =>
      `${m} ei lähetä sinulle ${c} tarkoitukseen: ${p}. Muuta ei tarvitse tehdä.`,
    allHeading: 'Haluatko lopettaa kaiken markkinoinnin?',
    allBody: (m: string) =>
      `Voit kieltää ${m}-yritystä markkinoimasta sinulle millään kanavalla (sähköposti, tekstiviesti, puhelin, posti).`,
    allButton: 'Kiellä kaikki markkinointi',
    allDone: 'Kaikki markkinointi on kielletty',
    allDoneBody: (m: string) => `${m} ei enää markkinoi sinulle millään kanavalla. Kielto on voimassa heti.`,
    gpc: 'Selaimesi lähetti Global Privacy Control -signaalin: olemme kirjanneet sen kieltona myydä tai luovuttaa tietojasi.',
    portal: 'Näe ja hallitse tietojasi Oma-palvelussa',
    invalid: 'Linkki ei kelpaa',
    invalidBody:
      'Tämä peruutuslinkki on vaurioitunut tai väärä. Kopioi linkki viestistä kokonaan tai kiellä markkinointi Oma-palvelussa.',
    gone: 'Tietojasi ei enää ole rekisterissä',
    goneBody: 'Sinulle ei lähetetä viestejä tästä rekisteristä.',
    language: 'Kieli',
    channel: { email: 'sähköpostia', sms: 'tekstiviestejä', phone: 'puheluita', post: 'postia' },
    purpose: {
      direct_marketing: 'suoramarkkinointi',
      distance_selling: 'etämyynti',
      market_research: 'markkinatutkimus',
      opinion_research: 'mielipidetutkimus',
      directories: 'henkilömatrikkelit ja osoitetarrat',
    },
  },
  sv: {
    title: 'Avbeställ marknadsföring',
    done: 'Avbeställningen är gjord',
    doneBody: (m: string, c: string, p: string) => `${m} skickar inte längre ${c} till dig för ändamålet: ${p}.`,
    already: 'Avbeställningen gällde redan',
    alreadyBody: (m: string, c: string, p: string) =>
      `${m} skickar inte ${c} till dig för ändamålet: ${p}. Du behöver inte göra något mer.`,
    allHeading: 'Vill du stoppa all marknadsföring?',
    allBody: (m: string) =>
      `Du kan förbjuda ${m} att marknadsföra till dig i alla kanaler (e-post, sms, telefon, post).`,
    allButton: 'Förbjud all marknadsföring',
    allDone: 'All marknadsföring är förbjuden',
    allDoneBody: (m: string) => `${m} marknadsför inte längre till dig i någon kanal. Förbudet gäller genast.`,
    gpc: 'Din webbläsare skickade en Global Privacy Control-signal: vi har registrerat den som ett förbud mot att sälja eller lämna ut dina uppgifter.',
    portal: 'Se och hantera dina uppgifter i tjänsten Oma',
    invalid: 'Länken är ogiltig',
    invalidBody:
      'Den här avbeställningslänken är skadad eller felaktig. Kopiera hela länken från meddelandet eller förbjud marknadsföring i tjänsten Oma.',
    gone: 'Dina uppgifter finns inte längre i registret',
    goneBody: 'Du får inga meddelanden från det här registret.',
    language: 'Språk',
    channel: { email: 'e-post', sms: 'sms', phone: 'samtal', post: 'post' },
    purpose: {
      direct_marketing: 'direktmarknadsföring',
      distance_selling: 'distansförsäljning',
      market_research: 'marknadsundersökningar',
      opinion_research: 'opinionsundersökningar',
      directories: 'personmatriklar och adressetiketter',
    },
  },
  en: {
    title: 'Unsubscribe',
    done: 'You have unsubscribed',
    doneBody: (m: string, c: string, p: string) => `${m} will no longer send you ${c} for: ${p}.`,
    already: 'You were already unsubscribed',
    alreadyBody: (m: string, c: string, p: string) =>
      `${m} does not send you ${c} for: ${p}. There is nothing more to do.`,
    allHeading: 'Stop all marketing?',
    allBody: (m: string) => `You can forbid ${m} to market to you on any channel (email, text message, phone, post).`,
    allButton: 'Forbid all marketing',
    allDone: 'All marketing is forbidden',
    allDoneBody: (m: string) => `${m} will no longer market to you on any channel. This takes effect at once.`,
    gpc: 'Your browser sent a Global Privacy Control signal: we have recorded it as an objection to selling or sharing your data.',
    portal: 'See and control your data in Oma',
    invalid: 'This link is not valid',
    invalidBody:
      'This unsubscribe link is damaged or wrong. Copy the whole link from the message, or forbid marketing in Oma.',
    gone: 'Your data is no longer in the register',
    goneBody: 'You will not receive messages from this register.',
    language: 'Language',
    channel: { email: 'email', sms: 'text messages', phone: 'calls', post: 'post' },
    purpose: {
      direct_marketing: 'direct marketing',
      distance_selling: 'distance selling',
      market_research: 'market research',
      opinion_research: 'opinion research',
      directories: 'directories and mailing labels',
    },
  },
} as const;

export function languageOf(query: string | undefined, acceptLanguage: string | undefined): Language {
  if (query && (LANGUAGES as readonly string[]).includes(query)) return query as Language;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase().slice(0, 2);
    if ((LANGUAGES as readonly string[]).includes(tag)) return tag as Language;
  }
  return 'fi';
}

const escape = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c as '&' | '<' | '>' | '"' | "'"],
  );

export type UnsubscribePage =
  | { kind: 'invalid' }
  | { kind: 'gone' }
  | {
      kind: 'done' | 'already' | 'all_done';
      merchant: string;
      channel: ContactChannel;
      purpose: string;
      /** The purpose's own name, when the register description declares it. */
      purposeName: string | null;
      gpcRecorded: boolean;
      /** Where the "forbid all marketing" form posts; absent once done. */
      allAction: string | null;
    };

export function renderUnsubscribePage(page: UnsubscribePage, lang: Language, selfPath: string): string {
  const t = STRINGS[lang];
  let heading: string;
  let body: string;
  let extra = '';
  if (page.kind === 'invalid') {
    heading = t.invalid;
    body = `<p>${escape(t.invalidBody)}</p>`;
  } else if (page.kind === 'gone') {
    heading = t.gone;
    body = `<p>${escape(t.goneBody)}</p>`;
  } else {
    const m = page.merchant;
    const c = t.channel[page.channel];
    const p = page.purposeName ?? t.purpose[page.purpose as keyof typeof t.purpose] ?? page.purpose;
    if (page.kind === 'all_done') {
      heading = t.allDone;
      body = `<p>${escape(t.allDoneBody(m))}</p>`;
    } else {
      heading = page.kind === 'done' ? t.done : t.already;
      body = `<p>${escape((page.kind === 'done' ? t.doneBody : t.alreadyBody)(m, c, p))}</p>`;
      if (page.allAction) {
        extra = `
      <section aria-labelledby="all-heading">
        <h2 id="all-heading">${escape(t.allHeading)}</h2>
        <p>${escape(t.allBody(m))}</p>
        <form method="post" action="${escape(page.allAction)}?lang=${lang}">
          <button type="submit">${escape(t.allButton)}</button>
        </form>
      </section>`;
      }
    }
    if (page.gpcRecorded) body += `\n      <p>${escape(t.gpc)}</p>`;
  }
  const languages = LANGUAGES.map((l) =>
    l === lang
      ? `<li><span aria-current="true" lang="${l}">${l.toUpperCase()}</span></li>`
      : `<li><a href="${escape(selfPath)}?lang=${l}" lang="${l}" hreflang="${l}">${l.toUpperCase()}</a></li>`,
  ).join('');
  return `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex">
    <meta name="referrer" content="no-referrer">
    <title>${escape(heading)} – ${escape(t.title)}</title>
    <style>
      body { font-family: system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #fff; line-height: 1.5; }
      header, main { max-width: 40rem; margin: 0 auto; padding: 1rem; }
      nav ul { list-style: none; display: flex; gap: 1rem; padding: 0; margin: 0; }
      a { color: #0b4f8a; }
      a:focus-visible, button:focus-visible { outline: 3px solid #0b4f8a; outline-offset: 2px; }
      button { font: inherit; padding: 0.6rem 1.2rem; border: 2px solid #0b4f8a; background: #0b4f8a; color: #fff; border-radius: 4px; cursor: pointer; }
      section { margin-top: 2rem; border-top: 1px solid #767676; padding-top: 1rem; }
    </style>
  </head>
  <body>
    <header>
      <nav aria-label="${escape(t.language)}"><ul>${languages}</ul></nav>
    </header>
    <main>
      <h1>${escape(heading)}</h1>
      ${body}${extra}
      <p><a href="/oma?lang=${lang}">${escape(t.portal)}</a></p>
    </main>
  </body>
</html>`;
}
