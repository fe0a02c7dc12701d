import { REQUEST_TYPES, type RequestType } from '../../db/schema.ts';
import { LANGUAGES, type Language } from '../registers/localized.ts';

/**
 * The words of the public intake: the request form of a register, the pages of its email
 * round-trip, and the confirmation mail. Plain server-rendered HTML without scripts, like the
 * unsubscribe pages, so that it works in any browser and from any mail program.
 */

export type IntakeField = 'types' | 'name' | 'email' | 'message';

const TYPES: Record<Language, Record<RequestType, { name: string; hint: string }>> = {
  fi: {
    access: {
      name: 'Tietojen tarkastus',
      hint: 'Näet, mitä tietoja kauppa sinusta säilyttää, ja saat niistä jäljennöksen.',
    },
    rectification: {
      name: 'Tietojen korjaaminen',
      hint: 'Virheelliset tai vanhentuneet tiedot korjataan. Kerro viestissä, mikä on väärin.',
    },
    erasure: {
      name: 'Tietojen poistaminen',
      hint: 'Tietosi poistetaan, ellei laki velvoita säilyttämään niitä (esimerkiksi kirjanpito).',
    },
    restriction: { name: 'Käsittelyn rajoittaminen', hint: 'Tietosi säilytetään, mutta niitä ei käytetä muuhun.' },
    portability: {
      name: 'Tietojen siirto',
      hint: 'Saat antamasi tiedot koneluettavassa muodossa toiseen palveluun siirrettäväksi.',
    },
    objection: {
      name: 'Käsittelyn vastustaminen',
      hint: 'Vastustat tietojesi käsittelyä, esimerkiksi suoramarkkinointia.',
    },
    consent_withdrawal: {
      name: 'Suostumuksen peruminen',
      hint: 'Perut antamasi suostumuksen, esimerkiksi markkinointiluvan.',
    },
  },
  sv: {
    access: {
      name: 'Granskning av uppgifter',
      hint: 'Du får se vilka uppgifter butiken har om dig och en kopia av dem.',
    },
    rectification: {
      name: 'Rättelse av uppgifter',
      hint: 'Felaktiga eller inaktuella uppgifter rättas. Berätta i meddelandet vad som är fel.',
    },
    erasure: {
      name: 'Radering av uppgifter',
      hint: 'Dina uppgifter raderas, om inte lagen kräver att de sparas (till exempel bokföring).',
    },
    restriction: {
      name: 'Begränsning av behandlingen',
      hint: 'Dina uppgifter sparas men används inte till något annat.',
    },
    portability: {
      name: 'Överföring av uppgifter',
      hint: 'Du får de uppgifter du har lämnat i maskinläsbar form för att föra över dem till en annan tjänst.',
    },
    objection: {
      name: 'Invändning mot behandlingen',
      hint: 'Du invänder mot behandlingen av dina uppgifter, till exempel direktmarknadsföring.',
    },
    consent_withdrawal: {
      name: 'Återkallande av samtycke',
      hint: 'Du återkallar ett samtycke som du har gett, till exempel till marknadsföring.',
    },
  },
  en: {
    access: { name: 'Access to data', hint: 'See what the shop keeps about you, and get a copy.' },
    rectification: {
      name: 'Rectification',
      hint: 'Wrong or outdated data is corrected. Say in your message what is wrong.',
    },
    erasure: {
      name: 'Erasure',
      hint: 'Your data is erased unless the law requires keeping it (bookkeeping, for example).',
    },
    restriction: { name: 'Restriction of processing', hint: 'Your data is kept but not used for anything else.' },
    portability: {
      name: 'Data portability',
      hint: 'Get the data you gave in a machine-readable form, to move it to another service.',
    },
    objection: {
      name: 'Objection to processing',
      hint: 'Object to the processing of your data, direct marketing for example.',
    },
    consent_withdrawal: {
      name: 'Withdrawal of consent',
      hint: 'Withdraw a consent you gave, to marketing for example.',
    },
  },
};

