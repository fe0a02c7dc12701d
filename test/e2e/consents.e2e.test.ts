/**
 * Marketing permissions in Chromium: a shop's order with an email opt-in shows on the customer
 * page with its proof, a member of staff records a letter prohibiting post, downloads the
 * marketing list, the shop's contact check hands out an unsubscribe link whose page the customer
 * opens, and the console then shows the withdrawal; a viewer sees the permissions but cannot
 * record. axe checks the customer page, the register page and the unsubscribe page in fi, sv, en.
 *
 * The journeys run in order on one server and database. Accessible names come from
 * web/src/i18n/console/*.ts and src/modules/consents/unsubscribe-page.ts.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { staffService } from '../../src/modules/staff/staff.service.ts';
import { newShop, validOrder } from '../factories.ts';
import { hasChromium, launchBrowser, noChromiumReason, startServer, type TestServer } from './browser.ts';

if (!hasChromium) console.warn(`test/e2e/consents.e2e.test.ts: ${noChromiumReason}`);

const STAFF = { email: 'sanna.suostumus@example.fi', name: 'Sanna Suostumus', password: 'sannan pitkä salasana 1' };
const VIEWER = { email: 'ville.katsoja@example.fi', name: 'Ville Katsoja', password: 'villen pitkä salasana 2' };
/** The fixture register's purpose (test/fixtures/descriptions.ts) the staff give as the reason to look. */
const LOOK_PURPOSE = { key: 'customer_relationship', fi: 'Asiakassuhteen hoito' };
const NOTE = 'Kirje saapui postitse, arkistotunnus K-17.';

type Lang = 'fi' | 'sv' | 'en';
type PageName = 'customer' | 'register' | 'unsubscribe';
const LANGS: readonly Lang[] = ['fi', 'sv', 'en'];
const PAGES: readonly PageName[] = ['customer', 'register', 'unsubscribe'];

/** The date in Finland, where the letters are written (the server's rule for "not in the future"). */
const todayInFinland = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(new Date());

