/**
 * The staff console in Chromium, as people use it: the first operator from the setup link, a
 * controller and a register, a colleague invited by mail, an order from the shop API found and
 * looked at, the look in the audit trail, two-step verification, refusals — and axe on every page
 * in Finnish and English.
 *
 * The journeys run in order and build on each other (one server and database for the file). They
 * are in Finnish, the console's reference language; accessible names come from
 * web/src/i18n/console/fi.ts. The English pass (the last test) only checks accessibility.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { generate } from 'otplib';
import { staffService } from '../../src/modules/staff/staff.service.ts';
import { validOrder } from '../factories.ts';
import { hasChromium, launchBrowser, noChromiumReason, startServer, type TestServer } from './browser.ts';

if (!hasChromium) console.warn(`test/e2e/console.e2e.test.ts: ${noChromiumReason}`);

const REGISTER_JSON = readFileSync(new URL('../../examples/registers/webshop-users.json', import.meta.url), 'utf8');
const REGISTER_NAMES = (JSON.parse(REGISTER_JSON) as { name: { fi: string; en: string } }).name;
const REGISTER_NAME = REGISTER_NAMES.fi;

const OPERATOR = { email: 'ylla.pitaja@example.fi', name: 'Ylla Pitäjä', password: 'pitkä salalause ylläpitäjälle' };
const COLLEAGUE = { email: 'kaisa.kollega@example.fi', name: 'Kaisa Kollega', password: 'kaisan oma pitkä salasana' };
const VIEWER = { email: 'lauri.lukija@example.fi', name: 'Lauri Lukija', password: 'laurin lukusalasana 123' };
const CONTROLLER = { name: 'Esimerkkikauppa Oy', businessId: '2077474-0' };
const CUSTOMER_SERVICE = 'Asiakaspalvelu ja yhteydenottopyyntöihin vastaaminen';

/** The pages axe must have seen, in Finnish and in English. */
const PAGES = [
  'login',
  'setup',
  'controllers',
  'registers',
  'register',
  'customers',
  'customer',
  'apiKeys',
  'staff',
  'audit',
  'security',
  'outbox',
] as const;
type PageName = (typeof PAGES)[number] | 'invite';
type Lang = 'fi' | 'en';