const STRINGS = {
  fi: {
    title: 'Pyyntö omista tiedoista',
    heading: 'Pyyntö omista tiedoistasi',
    merchant: 'Kauppa',
    register: 'Rekisteri',
    deadline:
      'Kaupan on vastattava kuukauden kuluessa pyynnön saapumisesta. Jos pyyntö on monimutkainen tai pyyntöjä on paljon, kauppa voi jatkaa aikaa enintään kahdella kuukaudella, ja sen on kerrottava syy sinulle ensimmäisen kuukauden aikana.',
    verify:
      'Lähetämme sähköpostiisi vahvistuslinkin. Kauppa ei anna tietoja kenellekään ennen kuin henkilöllisyytesi on varmistettu.',
    typesLegend: 'Mitä pyydät?',
    typesHint: 'Valitse yksi tai useampi.',
    name: 'Nimesi',
    email: 'Sähköpostiosoitteesi',
    emailHint: 'Vahvistuslinkki ja kaupan vastaus lähetetään tähän osoitteeseen.',
    message: 'Pyyntösi omin sanoin (vapaaehtoinen)',
    messageHint: 'Kerro esimerkiksi, mitkä tiedot ovat väärin. Enintään 5 000 merkkiä.',
    send: 'Lähetä pyyntö',
    error: 'Virhe',
    errorsHeading: 'Tarkista nämä kohdat',
    errors: {
      types: 'Valitse vähintään yksi pyyntö.',
      email: 'Anna sähköpostiosoite muodossa nimi@esimerkki.fi.',
      emailLong: 'Sähköpostiosoite on liian pitkä.',
      name: 'Kirjoita nimesi.',
      nameLong: 'Nimi on liian pitkä (enintään 200 merkkiä).',
      message: 'Viestissä on merkki, jota ei voi tallentaa.',
      messageLong: 'Viesti on liian pitkä (enintään 5 000 merkkiä).',
    },
    sentHeading: 'Vahvista pyyntösi sähköpostista',
    sentBody: (email: string) =>
      `Lähetimme vahvistuslinkin osoitteeseen ${email}. Avaa linkki 7 päivän kuluessa, niin vahvistat, että osoite on sinun.`,
    due: (m: string, d: string) => `${m} vastaa viimeistään ${d}.`,
    sentNoMail: 'Jos viestiä ei kuulu, katso myös roskapostikansiosta.',
    notFound: 'Lomaketta ei löydy',
    notFoundBody: 'Tarkista osoite: linkki lomakkeeseen on kaupan tietosuojaselosteessa.',
    rateLimited: 'Liian monta pyyntöä',
    rateLimitedBody: (min: number) =>
      `Tästä osoitteesta on lähetetty liian monta pyyntöä. Yritä uudelleen ${min} minuutin kuluttua.`,
    confirmHeading: 'Vahvista pyyntösi',
    confirmBody: (m: string, r: string) =>
      `Olet lähettänyt pyynnön kaupalle ${m} (rekisteri: ${r}). Vahvista, että sähköpostiosoite on sinun.`,
    requested: 'Pyydät',
    confirmButton: 'Vahvista pyyntö',
    doneHeading: 'Pyyntösi on vahvistettu',
    invalid: 'Linkki ei kelpaa',
    invalidBody:
      'Vahvistuslinkki on jo käytetty, se on vanhentunut tai vaurioitunut. Linkki toimii kerran ja 7 päivän ajan. Voit lähettää pyynnön uudelleen kaupan lomakkeella.',
    language: 'Kieli',
    portal: 'Näe ja hallitse tietojasi Oma-palvelussa',
  },
  sv: {
    title: 'Begäran om egna uppgifter',
    heading: 'Begäran om dina uppgifter',
    merchant: 'Butik',
    register: 'Register',
    deadline:
      'Butiken ska svara inom en månad från att begäran kom in. Om begäran är komplicerad eller om det finns många begäranden kan butiken förlänga tiden med högst två månader, och den ska meddela dig skälet inom den första månaden.',
    verify:
      'Vi skickar en bekräftelselänk till din e-post. Butiken lämnar inte ut uppgifter till någon förrän din identitet har kontrollerats.',
    typesLegend: 'Vad begär du?',
    typesHint: 'Välj ett eller flera.',
    name: 'Ditt namn',
    email: 'Din e-postadress',
    emailHint: 'Bekräftelselänken och butikens svar skickas till den här adressen.',
    message: 'Din begäran med egna ord (frivilligt)',
    messageHint: 'Berätta till exempel vilka uppgifter som är fel. Högst 5 000 tecken.',
    send: 'Skicka begäran',
    error: 'Fel',
    errorsHeading: 'Kontrollera de här fälten',
    errors: {
      types: 'Välj minst en begäran.',
      email: 'Ange e-postadressen i formen namn@exempel.fi.',
      emailLong: 'E-postadressen är för lång.',
      name: 'Skriv ditt namn.',
      nameLong: 'Namnet är för långt (högst 200 tecken).',
      message: 'Meddelandet innehåller ett tecken som inte kan sparas.',
      messageLong: 'Meddelandet är för långt (högst 5 000 tecken).',
    },
    sentHeading: 'Bekräfta din begäran via e-post',
    sentBody: (email: string) =>
      `Vi skickade en bekräftelselänk till ${email}. Öppna länken inom 7 dagar för att bekräfta att adressen är din.`,
    due: (m: string, d: string) => `${m} svarar senast ${d}.`,
    sentNoMail: 'Om meddelandet inte kommer, titta också i skräppostmappen.',
    notFound: 'Formuläret hittades inte',
    notFoundBody: 'Kontrollera adressen: länken till formuläret finns i butikens dataskyddsbeskrivning.',
    rateLimited: 'För många begäranden',
    rateLimitedBody: (min: number) => `För många begäranden har skickats härifrån. Försök igen om ${min} minuter.`,
    confirmHeading: 'Bekräfta din begäran',
    confirmBody: (m: string, r: string) =>
      `Du har skickat en begäran till ${m} (register: ${r}). Bekräfta att e-postadressen är din.`,
    requested: 'Du begär',
    confirmButton: 'Bekräfta begäran',
    doneHeading: 'Din begäran är bekräftad',
    invalid: 'Länken är ogiltig',
    invalidBody:
      'Bekräftelselänken har redan använts, har gått ut eller är skadad. Länken fungerar en gång och i 7 dagar. Du kan skicka begäran på nytt med butikens formulär.',
    language: 'Språk',
    portal: 'Se och hantera dina uppgifter i tjänsten Oma',
  },
  en: {
    title: 'Request about your data',
    heading: 'A request about your data',
    merchant: 'Shop',
    register: 'Register',
    deadline:
      'The shop must answer within one month of receiving the request. If the request is complex or there are many, the shop may extend the time by up to two more months, and must tell you why within the first month.',
    verify:
      'We send a confirmation link to your email. The shop discloses nothing to anyone before your identity is verified.',
    typesLegend: 'What do you ask for?',
    typesHint: 'Choose one or more.',
    name: 'Your name',
    email: 'Your email address',
    emailHint: "The confirmation link and the shop's answer are sent to this address.",
    message: 'Your request in your own words (optional)',
    messageHint: 'Say, for example, which data is wrong. At most 5,000 characters.',
    send: 'Send the request',
    error: 'Error',
    errorsHeading: 'Check these fields',
    errors: {
      types: 'Choose at least one request.',
      email: 'Give an email address like name@example.com.',
      emailLong: 'The email address is too long.',
      name: 'Write your name.',
      nameLong: 'The name is too long (at most 200 characters).',
      message: 'The message contains a character that cannot be stored.',
      messageLong: 'The message is too long (at most 5,000 characters).',
    },
    sentHeading: 'Confirm your request by email',
    sentBody: (email: string) =>
      `We sent a confirmation link to ${email}. Open it within 7 days to confirm that the address is yours.`,
    due: (m: string, d: string) => `${m} answers by ${d}.`,
    sentNoMail: 'If the message does not arrive, look in your spam folder too.',
    notFound: 'Form not found',
    notFoundBody: "Check the address: the link to the form is in the shop's privacy notice.",
    rateLimited: 'Too many requests',
    rateLimitedBody: (min: number) => `Too many requests have been sent from here. Try again in ${min} minutes.`,
    confirmHeading: 'Confirm your request',
    confirmBody: (m: string, r: string) =>
      `You have sent a request to ${m} (register: ${r}). Confirm that the email address is yours.`,
    requested: 'You ask for',
    confirmButton: 'Confirm the request',
    doneHeading: 'Your request is confirmed',
    invalid: 'This link is not valid',
    invalidBody:
      "The confirmation link has been used already, has expired or is damaged. It works once and for 7 days. You can send the request again with the shop's form.",
    language: 'Language',
    portal: 'See and control your data in Oma',
  },
} as const;

