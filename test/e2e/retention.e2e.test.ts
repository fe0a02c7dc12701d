/**
 * Retention in Chromium: a member of staff puts an open-invoice hold on a customer's order, an
 * admin erases the customer and reads the report (what was kept, why and until when), the
 * register's retention page previews the next sweep (an inactive customer to erase, a held one)
 * and lists the holds in force and the stored reports, and the register page shows statistics
 * without personal data. axe checks the customer page, the retention page and the statistics in
 * fi and en.
 *
 * The journeys run in order on one server and database. Accessible names come from
 * web/src/i18n/console/*.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { staffService } from '../../src/modules/staff/staff.service.ts';
import { sweepAll } from '../../src/modules/retention/sweep.service.ts';
import { newShop, validOrder } from '../factories.ts';
import { hasChromium, launchBrowser, noChromiumReason, startServer, type TestServer } from './browser.ts';

if (!hasChromium) console.warn(`test/e2e/retention.e2e.test.ts: ${noChromiumReason}`);

const STAFF = { email: 'pirjo.pidattaja@example.fi', name: 'Pirjo Pidättäjä', password: 'pirjon pitkä salasana 1' };
const ADMIN = { email: 'aarne.poistaja@example.fi', name: 'Aarne Poistaja', password: 'aarnen pitkä salasana 2' };
const LOOK_PURPOSE = { key: 'customer_relationship', fi: 'Asiakassuhteen hoito' };
const HOLD_REASON = 'Lasku 1001 erääntyy 31.1.';

type Lang = 'fi' | 'en';
type PageName = 'customer' | 'retention' | 'statistics';
const LANGS: readonly Lang[] = ['fi', 'en'];
const PAGES: readonly PageName[] = ['customer', 'retention', 'statistics'];

const holdUntil = `${new Date().getUTCFullYear() + 1}-01-31`;
/** A calendar day as the console shows it in Finnish (31.1.2027). */
const fiDay = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return `${d}.${m}.${y}`;
};

