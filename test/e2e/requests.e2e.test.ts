/**
 * The requests desk's deadlines in Chromium: the console's first page counts the overdue requests
 * and links to the list; the list shows the open requests by due date with an overdue and a
 * due-soon one marked in words, each row linking to the request; the filter shows the closed ones.
 * axe checks the first page and the list in fi and en.
 *
 * The desk's clock is set to 1 December 2026 (src/modules/requests/deadlines.ts), so the dates
 * below stay overdue and due soon whenever the test runs. Accessible names come from
 * web/src/i18n/console-requests/*.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import type { RequestType } from '../../src/db/schema.ts';
import { inTenant } from '../../src/db/tenant.ts';
import { deadlineClock } from '../../src/modules/requests/deadlines.ts';
import { requestService } from '../../src/modules/requests/request.service.ts';
import { staffService } from '../../src/modules/staff/staff.service.ts';
import { newShop } from '../factories.ts';
import { hasChromium, launchBrowser, noChromiumReason, startServer, type TestServer } from './browser.ts';

if (!hasChromium) console.warn(`test/e2e/requests.e2e.test.ts: ${noChromiumReason}`);

const STAFF = { email: 'kaarina.kasittelija@example.fi', password: 'kaarinan pitkä salasana 7' };
const NOW = new Date('2026-12-01T10:00:00+02:00');
const REAL_CLOCK = deadlineClock.now;

type Lang = 'fi' | 'en';
type PageName = 'controllers' | 'requests';
const LANGS: readonly Lang[] = ['fi', 'en'];
const PAGES: readonly PageName[] = ['controllers', 'requests'];

const reference = (id: string) => id.slice(0, 8).toUpperCase();

describe.skipIf(!hasChromium)(
  hasChromium ? 'requests desk deadlines in Chromium' : `requests desk deadlines in Chromium: ${noChromiumReason}`,
  () => {
    let server: TestServer;
    let browser: Browser;
    const contexts: BrowserContext[] = [];
    let shop: Awaited<ReturnType<typeof newShop>>;
    let staffPage: Page;
    const ids: Record<'overdue' | 'soon' | 'later' | 'closed', string> = {} as never;

    const axeChecked = new Set<string>();
    const axeFailures: string[] = [];

    async function newRequest(receivedAt: string, types: RequestType[], name: string, closed = false) {
      return inTenant(server.database.db, shop.controller.id, async (tx) => {
        const { id } = await requestService(tx).create(
          {
            controllerId: shop.controller.id,
            registerId: shop.register.id,
            subjectId: null,
            types,
            channel: 'letter',
            receivedAt: new Date(receivedAt),
            identityMethod: null,
            language: 'fi',
            email: `${name.split(' ')[0]!.toLowerCase()}@example.fi`,
            name,
            message: null,
            details: {},
          },
          { type: 'system', id: null },
        );
        if (closed) {
          await tx
            .updateTable('requests')
            .set({ status: 'done', closed_at: new Date(receivedAt) })
            .where('id', '=', id)
            .execute();
        }
        return id;
      });
    }

    beforeAll(async () => {
      deadlineClock.now = () => NOW;
      server = await startServer();
      browser = await launchBrowser();
      shop = await newShop(server.database);
      const accounts = staffService(server.database.db, server.deps.secretBox);
      const account = await accounts.createAccount(STAFF);
      await accounts.addMember(shop.controller.id, account.id, 'staff');
      ids.overdue = await newRequest('2026-10-20T10:00:00+03:00', ['access', 'erasure'], 'Olli Myöhäinen'); // due 20.11.
      ids.soon = await newRequest('2026-11-05T10:00:00+02:00', ['rectification'], 'Siiri Pian'); // due 5.12.
      ids.later = await newRequest('2026-11-25T10:00:00+02:00', ['objection'], 'Lauri Ajoissa'); // due 25.12.
      ids.closed = await newRequest('2026-10-01T10:00:00+03:00', ['portability'], 'Kaisa Valmis', true);
    });
    afterAll(async () => {
      deadlineClock.now = REAL_CLOCK;
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
    const rowOf = (table: Locator, id: string) => table.getByRole('row').filter({ hasText: reference(id) });

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

    it('1. the first page counts the overdue requests and links to the list', async () => {
      staffPage = await newPage();
      await staffPage.goto(`${server.url}/console`);
      await h1(staffPage, 'Henkilökunnan konsoli').waitFor();
      await staffPage.getByLabel('Sähköpostiosoite').fill(STAFF.email);
      await staffPage.getByLabel('Salasana', { exact: true }).fill(STAFF.password);
      await staffPage.getByLabel('Salasana', { exact: true }).press('Enter');
      await h1(staffPage, 'Rekisterinpitäjät').waitFor();
      const table = staffPage.getByRole('table', { name: 'Rekisterinpitäjät, joihin sinulla on pääsy' });
      await table.getByRole('columnheader', { name: 'Myöhässä olevat pyynnöt' }).waitFor();
      const count = table.getByRole('link', { name: '1 myöhässä', exact: true });
      await count.waitFor();
      expect(await count.getAttribute('class')).toContain('overdue-count--alert');
      await axe(staffPage, 'controllers', 'fi');
      await count.click();
      await h1(staffPage, 'Rekisteröityjen pyynnöt').waitFor();
      expect(new URL(staffPage.url()).pathname).toBe(`/console/controllers/${shop.controller.id}/requests`);
    });

    it('2. the list shows the open requests by due date, overdue and due soon said in words', async () => {
      const table = staffPage.getByRole('table', { name: 'Avoimet pyynnöt määräajan mukaan, sivu 1' });
      await table.waitFor();
      await staffPage
        .getByText('Avoimia pyyntöjä 3, joista myöhässä 1 ja seitsemän päivän kuluessa erääntyviä 1.')
        .waitFor();
      const rows = table.getByRole('row');
      // The header and three open requests, oldest due date first; the closed one is not here.
      expect(await rows.count()).toBe(4);
      expect(await rows.nth(1).textContent()).toContain(reference(ids.overdue));
      expect(await rows.nth(2).textContent()).toContain(reference(ids.soon));
      expect(await rows.nth(3).textContent()).toContain(reference(ids.later));
      await expect(rowOf(table, ids.closed).count()).resolves.toBe(0);

      const overdue = rowOf(table, ids.overdue);
      await overdue.getByText('Myöhässä', { exact: true }).waitFor();
      expect(await overdue.textContent()).toContain('Olli Myöhäinen');
      expect(await overdue.textContent()).toContain('Tarkastus, Poistaminen');
      const soon = rowOf(table, ids.soon);
      await soon.getByText('Erääntyy pian', { exact: true }).waitFor();
      expect(await soon.getByText('Myöhässä', { exact: true }).count()).toBe(0);
      const later = rowOf(table, ids.later);
      expect(await later.getByText('Myöhässä', { exact: true }).count()).toBe(0);
      expect(await later.getByText('Erääntyy pian', { exact: true }).count()).toBe(0);

      const link = overdue.getByRole('link', { name: reference(ids.overdue), exact: true });
      expect(await link.getAttribute('href')).toBe(
        `/console/controllers/${shop.controller.id}/requests/${ids.overdue}`,
      );
      const nav = staffPage.getByRole('navigation', { name: 'Konsolin valikko' });
      expect(await nav.getByRole('link', { name: 'Pyynnöt', exact: true }).getAttribute('aria-current')).toBe('page');
      await axe(staffPage, 'requests', 'fi');
    });

    it('3. the filter shows the closed requests, without urgency', async () => {
      await staffPage.getByRole('group', { name: 'Näytä' }).getByRole('radio', { name: 'Käsitellyt' }).check();
      const table = staffPage.getByRole('table', { name: 'Käsitellyt pyynnöt, uusin ensin, sivu 1' });
      await table.waitFor();
      await rowOf(table, ids.closed).getByText('Valmis', { exact: true }).waitFor();
      expect(await table.getByRole('row').count()).toBe(2);
      expect(await table.getByText('Myöhässä', { exact: true }).count()).toBe(0);
      expect(new URL(staffPage.url()).searchParams.get('state')).toBe('closed');
      await staffPage.getByRole('radio', { name: 'Avoimet' }).check();
      await staffPage.getByRole('table', { name: 'Avoimet pyynnöt määräajan mukaan, sivu 1' }).waitFor();
    });

    it('4. axe finds no WCAG 2.1 A/AA violations in English either', async () => {
      const page = await newPage('en-GB', await staffPage.context().storageState());
      await page.goto(`${server.url}/console/controllers?lang=en`);
      await h1(page, 'Controllers').waitFor();
      await page.getByRole('link', { name: '1 overdue', exact: true }).waitFor();
      await axe(page, 'controllers', 'en');

      await page.goto(`${server.url}/console/controllers/${shop.controller.id}/requests?lang=en`);
      await h1(page, 'Data subject requests').waitFor();
      const table = page.getByRole('table', { name: 'Open requests by due date, page 1' });
      await rowOf(table, ids.overdue).getByText('Overdue', { exact: true }).waitFor();
      await rowOf(table, ids.soon).getByText('Due soon', { exact: true }).waitFor();
      await axe(page, 'requests', 'en');

      const missing = LANGS.flatMap((lang) =>
        PAGES.filter((p) => !axeChecked.has(`${lang}:${p}`)).map((p) => `${lang}:${p}`),
      );
      expect(missing).toEqual([]);
      if (axeFailures.length) console.error(`axe violations:\n${axeFailures.join('\n')}`);
      expect(axeFailures).toEqual([]);
    });
  },
);