const LOCALES: Record<Language, Intl.DateTimeFormatOptions & { locale: string }> = {
  fi: { locale: 'fi-FI', day: 'numeric', month: 'numeric', year: 'numeric' },
  sv: { locale: 'sv-FI', day: 'numeric', month: 'numeric', year: 'numeric' },
  en: { locale: 'en-GB', dateStyle: 'long' },
};

/** A calendar date (YYYY-MM-DD) as the language writes it: 23.12.2026, 23 December 2026. */
export function formatDate(date: string, lang: Language): string {
  const { locale, ...options } = LOCALES[lang];
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

export const typeName = (type: RequestType, lang: Language) => TYPES[lang][type].name;

const escape = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c as '&' | '<' | '>' | '"' | "'"],
  );

/** The confirmation mail: whom the request is to and the link; nothing the sender typed. */
export function confirmMail(
  lang: Language,
  v: { merchant: string; registerName: string; types: RequestType[]; dueDate: string; link: string },
): { subject: string; text: string } {
  const types = v.types.map((t) => `- ${typeName(t, lang)}`).join('\n');
  const due = formatDate(v.dueDate, lang);
  switch (lang) {
    case 'fi':
      return {
        subject: `Vahvista pyyntösi – ${v.merchant}`,
        text:
          `Hei,\n\n${v.merchant} on vastaanottanut tästä sähköpostiosoitteesta pyynnön, joka koskee rekisteriä ${v.registerName}:\n${types}\n\n` +
          `Vahvista, että sähköpostiosoite on sinun, avaamalla tämä linkki 7 päivän kuluessa:\n\n${v.link}\n\n` +
          `Kaupan on vastattava viimeistään ${due}. Se ei anna tietoja ennen kuin henkilöllisyytesi on varmistettu.\n\n` +
          'Jos et lähettänyt pyyntöä, voit jättää tämän viestin huomiotta.\n',
      };
    case 'sv':
      return {
        subject: `Bekräfta din begäran – ${v.merchant}`,
        text:
          `Hej,\n\n${v.merchant} har tagit emot en begäran från den här e-postadressen som gäller registret ${v.registerName}:\n${types}\n\n` +
          `Bekräfta att e-postadressen är din genom att öppna den här länken inom 7 dagar:\n\n${v.link}\n\n` +
          `Butiken ska svara senast ${due}. Den lämnar inte ut några uppgifter förrän din identitet har kontrollerats.\n\n` +
          'Om du inte skickade begäran kan du strunta i det här meddelandet.\n',
      };
    case 'en':
      return {
        subject: `Confirm your request – ${v.merchant}`,
        text:
          `Hello,\n\n${v.merchant} has received a request from this email address about the register ${v.registerName}:\n${types}\n\n` +
          `Confirm that the email address is yours by opening this link within 7 days:\n\n${v.link}\n\n` +
          `The shop must answer by ${due}. It discloses nothing before your identity is verified.\n\n` +
          'If you did not send the request, you can ignore this message.\n',
      };
  }
}