describe.skipIf(!hasChromium)(
  hasChromium ? 'retention in Chromium' : `retention in Chromium: ${noChromiumReason}`,
  () => {
    let server: TestServer;
    let browser: Browser;
    const contexts: BrowserContext[] = [];
    let shop: Awaited<ReturnType<typeof newShop>>;
    let registerPath: string;
    const customers: Record<'target' | 'inactive' | 'held' | 'other', { subjectId: string; orderId: string }> =
      {} as never;
    let admin: Page;

    const axeChecked = new Set<string>();
    const axeFailures: string[] = [];

    async function postOrder(order: ReturnType<typeof validOrder>) {
      const res = await fetch(`${server.url}/api/v1/registers/${shop.register.id}/orders`, {
        method: 'POST',
        headers: { ...shop.auth, 'content-type': 'application/json', 'idempotency-key': `e2e-${order.orderId}` },
        body: JSON.stringify(order),
      });
      expect(res.status, await res.clone().text()).toBe(201);
      return { subjectId: ((await res.json()) as { subjectId: string }).subjectId, orderId: order.orderId };
    }

    beforeAll(async () => {
      server = await startServer();
      browser = await launchBrowser();
      shop = await newShop(server.database);
      const accounts = staffService(server.database.db, server.deps.secretBox);
      for (const [person, role] of [
        [STAFF, 'staff'],
        [ADMIN, 'admin'],
      ] as const) {
        const account = await accounts.createAccount(person);
        await accounts.addMember(shop.controller.id, account.id, role);
      }
      customers.target = await postOrder(validOrder({ payment: { method: 'invoice' } }));
      customers.inactive = await postOrder(validOrder({ placedAt: '2023-05-01T10:00:00+03:00' }));
      customers.held = await postOrder(validOrder({ placedAt: '2023-06-01T10:00:00+03:00' }));
      customers.other = await postOrder(validOrder());
      // Enough customers in one postal area (00100) for the statistics to show a number.
      for (let i = 0; i < 3; i++) await postOrder(validOrder());
      const hold = await fetch(
        `${server.url}/api/v1/registers/${shop.register.id}/subjects/${customers.held.subjectId}/holds`,
        {
          method: 'POST',
          headers: { ...shop.auth, 'content-type': 'application/json' },
          body: JSON.stringify({ kind: 'debt_collection', reason: 'Perintätoimisto, asia 77', until: holdUntil }),
        },
      );
      expect(hold.status, await hold.clone().text()).toBe(201);
      registerPath = `/console/c/${shop.controller.id}/registers/${shop.register.id}`;
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
    const customerPath = (subjectId: string) => `${registerPath}/customers/${subjectId}`;
    const retention = (page: Page, name = 'Säilytys ja poistaminen') => page.getByRole('region', { name, exact: true });

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

    async function showCustomer(page: Page) {
      const purpose = page.getByLabel('Miksi katsot asiakkaan tietoja?');
      await purpose.getByRole('option', { name: LOOK_PURPOSE.fi }).waitFor({ state: 'attached' });
      await purpose.selectOption({ label: LOOK_PURPOSE.fi });
      await page.getByRole('button', { name: 'Näytä tiedot', exact: true }).click();
      await retention(page).getByRole('heading', { name: 'Pidätykset', exact: true }).waitFor();
    }

    it('1. staff put an open-invoice hold on the order; they may not erase', async () => {
      const staff = await newPage();
      await logIn(staff, customerPath(customers.target.subjectId), STAFF);
      await showCustomer(staff);
      const section = retention(staff);
      await section.getByText('Asiakkaalla ei ole pidätyksiä.').waitFor();
      await section.getByText('Käsittelyä ei ole rajoitettu.').waitFor();
      await section.getByText('Vain omistaja tai ylläpitäjä voi poistaa asiakkaan.').waitFor();
      expect(await section.getByRole('button', { name: 'Poista tämä asiakas' }).count()).toBe(0);

      const form = section.getByRole('form', { name: 'Lisää pidätys' });
      // Nothing filled in: the form says what is missing and moves to the reason.
      await form.getByRole('button', { name: 'Lisää pidätys' }).click();
      await form.getByRole('alert').getByText('Lomakkeessa on 2 virhettä. Ne näkyvät kenttien kohdalla.').waitFor();
      const reason = form.getByLabel('Peruste');
      await expect.poll(() => reason.evaluate((el) => el === document.activeElement)).toBe(true);

      const kind = form.getByLabel('Laji');
      for (const name of ['Avoin lasku', 'Perintä', 'Oikeusvaade', 'Kiistetty tieto', 'Yrityksen yhteyshenkilö'])
        await kind.getByRole('option', { name, exact: true }).waitFor({ state: 'attached' });
      await kind.selectOption({ label: 'Avoin lasku' });
      await reason.fill(HOLD_REASON);
      await form.getByLabel('Voimassa asti').fill(holdUntil);
      await form.getByLabel('Koskee').selectOption({ label: `Tilaus ${customers.target.orderId}` });
      await form.getByRole('button', { name: 'Lisää pidätys' }).click();
      await section.getByRole('status').getByText('Pidätys lisättiin.').waitFor();

      const holds = section.getByRole('table', { name: 'Asiakkaan pidätykset, uusin ensin' });
      const hold = row(holds, 'Avoin lasku', HOLD_REASON, fiDay(holdUntil), customers.target.orderId, STAFF.email);
      await hold.getByText('Voimassa', { exact: true }).waitFor();
      await hold.getByRole('button', { name: /^Vapauta/ }).waitFor();
      await axe(staff, 'customer', 'fi');
    });

    it('2. an admin erases the customer after a confirmation and sees what was kept and until when', async () => {
      admin = await newPage();
      await logIn(admin, customerPath(customers.target.subjectId), ADMIN);
      await showCustomer(admin);
      const section = retention(admin);
      await section.getByRole('button', { name: 'Poista tämä asiakas' }).click();
      const confirm = section.getByRole('group', { name: 'Asiakkaan poistamisen vahvistus' });
      await confirm.getByText('Poistetaanko asiakas pysyvästi? Tätä ei voi perua.').waitFor();
      await expect.poll(() => admin.evaluate(() => document.activeElement?.textContent)).toContain('Poistetaanko');
      // Cancelling changes nothing and gives the button back.
      await confirm.getByRole('button', { name: 'Peruuta' }).click();
      await section.getByRole('button', { name: 'Poista tämä asiakas' }).click();
      await section.getByRole('button', { name: 'Kyllä, poista asiakas' }).click();

      const report = section.getByRole('region', { name: 'Poistoraportti' });
      await report.waitFor();
      await expect.poll(() => admin.evaluate(() => document.activeElement?.textContent)).toBe('Poistoraportti');
      await report.getByText('Poistettu asiakkaan pyynnöstä.').waitFor();
      const kept = report.getByRole('table', { name: 'Säilytettävät tiedot, peruste ja päivä, jona ne poistetaan' });
      const heldReason = `Pidätys (Avoin lasku): ${HOLD_REASON}`;
      for (const field of ['Etunimi', 'Sukunimi', 'Sähköpostiosoite'])
        await row(kept, field, heldReason, fiDay(holdUntil)).waitFor();
      // The books keep the order ten years from the end of its financial year.
      const books = row(kept, 'Tilaushistoria', '1336/1997');
      await books.getByText(/31\.12\.20\d\d/).waitFor();
      await report.getByRole('heading', { name: 'Poistetut tiedot' }).waitFor();
      await report.getByRole('listitem').filter({ hasText: 'IP-osoite' }).first().waitFor();
      const orders = report.getByRole('table', { name: 'Kirjanpitoa tai pidätystä varten säilytettävät tilaukset' });
      await orders.getByRole('rowheader', { name: customers.target.orderId }).waitFor();
      await section.getByText(/^Asiakas on poistettu/).waitFor();
      // Nothing is left to hold or restrict.
      expect(await section.getByRole('form', { name: 'Lisää pidätys' }).count()).toBe(0);
      await axe(admin, 'customer', 'fi');
    });

    it("3. the register's retention page previews the sweep and lists holds and reports", async () => {
      // A stored dry run, as `omadata retention run --dry-run` leaves it (a console preview is not stored).
      await sweepAll(server.database, server.deps.secretBox, {
        asOf: new Date(),
        dryRun: true,
        registerId: shop.register.id,
      });
      await admin.goto(`${server.url}${registerPath}`);
      await h1(admin, 'Testirekisteri').waitFor();
      await admin.getByRole('link', { name: 'Säilytysajat ja poistot' }).click();
      await h1(admin, 'Säilytysajat ja poistot').waitFor();
      await admin.getByText('Rekisteri: Testirekisteri').waitFor();

      const preview = admin.getByRole('region', { name: 'Seuraavan poistoajon ennakko' });
      const summary = preview.getByRole('table', { name: /^Yhteenveto/ });
      await row(summary, 'Poistettavat asiakkaat', '1').waitFor();
      await row(summary, 'Pidätetyt asiakkaat', '1').waitFor();
      const erased = preview.getByRole('table', { name: 'Poistettavat asiakkaat: mitä poistuu ja mitä säilyy' });
      const inactive = row(erased, `Asiakas ${customers.inactive.subjectId.slice(0, 8)}`);
      await inactive.getByText(/Etunimi/).waitFor();
      await inactive.getByRole('cell', { name: /Tilaushistoria/ }).waitFor();
      expect(
        await inactive
          .getByRole('link', { name: `Asiakas ${customers.inactive.subjectId.slice(0, 8)}` })
          .getAttribute('href'),
      ).toBe(customerPath(customers.inactive.subjectId));
      const held = preview.getByRole('table', { name: /pidätys estää poistamisen/ });
      await row(held, `Asiakas ${customers.held.subjectId.slice(0, 8)}`, 'Perintä', fiDay(holdUntil)).waitFor();

      const holds = admin
        .getByRole('region', { name: 'Voimassa olevat pidätykset' })
        .getByRole('table', { name: /voimassa olevat pidätykset/ });
      await row(
        holds,
        `Asiakas ${customers.target.subjectId.slice(0, 8)}`,
        'Avoin lasku',
        HOLD_REASON,
        STAFF.email,
      ).waitFor();
      await row(holds, `Asiakas ${customers.held.subjectId.slice(0, 8)}`, 'Perintä', 'API-avain').waitFor();

      const sweeps = admin.getByRole('region', { name: 'Aiemmat poistoajot' });
      const stored = row(
        sweeps.getByRole('table', { name: 'Poistoajojen raportit, uusin ensin' }),
        'Ennakko, ei muutoksia',
      );
      await stored.first().waitFor();
      const show = stored.first().getByRole('button');
      expect(await show.textContent()).toMatch(/^Näytä raportti/);
      await show.click();
      expect(await show.getAttribute('aria-expanded')).toBe('true');
      expect(await show.textContent()).toMatch(/^Piilota raportti/);
      const report = sweeps.getByRole('region', { name: /^Raportti: Ennakko, ei muutoksia/ });
      await row(
        report.getByRole('table', { name: /mitä poistuu ja mitä säilyy/ }),
        customers.inactive.subjectId.slice(0, 8),
      ).waitFor();
      await axe(admin, 'retention', 'fi');

      // The preview changed nothing: the inactive customer is still there.
      const subject = await server.database.db
        .selectFrom('subjects')
        .select('erased_at')
        .where('id', '=', customers.inactive.subjectId)
        .executeTakeFirstOrThrow();
      expect(subject.erased_at).toBeNull();
    });

    it('4. statistics on the register page name no one and hide small groups', async () => {
      await admin.goto(`${server.url}${registerPath}`);
      await h1(admin, 'Testirekisteri').waitFor();
      const stats = admin.getByRole('region', { name: 'Tilastot' });
      await stats.getByRole('button', { name: 'Näytä tilastot' }).click();
      const byArea = stats.getByRole('table', { name: 'Asiakkaat postinumeroalueittain' });
      // Six customers not erased in 00100; the erased one no longer counts.
      await row(byArea, '001xx', '6').waitFor();
      const orders = stats.getByRole('table', { name: 'Tilaukset ja niiden summa kuukausittain' });
      await orders.getByText('piilotettu').first().waitFor();
      expect(await stats.getByText('@').count()).toBe(0);
      await axe(admin, 'statistics', 'fi');
    });

    it('5. axe finds no WCAG 2.1 A/AA violations in English either', async () => {
      const context = await browser.newContext({
        locale: 'en-GB',
        viewport: { width: 1280, height: 900 },
        storageState: await admin.context().storageState(),
      });
      contexts.push(context);
      const page = await context.newPage();
      // A customer not erased: the hold form, the restriction and the erase button.
      await page.goto(`${server.url}${customerPath(customers.other.subjectId)}?purpose=${LOOK_PURPOSE.key}&lang=en`);
      const section = retention(page, 'Retention and erasure');
      await section.getByRole('form', { name: 'Add a hold' }).waitFor();
      await section.getByRole('button', { name: 'Erase this customer' }).waitFor();
      await section
        .getByLabel('Kind')
        .getByRole('option', { name: 'Business contact person' })
        .waitFor({ state: 'attached' });
      await axe(page, 'customer', 'en');

      await page.goto(`${server.url}${registerPath}/retention?lang=en`);
      await h1(page, 'Retention and erasure').waitFor();
      await page.getByRole('table', { name: 'Customers to erase: what goes and what stays' }).waitFor();
      await page.getByRole('table', { name: 'Sweep reports, newest first' }).waitFor();
      await axe(page, 'retention', 'en');

      await page.goto(`${server.url}${registerPath}?lang=en`);
      await h1(page, 'Test register').waitFor();
      const stats = page.getByRole('region', { name: 'Statistics' });
      await stats.getByRole('button', { name: 'Show the statistics' }).click();
      await row(stats.getByRole('table', { name: 'Customers by postal area' }), '001xx', '6').waitFor();
      await axe(page, 'statistics', 'en');

      const missing = LANGS.flatMap((lang) =>
        PAGES.filter((p) => !axeChecked.has(`${lang}:${p}`)).map((p) => `${lang}:${p}`),
      );
      expect(missing).toEqual([]);
      if (axeFailures.length) console.error(`axe violations:\n${axeFailures.join('\n')}`);
      expect(axeFailures).toEqual([]);
    });
  },
);
