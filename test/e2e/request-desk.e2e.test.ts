/**
 * The requests desk in Chromium, as the issue's "done means" tells it: a member of staff logs a
 * letter received ten days ago asking for access and erasure (the letter attached) and finds it
 * in the list; verifies the identity from a document and links the customer; an admin assigns it
 * to them; as the date nears the list shows it due soon; the erasure is extended with a reason
 * (the notice is kept with the request and mailed), the access is answered with the export, and
 * the erasure of a customer whose invoice is open ends partly done with a refusal letter that
 * cites the reason and the Data Protection Ombudsman. axe checks the request page and the new
 * request form in Finnish and English.
 *
 * The journeys run in order on one server and database. The server runs in this process, so the
 * desk's clock (deadlineClock) is moved here. Accessible names come from
 * web/src/i18n/console-request/*.ts and console-requests/*.ts.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { addMonths, todayInFinland } from '../../src/finnish-time.ts';
import { addDays, deadlineClock } from '../../src/modules/requests/deadlines.ts';
import { staffService } from '../../src/modules/staff/staff.service.ts';
import { newShop, validOrder } from '../factories.ts';
import { hasChromium, launchBrowser, noChromiumReason, startServer, type TestServer } from './browser.ts';

if (!hasChromium) console.warn(`test/e2e/request-desk.e2e.test.ts: ${noChromiumReason}`);

const STAFF = { email: 'terhi.tietosuoja@example.fi', name: 'Terhi Tietosuoja', password: 'terhin pitkä salasana 7' };
const ADMIN = { email: 'antti.paallikko@example.fi', name: 'Antti Päällikkö', password: 'antin pitkä salasana 8' };
const PERSON = { name: 'Kirsi Kirjoittaja', email: 'kirsi.kirjoittaja@example.fi' };
const EXTENSION_REASON = 'Asiakkaan tiedot ovat kolmessa järjestelmässä, joiden poistot on sovitettava yhteen.';

const realNow = deadlineClock.now;
const today = todayInFinland();
const tenDaysAgo = addDays(today, -10);
const dueDate = addMonths(tenDaysAgo, 1);

type Lang = 'fi' | 'en';
type PageName = 'request' | 'newRequest';

/** A calendar day as the console shows it in Finnish (31.1.2027). */
const fiDay = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return `${d}.${m}.${y}`;
};

const STANDARD_FONTS = `${createRequire(import.meta.url)
  .resolve('pdfjs-dist/package.json')
  .replace(/package\.json$/, '')}standard_fonts/`;

/** The text of a PDF as a reader sees it, runs of whitespace made single spaces. */
async function pdfText(content: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(content), standardFontDataUrl: STANDARD_FONTS, verbosity: 0 })
    .promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const { items } = await (await pdf.getPage(i)).getTextContent();
    pages.push(items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
  }
  await pdf.destroy();
  return pages.join('\n').replace(/\s+/g, ' ');
}