/** One page: the language links lead to `selfPath` in each language (none on the answer to a form). */
function layout(lang: Language, heading: string, main: string, selfPath: string | null, titlePrefix = ''): string {
  const t = STRINGS[lang];
  const sep = selfPath?.includes('?') ? '&' : '?';
  const languages = selfPath
    ? `
    <header>
      <nav aria-label="${escape(t.language)}"><ul>${LANGUAGES.map((l) =>
        l === lang
          ? `<li><span aria-current="true" lang="${l}">${l.toUpperCase()}</span></li>`
          : `<li><a href="${escape(`${selfPath}${sep}lang=${l}`)}" lang="${l}" hreflang="${l}">${l.toUpperCase()}</a></li>`,
      ).join('')}</ul></nav>
    </header>`
    : '';
  return `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex">
    <meta name="referrer" content="no-referrer">
    <title>${escape(titlePrefix)}${escape(heading)} – ${escape(t.title)}</title>
    <style>
      body { font-family: system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #fff; line-height: 1.5; }
      header, main { max-width: 40rem; margin: 0 auto; padding: 1rem; }
      nav ul { list-style: none; display: flex; gap: 1rem; padding: 0; margin: 0; }
      a { color: #0b4f8a; }
      a:focus-visible, button:focus-visible, input:focus-visible, textarea:focus-visible, [tabindex="-1"]:focus { outline: 3px solid #0b4f8a; outline-offset: 2px; }
      button { font: inherit; padding: 0.6rem 1.2rem; border: 2px solid #0b4f8a; background: #0b4f8a; color: #fff; border-radius: 4px; cursor: pointer; }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
      dt { font-weight: 600; }
      dd { margin: 0; }
      fieldset { border: 1px solid #767676; border-radius: 4px; padding: 0.5rem 1rem 1rem; margin: 1.5rem 0; }
      legend { font-weight: 600; padding: 0 0.25rem; }
      .field { margin: 1.5rem 0; }
      .field label { display: block; font-weight: 600; }
      .check { display: flex; gap: 0.6rem; align-items: flex-start; margin: 0.75rem 0; }
      .check input { width: 1.25rem; height: 1.25rem; margin: 0.15rem 0 0; flex: none; }
      .check label { font-weight: 600; }
      .hint { display: block; color: #4a4a4a; }
      input[type="text"], input[type="email"], textarea { font: inherit; width: 100%; box-sizing: border-box; padding: 0.5rem; border: 2px solid #595959; border-radius: 4px; margin-top: 0.25rem; }
      textarea { min-height: 8rem; }
      [aria-invalid="true"] { border-color: #b3261e; }
      .error { display: block; color: #b3261e; font-weight: 600; }
      .errors { border: 3px solid #b3261e; border-radius: 4px; padding: 0 1rem; margin: 1rem 0; }
    </style>
  </head>
  <body>${languages}
    <main>
      <h1>${escape(heading)}</h1>
${main}
      <p><a href="/oma?lang=${lang}">${escape(t.portal)}</a></p>
    </main>
  </body>
</html>`;
}