describe.skipIf(!hasChromium)(
  hasChromium ? 'staff console in Chromium' : `staff console in Chromium: ${noChromiumReason}`,
  () => {
    let server: TestServer;
    let browser: Browser;
    const contexts: BrowserContext[] = [];
    /** The operator's browser, logged in from the first journey on. */
    let op: Page;
    /** The invited colleague's browser (role staff). */
    let colleague: Page;
    let setupToken: string;
    let controllerId: string;
    let registerId: string;
    let customerPath: string;
    // The order as the shop sends it, with only the fields the example register declares.
    const base = validOrder();
    const customer = {
      ...base.customer,
      address: { street: base.customer.address.street, postalCode: base.customer.address.postalCode, city: 'Helsinki' },
    };
    const order = { ...base, customer, sourcePage: undefined, ip: undefined, termsAccepted: undefined };
    const customerName = `${customer.firstName} ${customer.lastName}`;

    const axeChecked = new Set<string>();
    const axeFailures: string[] = [];

    beforeAll(async () => {
      server = await startServer();
      browser = await launchBrowser();
    });
    afterAll(async () => {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser?.close();
      await server?.close();
    });

    async function newPage(locale = 'fi-FI', storageState?: Awaited<ReturnType<BrowserContext['storageState']>>) {
      const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 }, storageState });
      contexts.push(context);
      return context.newPage();
    }

    const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });
    const nav = (page: Page) => page.getByRole('navigation', { name: 'Konsolin valikko' });
    const alert = (page: Page) => page.getByRole('alert');
    const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

    /** Follows a link of the console's menu and waits for the page's heading. */
    async function goTo(page: Page, link: string, heading = link) {
      await nav(page).getByRole('link', { name: link, exact: true }).click();
      await h1(page, heading).waitFor();
    }

    async function loggedInAs(page: Page, email: string) {
      await page.getByText(`Kirjautuneena: ${email}`).waitFor();
      await page.getByRole('button', { name: 'Kirjaudu ulos' }).waitFor();
    }

    async function fillLogin(page: Page, email: string, password: string) {
      await page.getByLabel('Sähköpostiosoite').fill(email);
      await page.getByLabel('Salasana', { exact: true }).fill(password);
      await page.getByLabel('Salasana', { exact: true }).press('Enter');
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

    /** The row of a table that has all these texts. */
    function row(table: Locator, ...texts: string[]) {
      let rows = table.getByRole('row');
      for (const text of texts) rows = rows.filter({ hasText: text });
      return rows;
    }

    it('1. first start: the setup link creates the operator, who creates a controller and a register', async () => {
      const token = await staffService(server.database.db, server.deps.secretBox).issueSetupToken();
      expect(token).toBeTruthy();
      setupToken = token!;

      op = await newPage();
      await op.goto(`${server.url}/console/setup?token=${encodeURIComponent(setupToken)}`);
      await h1(op, 'Ensimmäisen ylläpitäjän luominen').waitFor();
      await axe(op, 'setup', 'fi');

      // Sending the form empty says what is missing, and moves to the first field.
      await op.getByRole('button', { name: 'Luo ylläpitäjä' }).click();
      await alert(op).getByText('Lomakkeessa on 3 virhettä. Ne näkyvät kenttien kohdalla.').waitFor();
      await expect.poll(() => op.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('email');

      await op.getByLabel('Sähköpostiosoite').fill(OPERATOR.email);
      await op.getByLabel('Nimi').fill(OPERATOR.name);
      await op.getByLabel('Salasana', { exact: true }).fill(OPERATOR.password);
      await op.getByLabel('Salasana uudelleen').fill(OPERATOR.password);
      await op.getByLabel('Salasana uudelleen').press('Enter');

      await h1(op, 'Rekisterinpitäjät').waitFor();
      expect(new URL(op.url()).pathname).toBe('/console/controllers');
      await loggedInAs(op, OPERATOR.email);
      await op.getByText('Rekisterinpitäjiä ei ole vielä. Luo ensimmäinen alla olevalla lomakkeella.').waitFor();

      // A wrong Y-tunnus is caught at the field before anything is sent.
      const create = op.getByRole('region', { name: 'Uusi rekisterinpitäjä' });
      await create.getByLabel('Nimi').fill(CONTROLLER.name);
      await create.getByLabel('Y-tunnus').fill('2077474-1');
      await create.getByRole('button', { name: 'Luo rekisterinpitäjä' }).click();
      await create.getByText('Y-tunnus ei ole kelvollinen. Muoto on esimerkiksi 2077474-0.').waitFor();
      expect(await create.getByLabel('Y-tunnus').getAttribute('aria-invalid')).toBe('true');

      await create.getByLabel('Y-tunnus').fill(CONTROLLER.businessId);
      await create.getByLabel('Y-tunnus').press('Enter');
      await op
        .getByRole('status')
        .getByText(`Rekisterinpitäjä ${CONTROLLER.name} luotiin. Sinusta tuli sen omistaja.`)
        .waitFor();
      const controllers = op.getByRole('table', { name: 'Rekisterinpitäjät, joihin sinulla on pääsy' });
      await row(controllers, CONTROLLER.name, CONTROLLER.businessId, 'Omistaja').waitFor();
      await axe(op, 'controllers', 'fi');

      await controllers.getByRole('link', { name: CONTROLLER.name }).click();
      await h1(op, 'Rekisterit').waitFor();
      controllerId = decodeURIComponent(/\/console\/c\/([^/]+)\/registers$/.exec(new URL(op.url()).pathname)![1]!);
      await op.getByText('Rekistereitä ei ole vielä.').waitFor();

      await op.getByRole('button', { name: 'Uusi rekisteri' }).click();
      const form = op.getByRole('region', { name: 'Uusi rekisteri' });
      await expect.poll(() => focusedText(op)).toBe('Uusi rekisteri');
      await form.getByText('Seloste on kunnossa.').waitFor(); // the template is valid as it is
      await axe(op, 'registers', 'fi');

      const json = form.getByLabel('Seloste JSON-muodossa');
      await json.fill('{ "formatVersion": 1, ');
      await form.getByText('Korjaa JSON-tekstin virhe ennen tallentamista.').waitFor();
      expect(await json.getAttribute('aria-invalid')).toBe('true');
      await json.fill(REGISTER_JSON); // pasted from the example file
      await form.getByText('Seloste on kunnossa.').waitFor();
      await form.getByRole('button', { name: 'Luo rekisteri' }).click();

      await h1(op, REGISTER_NAME).waitFor();
      registerId = decodeURIComponent(new URL(op.url()).pathname.split('/').at(-1)!);
      await op.getByRole('heading', { name: 'Rekisteriseloste' }).waitFor();
      await op.getByRole('status').getByText('Seloste on kunnossa.').waitFor();
      await op.getByRole('rowheader', { name: 'Versio 1 (voimassa)' }).waitFor();
      await axe(op, 'register', 'fi');

      await op.getByRole('link', { name: 'Takaisin rekistereihin' }).click();
      await h1(op, 'Rekisterit').waitFor();
      await row(op.getByRole('table', { name: 'Rekisterit' }), REGISTER_NAME)
        .getByRole('link', { name: REGISTER_NAME })
        .waitFor();
    });

    it('2. the operator invites a colleague, who accepts from the mail in the outbox', async () => {
      await goTo(op, 'Henkilökunta');
      await row(op.getByRole('table', { name: 'Henkilökunta ja roolit' }), OPERATOR.email, 'Omistaja').waitFor();
      await op.getByText('Avoimia kutsuja ei ole.').waitFor();

      const invite = op.getByRole('form', { name: 'Kutsu henkilö' });
      await invite.getByLabel('Sähköpostiosoite').fill(COLLEAGUE.email);
      await invite.getByLabel('Rooli').selectOption({ label: 'Työntekijä' });
      await invite.getByRole('button', { name: 'Lähetä kutsu' }).click();
      await invite.getByRole('status').getByText(`Kutsu lähetettiin osoitteeseen ${COLLEAGUE.email}.`).waitFor();
      await row(op.getByRole('table', { name: 'Avoimet kutsut' }), COLLEAGUE.email, 'Työntekijä').waitFor();
      await axe(op, 'staff', 'fi');

      await goTo(op, 'Lähtevä posti');
      const mail = op.getByRole('article', {
        name: `Kutsu Omadataan / Inbjudan till Omadata / Invitation to Omadata: ${CONTROLLER.name}`,
      });
      await mail.getByText(COLLEAGUE.email, { exact: true }).waitFor();
      await axe(op, 'outbox', 'fi');
      const href = await mail.getByRole('link', { name: /\/console\/invite\?token=/ }).getAttribute('href');
      expect(href?.startsWith(`${server.url}/console/invite?token=`)).toBe(true);

      // The colleague opens the link in their own browser.
      colleague = await newPage();
      await colleague.goto(href!);
      await h1(colleague, 'Kutsun hyväksyminen').waitFor();
      await axe(colleague, 'invite', 'fi');
      await colleague.getByLabel('Nimi').fill(COLLEAGUE.name);
      await colleague.getByLabel('Salasana', { exact: true }).fill(COLLEAGUE.password);
      await colleague.getByLabel('Salasana uudelleen').fill(COLLEAGUE.password);
      await colleague.getByRole('button', { name: 'Hyväksy kutsu' }).click();

      await h1(colleague, 'Rekisterit').waitFor();
      await loggedInAs(colleague, COLLEAGUE.email);
      expect(new URL(colleague.url()).pathname).toBe(`/console/c/${controllerId}/registers`);
      await colleague.getByRole('link', { name: REGISTER_NAME }).waitFor();
      // A member of staff sees customers, but neither API keys nor the staff list.
      await nav(colleague).getByRole('link', { name: 'Asiakkaat' }).waitFor();
      expect(await nav(colleague).getByRole('link', { name: 'API-avaimet' }).count()).toBe(0);
      expect(await nav(colleague).getByRole('link', { name: 'Henkilökunta' }).count()).toBe(0);
      // Not a new register either.
      expect(await colleague.getByRole('button', { name: 'Uusi rekisteri' }).count()).toBe(0);

      // The invitation is used: it is no longer open.
      await goTo(op, 'Henkilökunta');
      await row(op.getByRole('table', { name: 'Henkilökunta ja roolit' }), COLLEAGUE.email, COLLEAGUE.name).waitFor();
      await op.getByText('Avoimia kutsuja ei ole.').waitFor();
    });

    it('3. an order from the shop API is found by the colleague, and the look is in the audit trail', async () => {
      await goTo(op, 'API-avaimet');
      await op.getByText('API-avaimia ei ole vielä.').waitFor();
      const create = op.getByRole('region', { name: 'Uusi API-avain' });
      await create.getByLabel('Nimi').fill('Verkkokauppa');
      await create.getByRole('button', { name: 'Luo avain' }).click();

      const shown = op.getByRole('region', { name: 'Uusi avain: Verkkokauppa' });
      await shown.waitFor();
      await expect.poll(() => focusedText(op)).toBe('Uusi avain: Verkkokauppa');
      await op
        .getByText('Kopioi avain nyt ja tallenna se turvalliseen paikkaan. Avainta ei näytetä enää uudelleen.')
        .waitFor();
      const key = (await shown.locator('code').textContent())?.trim() ?? '';
      expect(key.length).toBeGreaterThan(20);
      await row(op.getByRole('table', { name: 'API-avaimet' }), 'Verkkokauppa', 'Käytössä').waitFor();
      await axe(op, 'apiKeys', 'fi');

      const res = await fetch(`${server.url}/api/v1/registers/${registerId}/orders`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          'idempotency-key': `e2e-${order.orderId}`,
        },
        body: JSON.stringify(order),
      });
      expect(res.status, await res.clone().text()).toBe(201);

      // Once stored, the key is gone from the page for good.
      await shown.getByRole('button', { name: 'Olen tallentanut avaimen' }).click();
      await shown.waitFor({ state: 'detached' });
      expect(await op.getByText(key).count()).toBe(0);

      // The colleague searches the customer by email.
      await goTo(colleague, 'Asiakkaat');
      const search = colleague.getByRole('search', { name: 'Asiakashaku' });
      await search.getByLabel('Rekisteri').selectOption({ label: REGISTER_NAME });
      await search.getByRole('searchbox', { name: /^Hae/ }).fill(customer.email);
      await search.getByRole('searchbox', { name: /^Hae/ }).press('Enter');
      await colleague.getByRole('status').getByText('Sivu 1: 1 asiakasta.').waitFor();
      const results = colleague.getByRole('table', {
        name: `Haun ”${customer.email}” tulokset rekisterissä ${REGISTER_NAME}, sivu 1`,
      });
      await row(results, customerName, customer.email, 'Helsinki').waitFor();
      await axe(colleague, 'customers', 'fi');

      // The customer page asks why before it shows anything.
      await results.getByRole('link', { name: customerName }).click();
      await h1(colleague, 'Asiakas').waitFor();
      customerPath = new URL(colleague.url()).pathname;
      expect(await colleague.getByRole('table', { name: 'Asiakkaan tilaukset' }).count()).toBe(0);
      const purpose = colleague.getByLabel('Miksi katsot asiakkaan tietoja?');
      await purpose.getByRole('option', { name: CUSTOMER_SERVICE }).waitFor({ state: 'attached' });
      await purpose.selectOption({ label: CUSTOMER_SERVICE });
      await colleague.getByRole('button', { name: 'Näytä tiedot' }).click();

      await h1(colleague, customerName).waitFor();
      await expect.poll(() => focusedText(colleague)).toBe('Asiakkaan tiedot');
      await row(colleague.getByRole('table', { name: 'Asiakkaan tiedot' }), customer.email).waitFor();
      await colleague
        .getByRole('table', { name: 'Asiakkaan tilaukset' })
        .getByRole('rowheader', { name: order.orderId })
        .waitFor();
      await row(
        colleague.getByRole('table', { name: 'Asiakkaan tietojen käsittelytapahtumat' }),
        'Tilaus vastaanotettu',
      )
        .first()
        .waitFor();
      await axe(colleague, 'customer', 'fi');

      // The owner sees the colleague's look in the audit trail.
      const colleagueId = (
        await server.database.db
          .selectFrom('staff_accounts')
          .select('id')
          .where('email_key', '=', COLLEAGUE.email)
          .executeTakeFirstOrThrow()
      ).id;
      await goTo(op, 'Lokitiedot');
      await op.getByRole('figure', { name: 'Tapahtumat tyypeittäin' }).waitFor();
      const filters = op.getByRole('form', { name: 'Rajaa tapahtumia' });
      await filters.getByLabel('Tapahtuma').selectOption({ label: 'Asiakkaan tietoja katsottu' });
      await filters.getByRole('button', { name: 'Rajaa', exact: true }).click();
      await op.getByRole('status').getByText('Sivu 1: 1 tapahtumaa.').waitFor();
      const viewed = row(
        op.getByRole('table', { name: 'Käsittelytapahtumat uusimmasta alkaen, sivu 1' }),
        'Asiakkaan tietoja katsottu',
        'customer.viewed',
        'Henkilökunta',
        colleagueId,
        'Asiakaspalvelu',
      );
      await viewed.waitFor();
      expect(await viewed.getByRole('link', { name: 'Avaa asiakas' }).getAttribute('href')).toBe(customerPath);
      await axe(op, 'audit', 'fi');
    });

    it('4. TOTP: enrolled on the security page, then asked for at the next login', async () => {
      await goTo(op, 'Kaksivaiheinen tunnistus');
      await op.getByText('Kaksivaiheinen tunnistus ei ole käytössä.').waitFor();
      await op.getByRole('button', { name: 'Ota käyttöön' }).click();

      const setup = op.getByRole('region', { name: 'Todennussovelluksen liittäminen' });
      await setup.waitFor();
      await expect.poll(() => focusedText(op)).toBe('Todennussovelluksen liittäminen');
      await setup
        .getByRole('img', { name: 'QR-koodi todennussovellusta varten. Sama tieto on alla tekstinä.' })
        .waitFor();
      await axe(op, 'security', 'fi');
      const secret = ((await setup.locator('code').textContent()) ?? '').replace(/\s/g, '');
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);

      const codeField = setup.getByLabel('Sovelluksen näyttämä kuusinumeroinen koodi');
      await codeField.fill('12345');
      await codeField.press('Enter');
      await setup.getByText('Anna kuusi numeroa.').waitFor();

      await codeField.fill(await generate({ secret }));
      await setup.getByRole('button', { name: 'Vahvista' }).click();
      await op.getByRole('status').getByText('Kaksivaiheinen tunnistus otettiin käyttöön.').waitFor();
      await op.getByText('Kaksivaiheinen tunnistus on käytössä.').waitFor();

      await op.getByRole('button', { name: 'Kirjaudu ulos' }).click();
      await h1(op, 'Henkilökunnan konsoli').waitFor();
      await op.getByRole('heading', { name: 'Kirjautuminen' }).waitFor();
      // Logged out for real: a console page asks to log in.
      await op.goto(`${server.url}/console/c/${controllerId}/registers`);
      await h1(op, 'Kirjaudu sisään').waitFor();

      await fillLogin(op, OPERATOR.email, OPERATOR.password);
      await op.getByRole('heading', { name: 'Tunnistautumiskoodi' }).waitFor();
      await op.getByText('Tililläsi on kaksivaiheinen tunnistus. Anna todennussovelluksen näyttämä koodi.').waitFor();
      expect(await op.getByRole('button', { name: 'Kirjaudu ulos' }).count()).toBe(0);
      const code = op.getByLabel('Kuusinumeroinen koodi');
      await expect.poll(() => code.evaluate((el) => el === document.activeElement)).toBe(true);
      await axe(op, 'login', 'fi');
      // Each code works once: the one that confirmed the enrolment is spent, so wait for the next.
      await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 200));
      await code.fill(await generate({ secret }));
      await code.press('Enter');

      // The page asked for is shown after the login.
      await h1(op, 'Rekisterit').waitFor();
      await loggedInAs(op, OPERATOR.email);
      await op.getByRole('link', { name: REGISTER_NAME }).waitFor();
    });

    it('5. a wrong password is told plainly, and a viewer may not create registers', async () => {
      const stranger = await newPage();
      await stranger.goto(`${server.url}/console`);
      await stranger.getByRole('heading', { name: 'Kirjautuminen' }).waitFor();
      await fillLogin(stranger, OPERATOR.email, 'väärä salasana tähän');
      await alert(stranger).getByText('Sähköpostiosoite, salasana tai koodi on väärä.').waitFor();
      expect(await stranger.getByRole('button', { name: 'Kirjaudu ulos' }).count()).toBe(0);
      await axe(stranger, 'login', 'fi');

      const staff = staffService(server.database.db, server.deps.secretBox);
      const account = await staff.createAccount(VIEWER);
      await staff.addMember(controllerId, account.id, 'viewer');

      const viewer = await newPage();
      await viewer.goto(`${server.url}/console/c/${controllerId}/registers`);
      await h1(viewer, 'Kirjaudu sisään').waitFor();
      await fillLogin(viewer, VIEWER.email, VIEWER.password);
      await h1(viewer, 'Rekisterit').waitFor();
      await loggedInAs(viewer, VIEWER.email);
      await viewer.getByRole('link', { name: REGISTER_NAME }).waitFor();
      expect(await viewer.getByRole('button', { name: 'Uusi rekisteri' }).count()).toBe(0);
      expect(await viewer.getByRole('region', { name: 'Uusi rekisteri' }).count()).toBe(0);
      expect(await nav(viewer).getByRole('link', { name: 'API-avaimet' }).count()).toBe(0);

      // The register's description is read-only for a viewer.
      await viewer.getByRole('link', { name: REGISTER_NAME }).click();
      await h1(viewer, REGISTER_NAME).waitFor();
      await viewer.getByText('Roolisi ei salli selosteen muuttamista.').waitFor();
      expect(await viewer.getByRole('button', { name: 'Tallenna uutena versiona' }).count()).toBe(0);

      // A page of the menu the viewer does not have, opened by its address: a readable refusal.
      await viewer.goto(`${server.url}/console/c/${controllerId}/api-keys`);
      await h1(viewer, 'API-avaimet').waitFor();
      await alert(viewer).getByText('Sinulla ei ole oikeutta tähän toimintoon.').waitFor();
      expect(await viewer.getByRole('region', { name: 'Uusi API-avain' }).count()).toBe(0);
    });

    it('6. axe finds no WCAG 2.1 A/AA violations on the console pages, in Finnish and in English', async () => {
      // Finnish: the pages as the journeys above left them; English: every page again, as the operator.
      const en = await newPage('en-GB', await op.context().storageState());
      const open = async (path: string, heading: string) => {
        await en.goto(`${server.url}${path}`);
        await h1(en, heading).waitFor();
      };
      const c = `/console/c/${controllerId}`;

      await open('/console/controllers', 'Controllers');
      await en.getByRole('table', { name: 'Controllers you have access to' }).waitFor();
      await axe(en, 'controllers', 'en');

      await open(`${c}/registers`, 'Registers');
      // The list names a register as stored (in Finnish); its page follows the UI language.
      await en.getByRole('link', { name: REGISTER_NAME }).waitFor();
      await en.getByRole('button', { name: 'New register' }).waitFor();
      await axe(en, 'registers', 'en');

      await open(`${c}/registers/${registerId}`, REGISTER_NAMES.en);
      await en.getByRole('status').getByText('The description is valid.').waitFor();
      await axe(en, 'register', 'en');

      await open(`${c}/customers`, 'Customers');
      await en.getByRole('link', { name: customerName }).waitFor();
      await axe(en, 'customers', 'en');

      await en.goto(`${server.url}${customerPath}?purpose=customer_service`);
      await h1(en, customerName).waitFor();
      await en.getByRole('table', { name: "The customer's orders" }).waitFor();
      await axe(en, 'customer', 'en');

      await open(`${c}/api-keys`, 'API keys');
      await en.getByRole('table', { name: 'API keys' }).waitFor();
      await axe(en, 'apiKeys', 'en');

      await open(`${c}/staff`, 'Staff');
      await en.getByRole('table', { name: 'Staff and roles' }).waitFor();
      await axe(en, 'staff', 'en');

      await open(`${c}/audit`, 'Audit trail');
      await en.getByRole('table', { name: 'Processing events, newest first, page 1' }).waitFor();
      await en.getByRole('figure', { name: 'Events by type' }).waitFor();
      await axe(en, 'audit', 'en');

      await open('/console/security', 'Two-step verification');
      await en.getByText('Two-step verification is on.').waitFor();
      await axe(en, 'security', 'en');

      await open('/console/outbox', 'Outbox');
      await en.getByRole('article').first().waitFor();
      await axe(en, 'outbox', 'en');

      const anonymous = await newPage('en-GB');
      await anonymous.goto(`${server.url}/console`);
      await anonymous.getByRole('heading', { name: 'Log in' }).waitFor();
      await anonymous.getByRole('button', { name: 'Log in' }).click();
      await anonymous.getByRole('alert').getByText('The form has 2 errors. They are shown at the fields.').waitFor();
      await axe(anonymous, 'login', 'en');
      await anonymous.goto(`${server.url}/console/setup?token=${encodeURIComponent(setupToken)}`);
      await h1(anonymous, 'Create the first operator').waitFor();
      await axe(anonymous, 'setup', 'en');

      const missing = (['fi', 'en'] as const).flatMap((lang) =>
        PAGES.filter((p) => !axeChecked.has(`${lang}:${p}`)).map((p) => `${lang}:${p}`),
      );
      expect(missing).toEqual([]);
      if (axeFailures.length) console.error(`axe violations:\n${axeFailures.join('\n')}`);
      expect(axeFailures).toEqual([]);
    });
  },
);