describe.skipIf(!hasChromium)(
  hasChromium ? 'requests desk in Chromium' : `requests desk in Chromium: ${noChromiumReason}`,
  () => {
    let server: TestServer;
    let browser: Browser;
    const contexts: BrowserContext[] = [];
    let shop: Awaited<ReturnType<typeof newShop>>;
    let subjectId: string;
    /** Another customer, whose phone number is corrected on request. */
    let otherSubjectId: string;
    let holdReason: string;
    let staff: Page;
    let requestId: string;
    let reference: string;

    const axeChecked = new Set<string>();
    const axeFailures: string[] = [];

    beforeAll(async () => {
      server = await startServer();
      browser = await launchBrowser();
      shop = await newShop(server.database);
      const accounts = staffService(server.database.db, server.deps.secretBox);
      for (const [person, role] of [
        // Erasing needs customer.erase (owner, admin), through the desk as on the customer page.
        [STAFF, 'admin'],
        [ADMIN, 'owner'],
      ] as const) {
        const account = await accounts.createAccount(person);
        await accounts.addMember(shop.controller.id, account.id, role);
      }
      const order = validOrder({ payment: { method: 'invoice' } });
      const res = await fetch(`${server.url}/api/v1/registers/${shop.register.id}/orders`, {
        method: 'POST',
        headers: { ...shop.auth, 'content-type': 'application/json', 'idempotency-key': `e2e-${order.orderId}` },
        body: JSON.stringify({
          ...order,
          customer: { ...order.customer, firstName: 'Kirsi', lastName: 'Kirjoittaja', email: PERSON.email },
        }),
      });
      expect(res.status, await res.clone().text()).toBe(201);
      subjectId = ((await res.json()) as { subjectId: string }).subjectId;
      // The customer's invoice is open: the shop holds their data until it is paid.
      holdReason = `Lasku ${order.orderId} avoinna`;
      const hold = await fetch(`${server.url}/api/v1/registers/${shop.register.id}/subjects/${subjectId}/holds`, {
        method: 'POST',
        headers: { ...shop.auth, 'content-type': 'application/json' },
        body: JSON.stringify({
          kind: 'open_invoice',
          reason: holdReason,
          until: addMonths(today, 2),
          orderId: order.orderId,
        }),
      });
      expect(hold.status, await hold.clone().text()).toBe(201);
      const other = validOrder();
      const posted = await fetch(`${server.url}/api/v1/registers/${shop.register.id}/orders`, {
        method: 'POST',
        headers: { ...shop.auth, 'content-type': 'application/json', 'idempotency-key': `e2e-${other.orderId}` },
        body: JSON.stringify(other),
      });
      expect(posted.status, await posted.clone().text()).toBe(201);
      otherSubjectId = ((await posted.json()) as { subjectId: string }).subjectId;
    });
    afterAll(async () => {
      deadlineClock.now = realNow;
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser?.close();
      await server?.close();
    });

    async function newPage(locale = 'fi-FI') {
      const context = await browser.newContext({
        locale,
        viewport: { width: 1280, height: 900 },
        acceptDownloads: true,
      });
      contexts.push(context);
      return context.newPage();
    }

    const h1 = (page: Page, name: string | RegExp) =>
      page.getByRole('heading', { level: 1, name, exact: typeof name === 'string' });
    const listPath = () => `/console/controllers/${shop.controller.id}/requests`;
    const requestPath = () => `${listPath()}/${requestId}`;
    const status = (page: Page, text: string) => page.getByRole('status').getByText(text, { exact: true });
    const part = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
    const documents = (page: Page) =>
      page.getByRole('table', {
        name: 'Pyynnön asiakirjat: saapunut asiakirja, tietojen viennit ja lähetetyt kirjeet',
      });
    const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

    function row(table: Locator, ...texts: string[]) {
      let rows = table.getByRole('row');
      for (const text of texts) rows = rows.filter({ hasText: text });
      return rows;
    }

    async function axe(page: Page, name: PageName, lang: Lang) {
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      axeChecked.add(`${lang}:${name}`);
      for (const v of results.violations) {
        const targets = v.nodes.map((n) => `      ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n');
        axeFailures.push(
          `${name} (${lang}, ${new URL(page.url()).pathname}): [${v.impact}] ${v.id}: ${v.help}\n${targets}`,
        );
      }
    }

    async function logIn(page: Page, path: string, person: { email: string; password: string }) {
      await page.goto(`${server.url}${path}`);
      await h1(page, 'Kirjaudu sisään').waitFor();
      await page.getByLabel('Sähköpostiosoite').fill(person.email);
      await page.getByLabel('Salasana', { exact: true }).fill(person.password);
      await page.getByLabel('Salasana', { exact: true }).press('Enter');
      await page.getByText(`Kirjautuneena: ${person.email}`).waitFor();
    }

    /** Clicks a document's link and answers the file the browser saved. */
    async function download(page: Page, kind: string): Promise<{ name: string; content: Buffer }> {
      const link = row(documents(page), kind).getByRole('link');
      const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
      return { name: file.suggestedFilename(), content: await readFile(await file.path()) };
    }

    it('1. staff log a letter received ten days ago asking for access and erasure, and the list shows it', async () => {
      staff = await newPage();
      await logIn(staff, listPath(), STAFF);
      await h1(staff, 'Rekisteröityjen pyynnöt').waitFor();
      await staff.getByText('Avoimia pyyntöjä ei ole.').waitFor();
      await staff.getByRole('link', { name: 'Kirjaa pyyntö' }).click();
      await h1(staff, 'Kirjaa pyyntö').waitFor();
      const form = staff.getByRole('form', { name: 'Kirjaa pyyntö' });
      await form.getByLabel('Rekisteri').getByRole('option', { name: 'Testirekisteri' }).waitFor({ state: 'attached' });

      // Nothing asked for and a date in the future: both are said, and the focus moves to the first.
      await form.getByLabel('Vastaanottopäivä').fill(addDays(today, 3));
      await form.getByRole('button', { name: 'Kirjaa pyyntö' }).click();
      await form.getByRole('alert').getByText('Lomakkeessa on 2 virhettä. Ne näkyvät kenttien kohdalla.').waitFor();
      await form.getByText('Valitse vähintään yksi.').waitFor();
      await form.getByText('Päivämäärä ei voi olla tulevaisuudessa.').waitFor();
      await expect.poll(() => isFocused(form.getByLabel('Tietojen tarkastus'))).toBe(true);
      await axe(staff, 'newRequest', 'fi');

      for (const type of ['Tietojen tarkastus', 'Tietojen poistaminen']) await form.getByLabel(type).check();
      await form.getByLabel('Miten pyyntö saapui?').selectOption({ label: 'Kirje' });
      await form.getByLabel('Vastaanottopäivä').fill(tenDaysAgo);
      await form.getByLabel('Henkilön kieli').selectOption({ label: 'suomi' });
      await form.getByLabel('Henkilön nimi').fill(PERSON.name);
      await form.getByLabel('Henkilön sähköpostiosoite').fill(PERSON.email);
      await form.getByLabel('Pyynnön sisältö').fill('Pyydän tietoni ja niiden poistamista.');
      await form.getByLabel('Saapunut asiakirja').setInputFiles({
        name: 'kirje.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4 allekirjoitettu kirje'),
      });
      await form.getByRole('button', { name: 'Kirjaa pyyntö' }).click();

      await h1(staff, /^Pyyntö [0-9A-F]{8}$/).waitFor();
      requestId = new URL(staff.url()).pathname.split('/').at(-1)!;
      reference = requestId.slice(0, 8).toUpperCase();
      await h1(staff, `Pyyntö ${reference}`).waitFor();
      const summary = staff.getByRole('table', { name: 'Pyynnön tiedot' });
      await row(summary, 'Tila', 'Vastaanotettu').waitFor();
      await row(summary, 'Pyydetyt oikeudet', 'Tietojen tarkastus, Tietojen poistaminen').waitFor();
      await row(summary, 'Saapumistapa', 'Kirje').waitFor();
      await row(summary, 'Vastattava viimeistään', fiDay(dueDate)).waitFor();
      await row(summary, 'Nimi', PERSON.name).waitFor();
      // Nothing may be answered before the identity is verified; refusing stays possible.
      const access = part(staff, 'Tietojen tarkastus');
      await access.getByText('Osaan voi vastata, kun henkilöllisyys on tarkistettu.').waitFor();
      expect(await access.locator('summary', { hasText: 'Vastaa' }).count()).toBe(0);
      const received = await download(staff, 'Vastaanotettu asiakirja');
      expect(received.name).toBe('kirje.pdf');
      expect(received.content.toString()).toBe('%PDF-1.4 allekirjoitettu kirje');
      await axe(staff, 'request', 'fi');

      await staff.getByRole('link', { name: 'Takaisin pyyntöihin' }).click();
      const list = staff.getByRole('table', { name: /^Avoimet pyynnöt määräajan mukaan/ });
      const listed = row(list, reference, fiDay(dueDate), PERSON.name, 'Vastaanotettu');
      await listed.waitFor();
      expect(await listed.getByText('Erääntyy pian').count()).toBe(0);
    });

    it('2. staff ask for proof, verify the identity from a document and link the customer', async () => {
      await staff.goto(`${server.url}${requestPath()}`);
      const identity = staff.getByRole('region', { name: 'Henkilöllisyys' });
      await identity.getByRole('button', { name: 'Pyydä todiste henkilöllisyydestä' }).click();
      await status(staff, 'Pyyntö siirtyi tilaan ”Henkilöllisyyttä tarkistetaan”.').waitFor();
      await row(
        staff.getByRole('table', { name: 'Pyynnön tiedot' }),
        'Tila',
        'Henkilöllisyyttä tarkistetaan',
      ).waitFor();
      expect(await identity.getByRole('button', { name: 'Pyydä todiste henkilöllisyydestä' }).count()).toBe(0);

      const verify = identity.getByRole('form', { name: 'Tarkista henkilöllisyys' });
      // A customer id that is no id is refused at the field, and nothing is sent.
      await verify.getByLabel('Asiakkaan tunniste').fill('Kirsi');
      await verify.getByRole('button', { name: 'Merkitse henkilöllisyys tarkistetuksi' }).click();
      await verify.getByText('Tätä ei löytynyt.').waitFor();
      await expect.poll(() => isFocused(verify.getByLabel('Asiakkaan tunniste'))).toBe(true);

      await verify
        .getByLabel('Miten henkilöllisyys tarkistettiin?')
        .selectOption({ label: 'Asiakirja, jonka henkilökunta on nähnyt' });
      await verify.getByLabel('Merkintä tarkistuksesta').fill('Allekirjoitettu kirje ja henkilökortin kopio');
      await verify.getByLabel('Asiakkaan tunniste').fill(subjectId);
      await verify.getByRole('button', { name: 'Merkitse henkilöllisyys tarkistetuksi' }).click();
      await status(staff, 'Henkilöllisyys merkittiin tarkistetuksi.').waitFor();
      const facts = identity.getByRole('table', { name: 'Henkilöllisyys' });
      await row(facts, 'Tila', 'Tarkistettu').waitFor();
      await row(facts, 'Tarkistustapa', 'Asiakirja, jonka henkilökunta on nähnyt').waitFor();
      await row(facts, 'Merkintä', 'Allekirjoitettu kirje ja henkilökortin kopio').waitFor();
      const summary = staff.getByRole('table', { name: 'Pyynnön tiedot' });
      await row(summary, 'Tila', 'Käsittelyssä').waitFor();
      expect(
        await row(summary, 'Asiakas').getByRole('link', { name: 'Avaa asiakkaan tiedot' }).getAttribute('href'),
      ).toBe(`/console/c/${shop.controller.id}/registers/${shop.register.id}/customers/${subjectId}`);
      await part(staff, 'Tietojen tarkastus').locator('summary', { hasText: 'Vastaa' }).waitFor();
    });

    it('3. an admin assigns the request to the member of staff, who adds a note', async () => {
      const admin = await newPage();
      await logIn(admin, requestPath(), ADMIN);
      const assign = admin.getByRole('form', { name: 'Käsittelijä' });
      const who = assign.getByLabel('Anna käsiteltäväksi');
      await who.getByRole('option', { name: `${STAFF.name} (${STAFF.email})` }).waitFor({ state: 'attached' });
      await who.selectOption({ label: `${STAFF.name} (${STAFF.email})` });
      await assign.getByRole('button', { name: 'Tallenna käsittelijä' }).click();
      await status(admin, 'Käsittelijä tallennettiin.').waitFor();
      await row(admin.getByRole('table', { name: 'Pyynnön tiedot' }), 'Käsittelijä', STAFF.email).waitFor();

      await staff.reload();
      const notes = staff.getByRole('form', { name: 'Merkinnät' });
      // An empty note is refused at the field.
      await notes.getByRole('button', { name: 'Lisää merkintä' }).click();
      await notes.getByText('Tämä tieto puuttuu.').waitFor();
      await notes.getByLabel('Uusi merkintä').fill('Soitin asiakkaalle: lasku on yhä maksamatta.');
      await notes.getByRole('button', { name: 'Lisää merkintä' }).click();
      await status(staff, 'Merkintä lisättiin.').waitFor();
      const history = staff.getByRole('table', { name: 'Pyynnön vaiheet, vanhin ensin' });
      await row(history, STAFF.email, 'Soitin asiakkaalle: lasku on yhä maksamatta.').waitFor();
      await row(history, ADMIN.email).first().waitFor();
    });

    it('4. as the due date nears, the list shows the request as due soon', async () => {
      deadlineClock.now = () => new Date(`${addDays(dueDate, -3)}T10:00:00+02:00`);
      await staff.goto(`${server.url}${listPath()}`);
      const list = staff.getByRole('table', { name: /^Avoimet pyynnöt määräajan mukaan/ });
      const listed = row(list, reference, fiDay(dueDate));
      await listed.getByText('Erääntyy pian', { exact: true }).waitFor();
      await listed.getByText(STAFF.email).waitFor();
    });

    it('5. the erasure is extended with a reason; the notice is kept with the request and mailed', async () => {
      await staff.getByRole('link', { name: reference }).click();
      await h1(staff, `Pyyntö ${reference}`).waitFor();
      const erasure = part(staff, 'Tietojen poistaminen');
      await erasure.locator('summary', { hasText: 'Jatka määräaikaa' }).click();
      const submit = erasure.getByRole('button', { name: 'Jatka määräaikaa ja lähetä ilmoitus' });
      // Without a reason nothing is sent.
      await submit.click();
      await erasure.getByText('Tämä tieto puuttuu.').waitFor();
      await expect.poll(() => isFocused(erasure.getByLabel('Syy'))).toBe(true);
      await erasure.getByLabel('Jatkoaika').selectOption({ label: '2 kuukautta' });
      await erasure.getByLabel('Syy').fill(EXTENSION_REASON);
      await submit.click();
      await status(staff, 'Määräaikaa jatkettiin, ja henkilölle lähetettiin ilmoitus.').waitFor();

      const extendedTo = addMonths(dueDate, 2);
      await erasure.getByText(`Määräaikaa jatkettu ${fiDay(extendedTo)} asti`).waitFor();
      await erasure.getByText(EXTENSION_REASON).waitFor();
      await erasure.getByText('Määräaikaa jatkettu', { exact: true }).waitFor();
      await row(documents(staff), 'Ilmoitus määräajan jatkamisesta', 'suomi').waitFor();
      const summary = staff.getByRole('table', { name: 'Pyynnön tiedot' });
      await row(summary, 'Tila', 'Määräaikaa jatkettu').waitFor();
      // The access part was not extended: it keeps the first month.
      expect(
        await part(staff, 'Tietojen tarkastus')
          .getByText(/Määräaikaa jatkettu/)
          .count(),
      ).toBe(0);

      const mails = await server.database.db
        .selectFrom('outbox')
        .select(['subject', 'attachments'])
        .where('to_address', '=', PERSON.email)
        .orderBy('seq')
        .execute();
      const notice = mails.at(-1);
      expect(notice, 'the extension notice in the outbox').toBeDefined();
      expect(notice!.subject).toMatch(/vastausaikaa jatketaan/);
      const attachments = (
        typeof notice!.attachments === 'string' ? JSON.parse(notice!.attachments) : notice!.attachments
      ) as Array<{ contentType: string }> | null;
      expect(attachments?.map((a) => a.contentType)).toContain('application/pdf');
    });

    it('6. the access is answered with the export, which is kept with the request', async () => {
      const access = part(staff, 'Tietojen tarkastus');
      await access.locator('summary', { hasText: 'Vastaa' }).click();
      await access.getByLabel('Vastaus henkilölle').fill('Tietosi ovat liitteenä.');
      await access.getByRole('button', { name: 'Toteuta ja lähetä vastaus' }).click();
      await status(staff, 'Osaan vastattiin, ja henkilölle lähetettiin kirje.').waitFor();
      await access.getByText('Valmis', { exact: true }).waitFor();
      await access.getByText('Tietosi ovat liitteenä.').waitFor();
      await row(documents(staff), 'Vastauskirje').waitFor();
      const exported = await download(staff, 'Tietojen vienti');
      expect(exported.name).toMatch(/\.zip$/);
      expect(exported.content.subarray(0, 2).toString()).toBe('PK');
      await axe(staff, 'request', 'fi');
    });

    it('7. the erasure, after a confirmation, keeps what the open invoice holds and sends the refusal letter', async () => {
      const erasure = part(staff, 'Tietojen poistaminen');
      await erasure.locator('summary', { hasText: 'Vastaa' }).click();
      await erasure.getByRole('button', { name: 'Toteuta ja lähetä vastaus' }).click();
      const confirm = erasure.getByRole('group', { name: 'Poiston vahvistus' });
      const question = confirm.getByText('Poistetaanko asiakkaan tiedot pysyvästi? Tätä ei voi perua.');
      await expect.poll(() => isFocused(question)).toBe(true);
      // Cancelling erases nothing.
      await confirm.getByRole('button', { name: 'Peruuta' }).click();
      expect(
        (
          await server.database.db
            .selectFrom('subjects')
            .select('erased_at')
            .where('id', '=', subjectId)
            .executeTakeFirstOrThrow()
        ).erased_at,
      ).toBeNull();
      await erasure.getByRole('button', { name: 'Toteuta ja lähetä vastaus' }).click();
      await erasure.getByRole('button', { name: 'Kyllä, poista tiedot' }).click();
      await status(staff, 'Osaan vastattiin, ja henkilölle lähetettiin kirje.').waitFor();

      await erasure.getByText('Osittain toteutettu', { exact: true }).waitFor();
      await erasure.getByText(/avoinna/).waitFor();
      const summary = staff.getByRole('table', { name: 'Pyynnön tiedot' });
      await row(summary, 'Tila', 'Osittain toteutettu').waitFor();
      await staff.getByText('Pyyntö on käsitelty. Siihen voi vielä lisätä merkintöjä.').waitFor();
      // A closed request takes no more answers, extensions or assignments.
      expect(await staff.locator('summary').count()).toBe(0);
      expect(await staff.getByRole('form', { name: 'Käsittelijä' }).count()).toBe(0);
      const subject = await server.database.db
        .selectFrom('subjects')
        .select('erased_at')
        .where('id', '=', subjectId)
        .executeTakeFirstOrThrow();
      expect(subject.erased_at).not.toBeNull();

      const history = staff.getByRole('table', { name: 'Pyynnön vaiheet, vanhin ensin' });
      for (const step of [
        'Henkilöllisyyttä tarkistetaan',
        'Käsittelyssä',
        'Määräaikaa jatkettu',
        'Osittain toteutettu',
      ])
        await row(history, STAFF.email, step).first().waitFor();

      const letter = await download(staff, 'Kieltäytymiskirje');
      expect(letter.name).toMatch(/\.pdf$/);
      const text = await pdfText(letter.content);
      expect(text).toContain(holdReason);
      expect(text).toMatch(/Tietosuojavaltuutet/);
      expect(text).toContain(reference);
      await axe(staff, 'request', 'fi');
    });

    it('8. a rectification is answered with the corrected field; a bad value is refused at its row', async () => {
      await staff.goto(`${server.url}${listPath()}/new`);
      const form = staff.getByRole('form', { name: 'Kirjaa pyyntö' });
      await form.getByLabel('Tietojen oikaisu').check();
      await form.getByLabel('Miten pyyntö saapui?').selectOption({ label: 'Puhelin' });
      await form.getByRole('button', { name: 'Kirjaa pyyntö' }).click();
      await h1(staff, /^Pyyntö [0-9A-F]{8}$/).waitFor();
      const verify = staff.getByRole('form', { name: 'Tarkista henkilöllisyys' });
      await verify
        .getByLabel('Miten henkilöllisyys tarkistettiin?')
        .selectOption({ label: 'Vahva sähköinen tunnistus' });
      await verify.getByLabel('Asiakkaan tunniste').fill(otherSubjectId);
      await verify.getByRole('button', { name: 'Merkitse henkilöllisyys tarkistetuksi' }).click();
      await status(staff, 'Henkilöllisyys merkittiin tarkistetuksi.').waitFor();

      const rectification = part(staff, 'Tietojen oikaisu');
      await rectification.locator('summary', { hasText: 'Vastaa' }).click();
      const field = rectification.getByLabel('Tieto 1');
      await field.getByRole('option', { name: 'Puhelinnumero' }).waitFor({ state: 'attached' });
      await field.selectOption({ label: 'Puhelinnumero' });
      await rectification.getByLabel('Uusi arvo 1').fill('soita iltaisin');
      await rectification.getByRole('button', { name: 'Toteuta ja lähetä vastaus' }).click();
      await rectification.getByText('Puhelinnumero ei kelpaa.', { exact: false }).waitFor();
      await expect.poll(() => isFocused(rectification.getByLabel('Uusi arvo 1'))).toBe(true);
      await rectification.getByText('Avoin', { exact: true }).waitFor();

      await rectification.getByLabel('Uusi arvo 1').fill('040 765 4321');
      await rectification.getByRole('button', { name: 'Toteuta ja lähetä vastaus' }).click();
      await status(staff, 'Osaan vastattiin, ja henkilölle lähetettiin kirje.').waitFor();
      await rectification.getByText('Valmis', { exact: true }).waitFor();
      const subject = await server.database.db
        .selectFrom('subjects')
        .select('phone')
        .where('id', '=', otherSubjectId)
        .executeTakeFirstOrThrow();
      expect(subject.phone).toMatch(/407654321$/);
    });

    it('9. axe finds no WCAG 2.1 A/AA violations in English either', async () => {
      const context = await browser.newContext({
        locale: 'en-GB',
        viewport: { width: 1280, height: 900 },
        storageState: await staff.context().storageState(),
      });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${server.url}${listPath()}/new?lang=en`);
      await h1(page, 'Log a request').waitFor();
      const form = page.getByRole('form', { name: 'Log a request' });
      await form.getByLabel('Register').getByRole('option', { name: 'Testirekisteri' }).waitFor({ state: 'attached' });
      await form.getByRole('button', { name: 'Log the request' }).click();
      await form.getByText('Choose at least one.').waitFor();
      await axe(page, 'newRequest', 'en');

      // An open request in English: the identity form and the part actions.
      await form.getByLabel('Access to data').check();
      await form.getByLabel('How did the request arrive?').selectOption({ label: 'Phone' });
      await form.getByRole('button', { name: 'Log the request' }).click();
      await h1(page, /^Request [0-9A-F]{8}$/).waitFor();
      await page.getByRole('form', { name: 'Verify the identity' }).waitFor();
      await page.getByRole('region', { name: 'Access to data' }).locator('summary', { hasText: 'Refuse' }).click();
      await axe(page, 'request', 'en');

      // The closed request of the journey, in English.
      await page.goto(`${server.url}${requestPath()}?lang=en`);
      await h1(page, `Request ${reference}`).waitFor();
      await page
        .getByRole('table', { name: 'Documents of the request: the document received, data exports and letters sent' })
        .getByText('Refusal letter')
        .waitFor();
      await axe(page, 'request', 'en');

      deadlineClock.now = realNow;
      for (const lang of ['fi', 'en'] as const)
        for (const name of ['request', 'newRequest'] as const) expect(axeChecked).toContain(`${lang}:${name}`);
      expect(axeFailures, axeFailures.join('\n')).toEqual([]);
    });
  },
);