export interface FormState {
  registerId: string;
  merchant: string;
  registerName: string;
  values: { types: string[]; name: string; email: string; message: string };
  errors: Partial<Record<IntakeField, 'invalid' | 'too_long'>>;
}

const FIELD_ORDER: readonly IntakeField[] = ['types', 'name', 'email', 'message'];

function errorText(lang: Language, field: IntakeField, kind: 'invalid' | 'too_long'): string {
  const e = STRINGS[lang].errors;
  switch (field) {
    case 'types':
      return e.types;
    case 'email':
      return kind === 'too_long' ? e.emailLong : e.email;
    case 'name':
      return kind === 'too_long' ? e.nameLong : e.name;
    case 'message':
      return kind === 'too_long' ? e.messageLong : e.message;
  }
}

/** Where the error summary's link for a field leads. */
const anchorOf = (field: IntakeField) => (field === 'types' ? `type-${REQUEST_TYPES[0]}` : field);

export function renderRequestForm(state: FormState, lang: Language): string {
  const t = STRINGS[lang];
  const { values, errors } = state;
  const failed = FIELD_ORDER.filter((f) => errors[f]);
  const errorOf = (f: IntakeField) => {
    const kind = errors[f];
    return kind
      ? `<span class="error" id="${f}-error">${escape(t.error)}: ${escape(errorText(lang, f, kind))}</span>`
      : '';
  };
  const describedBy = (f: IntakeField, hint: boolean) =>
    [hint ? `${f}-hint` : '', errors[f] ? `${f}-error` : ''].filter(Boolean).join(' ');
  const invalidAttr = (f: IntakeField) => (errors[f] ? ' aria-invalid="true"' : '');

  const summary =
    failed.length > 0
      ? `
      <section class="errors" aria-labelledby="errors-heading" tabindex="-1" autofocus>
        <h2 id="errors-heading">${escape(t.errorsHeading)}</h2>
        <ul>${failed
          .map((f) => `<li><a href="#${anchorOf(f)}">${escape(errorText(lang, f, errors[f]!))}</a></li>`)
          .join('')}</ul>
      </section>`
      : '';
  const checks = REQUEST_TYPES.map((type) => {
    const id = `type-${type}`;
    const checked = values.types.includes(type) ? ' checked' : '';
    return `
          <div class="check">
            <input type="checkbox" id="${id}" name="types" value="${type}" aria-describedby="${id}-hint"${checked}>
            <div><label for="${id}">${escape(TYPES[lang][type].name)}</label><span class="hint" id="${id}-hint">${escape(TYPES[lang][type].hint)}</span></div>
          </div>`;
  }).join('');

  const main = `${summary}
      <dl>
        <dt>${escape(t.merchant)}</dt><dd>${escape(state.merchant)}</dd>
        <dt>${escape(t.register)}</dt><dd>${escape(state.registerName)}</dd>
      </dl>
      <p>${escape(t.deadline)}</p>
      <p>${escape(t.verify)}</p>
      <form method="post" action="/requests/new?lang=${lang}" novalidate>
        <input type="hidden" name="register" value="${escape(state.registerId)}">
        <input type="hidden" name="lang" value="${lang}">
        <fieldset aria-describedby="${describedBy('types', true)}">
          <legend>${escape(t.typesLegend)}</legend>
          <span class="hint" id="types-hint">${escape(t.typesHint)}</span>
          ${errorOf('types')}${checks}
        </fieldset>
        <div class="field">
          <label for="name">${escape(t.name)}</label>
          ${errorOf('name')}
          <input type="text" id="name" name="name" autocomplete="name" maxlength="200" required value="${escape(values.name)}"${invalidAttr('name')}${errors.name ? ' aria-describedby="name-error"' : ''}>
        </div>
        <div class="field">
          <label for="email">${escape(t.email)}</label>
          <span class="hint" id="email-hint">${escape(t.emailHint)}</span>
          ${errorOf('email')}
          <input type="email" id="email" name="email" autocomplete="email" maxlength="254" required value="${escape(values.email)}" aria-describedby="${describedBy('email', true)}"${invalidAttr('email')}>
        </div>
        <div class="field">
          <label for="message">${escape(t.message)}</label>
          <span class="hint" id="message-hint">${escape(t.messageHint)}</span>
          ${errorOf('message')}
          <textarea id="message" name="message" rows="6" maxlength="5000" aria-describedby="${describedBy('message', true)}"${invalidAttr('message')}>${escape(values.message)}</textarea>
        </div>
        <button type="submit">${escape(t.send)}</button>
      </form>`;
  return layout(
    lang,
    t.heading,
    main,
    `/requests/new?register=${encodeURIComponent(state.registerId)}`,
    failed.length > 0 ? `${t.error}: ` : '',
  );
}