describe.skipIf(!hasChromium)(
  hasChromium ? 'marketing permissions in Chromium' : `marketing permissions in Chromium: ${noChromiumReason}`,
  () => {
    let server: TestServer;
    let browser: Browser;
    const contexts: BrowserContext[] = [];
    let shop: Awaited<ReturnType<typeof newShop>>;
    let staff: Page;
    let customerPath: string;
    let registerPath: string;
    let unsubscribeUrl: string;
    const order = validOrder({ marketingOptIn: { email: true } });
    const customerName = `${order.customer.firstName} ${order.customer.lastName}`;

    const axeChecked = new Set<string>();
    const axeFailures: string[] = [];

    beforeAll(async () => {
      server = await startServer();
      browser = await launchBrowser();
      shop = await newShop(server.database);
      const accounts = staffService(server.database.db, server.deps.secretBox);
      for (const [person, role] of [
        [STAFF, 'staff'],
        [VIEWER, 'viewer'],
      ] as const) {
        const account = await accounts.createAccount(person);
        await accounts.addMember(shop.controller.id, account.id, role);
      }
      const res = await fetch(`${server.url}/api/v1/registers/${shop.register.id}/orders`, {
        method: 'POST',
        headers: { ...shop.auth, 'content-type': 'application/json', 'idempotency-key': `e2e-${order.orderId}` },
        body: JSON.stringify(order),
      });
      expect(res.status, await res.clone().text()).toBe(201);
      const { subjectId } = (await res.json()) as { subjectId: string };
      registerPath = `/console/c/${shop.controller.id}/registers/${shop.register.id}`;
      customerPath = `${registerPath}/customers/${subjectId}`;
    });
    afterAll(async () => {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser?.close();
      await server?.close();
    });

    async function newPage(locale = 'fi-FI') {
      const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
      contexts.push(context);
      return context.newPage();
    }

    const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });
    const section = (page: Page) => page.getByRole('region', { name: 'Markkinointiluvat ja -kiellot' });
    const stateTable = (page: Page) =>
      section(page).getByRole('table', { name: 'Luvat käyttötarkoituksittain ja kanavittain' });
    const history = (page: Page) =>
      section(page).getByRole('table', { name: 'Asiakkaan luvat ja kiellot uusimmasta alkaen' });

    /** The row of a table that has all these texts. */
    function row(table: Locator, ...texts: string[]) {
      let rows = table.getByRole('row');
      for (const text of texts) rows = rows.filter({ hasText: text });
      return rows;
    }

    /** A cell of the permissions table: the purpose's row, the channel's column (email, sms, phone, post). */
    const CHANNEL_COLUMN = { email: 0, sms: 1, phone: 2, post: 3 } as const;
    const cell = (page: Page, purpose: string, channel: keyof typeof CHANNEL_COLUMN) =>
      stateTable(page)
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: purpose, exact: true }) })
        .getByRole('cell')
        .nth(CHANNEL_COLUMN[channel]);

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

    /** Opens a console page by its address, logging in first when asked to. */
    async function logIn(page: Page, path: string, person: { email: string; password: string }) {
      await page.goto(`${server.url}${path}`);
      await h1(page, 'Kirjaudu sisään').waitFor();
      await page.getByLabel('Sähköpostiosoite').fill(person.email);
      await page.getByLabel('Salasana', { exact: true }).fill(person.password);
      await page.getByLabel('Salasana', { exact: true }).press('Enter');
      await page.getByText(`Kirjautuneena: ${person.email}`).waitFor();
    }

    /** On the customer page: say why, and show. */
    async function showCustomer(page: Page) {
      const purpose = page.getByLabel('Miksi katsot asiakkaan tietoja?');
      await purpose.getByRole('option', { name: LOOK_PURPOSE.fi }).waitFor({ state: 'attached' });
      await purpose.selectOption({ label: LOOK_PURPOSE.fi });
      await page.getByRole('button', { name: 'Näytä tiedot', exact: true }).click();
      await h1(page, customerName).waitFor();
      await stateTable(page).waitFor();
    }

    it('1. the opt-in at checkout shows as a consent for email with the order as its proof', async () => {
      staff = await newPage();
      await logIn(staff, customerPath, STAFF);
      await h1(staff, 'Asiakas').waitFor();
      await showCustomer(staff);

      const email = cell(staff, 'Suoramarkkinointi', 'email');
      await email.getByText('Sallittu', { exact: true }).waitFor();
      await email.getByText('Asiakas on antanut suostumuksen').waitFor();
      await email.getByText('GDPR 6(1)(a); 917/2014 200 § (1)').waitFor();
      // Without consent, email for research is not allowed; post is, until prohibited.
      await cell(staff, 'Markkinatutkimus', 'email').getByText('Ei sallittu', { exact: true }).waitFor();
      await cell(staff, 'Markkinatutkimus', 'email').getByText('Suostumusta ei ole').waitFor();
      await cell(staff, 'Suoramarkkinointi', 'post').getByText('Asiakas ei ole kieltänyt').waitFor();

      const consent = row(history(staff), 'Suostumus annettu', 'Sähköposti', 'Suoramarkkinointi', 'Tilaus');
      await consent.getByText(`Tilausnumero: ${order.orderId}`).waitFor();
      await consent.getByText(order.ip).waitFor();
      await consent.getByRole('cell', { name: '1', exact: true }).waitFor(); // the notice version

      await axe(staff, 'customer', 'fi');
    });

    it('2. staff record a letter prohibiting post marketing; it shows in the table and the history', async () => {
      const form = staff.getByRole('form', { name: 'Kirjaa kirje' });
      await form.getByText('Kirjauksia ei voi poistaa eikä muuttaa.', { exact: false }).waitFor();
      // Nothing chosen: the form says what is missing and moves to the purposes.
      await form.getByRole('button', { name: 'Kirjaa' }).click();
      await form.getByRole('alert').getByText('Lomakkeessa on 2 virhettä. Ne näkyvät kenttien kohdalla.').waitFor();
      await form.getByText('Valitse vähintään yksi käyttötarkoitus.').waitFor();
      await expect.poll(() => staff.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('checkbox');

      await form.getByLabel('Mitä kirjeessä sanotaan?').selectOption({ label: 'Kielto asetettu' });
      await form.getByLabel('Kanava').selectOption({ label: 'Posti' });
      const purposes = form.getByRole('group', { name: 'Käyttötarkoitukset' });
      await purposes.getByRole('checkbox', { name: 'Suoramarkkinointi' }).check();
      const date = form.getByLabel('Kirjeen päiväys');
      expect(await date.getAttribute('type')).toBe('date');
      expect(await date.getAttribute('max')).toBe(todayInFinland());
      await date.fill(todayInFinland());
      await form.getByLabel(/^Huomautus/).fill(NOTE);
      await form.getByRole('button', { name: 'Kirjaa' }).click();
      await form.getByRole('status').getByText('Kirje kirjattiin: historiaan lisättiin 1 tapahtuma.').waitFor();

      const post = cell(staff, 'Suoramarkkinointi', 'post');
      await post.getByText('Ei sallittu', { exact: true }).waitFor();
      await post.getByText('Asiakas on kieltänyt').waitFor();
      // A prohibition of direct marketing covers distance selling too; email is untouched.
      await cell(staff, 'Etämyynti', 'post').getByText('Ei sallittu', { exact: true }).waitFor();
      await cell(staff, 'Suoramarkkinointi', 'email').getByText('Sallittu', { exact: true }).waitFor();

      const letter = row(history(staff), 'Kielto asetettu', 'Posti', 'Kirje, kirjattu konsolissa', STAFF.email);
      await letter.getByText(`Huomautus: ${NOTE}`).waitFor();
      const [y, m, d] = todayInFinland().split('-').map(Number);
      await letter.getByText(`Kirjeen päiväys: ${d}.${m}.${y}`).waitFor();
      // The form is empty again, and nothing in the history can be removed or changed.
      expect(await purposes.getByRole('checkbox', { name: 'Suoramarkkinointi' }).isChecked()).toBe(false);
      expect(await history(staff).getByRole('button').count()).toBe(0);
    });

    it('3. the marketing list for email is downloaded from the register page', async () => {
      await staff.goto(`${server.url}${registerPath}`);
      await h1(staff, 'Testirekisteri').waitFor();
      const list = staff.getByRole('region', { name: 'Markkinointilista' });
      await list
        .getByText('Listalta jätetään pois kaikki, jotka ovat kieltäneet markkinoinnin', { exact: false })
        .waitFor();
      await list.getByText('Jokainen lataus ja jokainen listalla oleva asiakas kirjataan lokitietoihin.').waitFor();
      await list.getByLabel('Kanava').selectOption({ label: 'Sähköposti' });
      await list.getByLabel('Käyttötarkoitus').selectOption({ label: 'Suoramarkkinointi' });
      // The register's own purposes are offered with their names.
      await list.getByLabel('Käyttötarkoitus').getByRole('option', { name: 'Sähköpostimarkkinointi' }).waitFor({
        state: 'attached',
      });
      await axe(staff, 'register', 'fi');

      const [download] = await Promise.all([
        staff.waitForEvent('download'),
        list.getByRole('link', { name: 'Lataa lista (CSV)' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^direct-marketing-email-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = await readFile(await download.path(), 'utf8');
      expect(csv.split('\n')[0]).toContain('email');
      expect(csv).toContain(order.customer.email);

      // The post list leaves out the customer who prohibited post.
      await list.getByLabel('Kanava').selectOption({ label: 'Posti' });
      const [postDownload] = await Promise.all([
        staff.waitForEvent('download'),
        list.getByRole('link', { name: 'Lataa lista (CSV)' }).click(),
      ]);
      const postCsv = await readFile(await postDownload.path(), 'utf8');
      expect(postCsv).not.toContain(order.customer.lastName);
    });

    it("4. the shop's contact check gives an unsubscribe link; following it withdraws, in fi, sv and en", async () => {
      const query = new URLSearchParams({ email: order.customer.email, channel: 'email', purpose: 'direct_marketing' });
      const res = await fetch(`${server.url}/api/v1/registers/${shop.register.id}/contact-check?${query}`, {
        headers: shop.auth,
      });
      expect(res.status, await res.clone().text()).toBe(200);
      const check = (await res.json()) as { allowed: boolean; reason: string; unsubscribeUrl: string | null };
      expect(check).toMatchObject({ allowed: true, reason: 'consent' });
      expect(check.unsubscribeUrl?.startsWith(`${server.url}/unsubscribe/`)).toBe(true);
      unsubscribeUrl = check.unsubscribeUrl!;

      // The customer's own browser, from the message.
      const customer = await newPage();
      const open = async (lang: Lang, heading: string) => {
        await customer.goto(`${unsubscribeUrl}?lang=${lang}`);
        await h1(customer, heading).waitFor();
        await axe(customer, 'unsubscribe', lang);
      };
      await open('fi', 'Peruutus on tehty');
      await customer
        .getByText(`${shop.controller.name} ei enää lähetä sinulle sähköpostia`, { exact: false })
        .waitFor();
      await customer.getByRole('button', { name: 'Kiellä kaikki markkinointi' }).waitFor();
      // Following the link again changes nothing more.
      await open('sv', 'Avbeställningen gällde redan');
      await open('en', 'You were already unsubscribed');

      // The staff see the withdrawal at their next look.
      await staff.goto(`${server.url}${customerPath}`);
      await showCustomer(staff);
      const email = cell(staff, 'Suoramarkkinointi', 'email');
      await email.getByText('Ei sallittu', { exact: true }).waitFor();
      await email.getByText('Asiakas on perunut suostumuksensa').waitFor();
      const withdrawal = row(history(staff), 'Suostumus peruttu', 'Sähköposti', 'Suoramarkkinointi', 'Peruutuslinkki');
      await withdrawal.getByText('Tapa: peruutuslinkki avattiin').waitFor();
      expect(await withdrawal.count()).toBe(1);
      // The earlier look at the permissions and the letter are in the customer's processing events.
      const events = staff.getByRole('table', { name: 'Asiakkaan tietojen käsittelytapahtumat' });
      await row(events, 'Markkinointiluvat katsottu', LOOK_PURPOSE.fi).first().waitFor();
      await row(events, 'Lupa tai kielto kirjattu', 'Lupien ja kieltojen hallinta').waitFor();
      await axe(staff, 'customer', 'fi');
    });

    it('5. a viewer sees the permissions but neither the letter form nor the marketing list', async () => {
      const viewer = await newPage();
      await logIn(viewer, customerPath, VIEWER);
      await h1(viewer, 'Asiakas').waitFor();
      await showCustomer(viewer);
      await cell(viewer, 'Suoramarkkinointi', 'post').getByText('Ei sallittu', { exact: true }).waitFor();
      await section(viewer).getByText('Roolisi ei salli lupien ja kieltojen kirjaamista.').waitFor();
      expect(await viewer.getByRole('form', { name: 'Kirjaa kirje' }).count()).toBe(0);
      expect(await viewer.getByRole('button', { name: 'Kirjaa' }).count()).toBe(0);

      await viewer.goto(`${server.url}${registerPath}`);
      await h1(viewer, 'Testirekisteri').waitFor();
      await viewer.getByRole('heading', { name: 'Versiot' }).waitFor();
      expect(await viewer.getByRole('region', { name: 'Markkinointilista' }).count()).toBe(0);
    });

    it('6. axe finds no WCAG 2.1 A/AA violations in Swedish and English either', async () => {
      const storage = await staff.context().storageState();
      for (const [lang, locale, names] of [
        [
          'sv',
          'sv-FI',
          {
            register: 'Testregister',
            section: 'Marknadsföringstillstånd och förbud',
            list: 'Marknadsföringslista',
            form: 'Registrera ett brev',
          },
        ],
        [
          'en',
          'en-GB',
          {
            register: 'Test register',
            section: 'Marketing permissions',
            list: 'Marketing list',
            form: 'Record a letter',
          },
        ],
      ] as const) {
        const context = await browser.newContext({
          locale,
          viewport: { width: 1280, height: 900 },
          storageState: storage,
        });
        contexts.push(context);
        const page = await context.newPage();
        await page.goto(`${server.url}${customerPath}?purpose=${LOOK_PURPOSE.key}&lang=${lang}`);
        const region = page.getByRole('region', { name: names.section });
        await region.getByRole('table').nth(1).waitFor();
        await region.getByRole('form', { name: names.form }).waitFor();
        await axe(page, 'customer', lang);

        await page.goto(`${server.url}${registerPath}?lang=${lang}`);
        await h1(page, names.register).waitFor();
        await page.getByRole('region', { name: names.list }).getByRole('link').waitFor();
        await axe(page, 'register', lang);
      }

      const missing = LANGS.flatMap((lang) =>
        PAGES.filter((p) => !axeChecked.has(`${lang}:${p}`)).map((p) => `${lang}:${p}`),
      );
      expect(missing).toEqual([]);
      if (axeFailures.length) console.error(`axe violations:\n${axeFailures.join('\n')}`);
      expect(axeFailures).toEqual([]);
    });
  },
);
