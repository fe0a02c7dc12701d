/**
 * The public privacy notice in Chromium, by keyboard only: a person tabs from the top of the page
 * to the language links and switches to Swedish and English, follows the table of contents to the
 * rights, and opens a version's permanent page with its differences. axe (WCAG 2.1 AA) checks the
 * page in Finnish, Swedish and English and the version page. In the console, the register page
 * links to the notice, and a version whose notice would lack the contact details is refused with
 * the gap named in Finnish.
 *
 * Accessible names come from src/modules/notices/words/{fi,sv,en}.ts.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { apiKeyService } from '../../src/modules/apikeys/api-key.service.ts';
import { registerService } from '../../src/modules/registers/register.service.ts';
import { staffService } from '../../src/modules/staff/staff.service.ts';
import { newController } from '../factories.ts';
import { hasChromium, launchBrowser, noChromiumReason, startServer, type TestServer } from './browser.ts';

if (!hasChromium) console.warn(`test/e2e/notice.e2e.test.ts: ${noChromiumReason}`);

const EXAMPLE = new URL('../../examples/registers/webshop-users.json', import.meta.url);

describe.skipIf(!hasChromium)(
  hasChromium ? 'the privacy notice in Chromium' : `the privacy notice in Chromium: ${noChromiumReason}`,
  () => {
    let server: TestServer;
    let browser: Browser;
    let context: BrowserContext;
    let registerId: string;
    let controllerId: string;
    let example: { contactPerson: object; retention: Array<{ key: string; period: object }> };

    beforeAll(async () => {
      server = await startServer();
      browser = await launchBrowser();
      context = await browser.newContext({ locale: 'fi-FI', viewport: { width: 1280, height: 900 } });
      const controller = await newController(server.database, 'Esimerkkikauppa Oy');
      controllerId = controller.id;
      example = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as typeof example;
      registerId = (
        await server.database.db.transaction().execute((tx) => registerService(tx).create(controller.id, example))
      ).id;
      // A second version: the retention rule edited, so that the version page has differences to show.
      example.retention.find((r) => r.key === 'inactive_deletion')!.period = { years: 3 };
      const key = (await apiKeyService(server.database.db).create(controller.id)).key;
      const res = await fetch(`${server.url}/api/v1/registers/${registerId}/description`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(example),
      });
      expect(res.status).toBe(201);
    });
    afterAll(async () => {
      await context?.close().catch(() => undefined);
      await browser?.close();
      await server?.close();
    });

    async function axe(page: Page, name: string, lang: string) {
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const problems = results.violations.map(
        (v) => `${name}: [${v.impact}] ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
      );
      expect(results.passes.length, `${name}: axe ran no checks`).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    }

    /** Tabs forward until the focused element's text is `text`; fails after `max` presses. */
    async function tabTo(page: Page, text: string, max = 60) {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
        if (focused === text) return;
      }
      throw new Error(`"${text}" was not reached by Tab`);
    }

    it('reads in Finnish, Swedish and English, switching language by keyboard, and passes axe in each', async () => {
      const page = await context.newPage();
      await page.goto(`${server.url}/notices/${registerId}?lang=fi`);
      expect(
        await page
          .getByRole('heading', {
            level: 1,
            name: 'Tietosuojaseloste: Esimerkkikauppa Oy – verkkokaupan käyttäjärekisteri',
          })
          .count(),
      ).toBe(1);
      expect(await page.getByRole('heading', { level: 2, name: 'Henkilötietojen säilytysaika' }).count()).toBe(1);
      await axe(page, 'notice (fi)', 'fi');

      await tabTo(page, 'SV');
      await Promise.all([page.waitForURL(/lang=sv/), page.keyboard.press('Enter')]);
      expect(await page.getByRole('heading', { level: 2, name: 'Lagringstid för personuppgifter' }).count()).toBe(1);
      await axe(page, 'notice (sv)', 'sv');

      await tabTo(page, 'EN');
      await Promise.all([page.waitForURL(/lang=en/), page.keyboard.press('Enter')]);
      expect(await page.getByRole('heading', { level: 2, name: 'How long data is kept' }).count()).toBe(1);
      await axe(page, 'notice (en)', 'en');

      // The table of contents leads to the rights; from there the next Tab reaches the portal link.
      await tabTo(page, 'Your rights and how to use them');
      await page.keyboard.press('Enter');
      await page.waitForURL(/#rights$/);
      await page.keyboard.press('Tab');
      expect(
        await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.getAttribute('href')),
      ).toBe('/oma?lang=en');
      await page.close();
    });

    it("opens a version's permanent page from the list of versions, with its differences, and passes axe", async () => {
      const page = await context.newPage();
      await page.goto(`${server.url}/notices/${registerId}?lang=fi`);
      await tabTo(page, 'Versio 1', 200);
      await Promise.all([page.waitForURL(/\/versions\/1\?lang=fi$/), page.keyboard.press('Enter')]);
      expect(await page.getByText('Versio 1 · Julkaistu', { exact: false }).count()).toBe(1);
      await axe(page, 'version 1 (fi)', 'fi');

      await page.goto(`${server.url}/notices/${registerId}/versions/2?lang=fi`);
      const changes = page.getByRole('region', { name: 'Muutokset versioon 1 verrattuna' });
      expect(await changes.textContent()).toMatch(/Nyt: .*3 vuotta viimeisestä asioinnista/);
      await axe(page, 'version 2 with its changes (fi)', 'fi');
      await page.close();
    });

    it('is linked from the console, where a version whose notice would lack the contact details is refused', async () => {
      const email = 'rekisteri.vastaava@example.fi';
      const password = 'pitkä salalause rekisterille';
      const staff = staffService(server.database.db, server.deps.secretBox);
      const account = await staff.createAccount({ email, password, name: 'Rekisteri Vastaava' });
      await staff.addMember(controllerId, account.id, 'owner');
      const page = await context.newPage();
      await page.goto(`${server.url}/console/c/${controllerId}/registers/${registerId}`);
      await page.getByLabel('Sähköpostiosoite').fill(email);
      await page.getByLabel('Salasana', { exact: true }).fill(password);
      await page.getByLabel('Salasana', { exact: true }).press('Enter');
      const notice = page.getByRole('region', { name: 'Tietosuojaseloste' });
      await notice.waitFor();
      expect(await notice.getByRole('link', { name: 'ruotsiksi' }).getAttribute('href')).toBe(
        `/notices/${registerId}?lang=sv`,
      );
      expect(await notice.getByRole('link', { name: 'PDF (EN)' }).getAttribute('href')).toBe(
        `/notices/${registerId}?lang=en&format=pdf`,
      );

      await page
        .getByLabel('Seloste JSON-muodossa')
        .fill(JSON.stringify({ ...example, contactPerson: { name: 'Asiakaspalvelu' } }, null, 2));
      await page.getByRole('button', { name: 'Tallenna uutena versiona' }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'contactPerson' });
      await alert.waitFor();
      expect(await alert.textContent()).toContain(
        'contactPerson: Selosteessa on kerrottava, miten yhteyshenkilön tavoittaa: anna sähköpostiosoite, puhelinnumero tai postiosoite.',
      );
      const versions = await server.database.db
        .selectFrom('register_descriptions')
        .select('version')
        .where('register_id', '=', registerId)
        .execute();
      expect(versions).toHaveLength(2);
      await page.close();
    });
  },
);