export function renderRequestSent(v: { merchant: string; email: string; dueDate: string }, lang: Language): string {
  const t = STRINGS[lang];
  const main = `      <p>${escape(t.sentBody(v.email))}</p>
      <p>${escape(t.due(v.merchant, formatDate(v.dueDate, lang)))}</p>
      <p>${escape(t.sentNoMail)}</p>`;
  return layout(lang, t.sentHeading, main, null);
}

export function renderFormNotFound(lang: Language): string {
  const t = STRINGS[lang];
  return layout(lang, t.notFound, `      <p>${escape(t.notFoundBody)}</p>`, null);
}

export function renderRateLimited(lang: Language, seconds: number): string {
  const t = STRINGS[lang];
  return layout(lang, t.rateLimited, `      <p>${escape(t.rateLimitedBody(Math.ceil(seconds / 60)))}</p>`, null);
}

export type ConfirmPage =
  | { kind: 'invalid' }
  | {
      kind: 'ask' | 'done';
      token: string;
      merchant: string;
      registerName: string;
      types: RequestType[];
      dueDate: string;
    };

export function renderConfirmPage(page: ConfirmPage, lang: Language): string {
  const t = STRINGS[lang];
  if (page.kind === 'invalid') return layout(lang, t.invalid, `      <p>${escape(t.invalidBody)}</p>`, null);
  const due = `      <p>${escape(t.due(page.merchant, formatDate(page.dueDate, lang)))}</p>`;
  if (page.kind === 'done') return layout(lang, t.doneHeading, due, null);
  const types = page.types.map((type) => `<li>${escape(typeName(type, lang))}</li>`).join('');
  const main = `      <p>${escape(t.confirmBody(page.merchant, page.registerName))}</p>
      <h2>${escape(t.requested)}</h2>
      <ul>${types}</ul>
${due}
      <form method="post" action="/requests/confirm?lang=${lang}">
        <input type="hidden" name="token" value="${escape(page.token)}">
        <button type="submit">${escape(t.confirmButton)}</button>
      </form>`;
  return layout(lang, t.confirmHeading, main, `/requests/confirm?token=${encodeURIComponent(page.token)}`);
}
