/**
 * The person's portal (/oma) in Chromium: two shops know the same email address; the person asks
 * for a sign-in link on the login page (which says the same whether or not the address is known),
 * opens the link from the outbox, sees both shops, withdraws a marketing permission with one
 * keyboard press, corrects the address (a bad postal code refused first), downloads everything
 * and opens the zip, and is forgotten at one shop with the erasure report shown. A spent link says
 * so in the person's language. axe checks the login page and the overview in fi and en, and at
 * phone size (390×844).
 *
 * The journeys run in order on one server and database. Accessible names come from
 * web/src/i18n/portal/*.ts and web/src/i18n/console/*.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { newApiKey, newController, newRegister, validOrder } from '../factories.ts';
import { unzip } from '../zip.ts';
import { hasChromium, launchBrowser, noChromiumReason, startServer, type TestServer } from './browser.ts';

if (!hasChromium) console.warn(`test/e2e/portal.e2e.test.ts: ${noChromiumReason}`);

const SHOPS = ['Kahvila Aroma Oy', 'Kirjakauppa Sivu Oy'] as const;
const PHONE = { width: 390, height: 844 };

describe.skipIf(!hasChromium)(
  hasChromium ? 'the portal in Chromium' : `the portal in Chromium: ${noChromiumReason}`,
  () => {
    let server: TestServer;
    let browser: Browser;
    const contexts: BrowserContext[] = [];
    let page: Page;
    let link: string;
    const email = `pekka.${Date.now().toString(36)}@example.fi`;

    beforeAll(async () => {
      server = await startServer();
      browser = await launchBrowser();
      for (const name of SHOPS) {
        const controller = await newController(server.database, name);
        const register = await newRegister(server.database, controller.id);
        const key = await newApiKey(server.database, controller.id);
        const order = validOrder({
          customer: { ...validOrder().customer, firstName: 'Pekka', lastName: 'Portaali', email },
          marketingOptIn: { email: true, sms: false },
        });
        const res = await fetch(`${server.url}/api/v1/registers/${register.id}/orders`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${key}`,
            'content-type': 'application/json',
            'idempotency-key': `e2e-${order.orderId}`,
          },
          body: JSON.stringify(order),
        });
        expect(res.status, await res.clone().text()).toBe(201);
      }
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

    async function axe(p: Page, label: string) {
      const results = await new AxeBuilder({ page: p })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      const failures = results.violations.map(
        (v) =>
          `${label}: [${v.impact}] ${v.id}: ${v.help}\n` +
          v.nodes.map((n) => `      ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n'),
      );
      if (failures.length) console.error(`axe violations:\n${failures.join('\n')}`);
      expect(failures).toEqual([]);
    }

    const merchant = (p: Page, name: string) => p.getByRole('region', { name, exact: true });
    const toggle = (scope: Locator, action: string, purpose: string, channel: string) =>
      scope.getByRole('button', { name: `${action}: ${purpose}, ${channel}`, exact: true });

    it('sends a sign-in link from the login page without telling whether the address is known', async () => {
      page = await newPage();
      await page.goto(`${server.url}/oma?lang=fi`);
      await page.getByRole('heading', { level: 1, name: 'Omat tietosi' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Kirjaudu sähköpostilinkillä' }).waitFor();
      await axe(page, 'login fi');

      // An unknown address gets the same answer and no mail.
      await page.getByLabel('Sähköpostiosoite').fill('ei.asiakas@example.fi');
      await page.getByRole('button', { name: 'Lähetä kirjautumislinkki' }).click();
      await page.getByRole('heading', { name: 'Katso sähköpostisi' }).waitFor();
      const unknownText = await page.locator('main').textContent();
      await page.getByRole('button', { name: 'Lähetä linkki toiseen osoitteeseen' }).click();

      await page.getByLabel('Sähköpostiosoite').fill(email);
      await page.getByLabel('Viestin kieli').selectOption('fi');
      await page.getByRole('button', { name: 'Lähetä kirjautumislinkki' }).click();
      await page.getByRole('heading', { name: 'Katso sähköpostisi' }).waitFor();
      const knownText = await page.locator('main').textContent();
      expect(knownText?.replace(email, 'X')).toBe(unknownText?.replace('ei.asiakas@example.fi', 'X'));

      const mails = await server.database.db
        .selectFrom('outbox')
        .select(['to_address', 'text_body'])
        .where('kind', '=', 'portal_login')
        .execute();
      expect(mails.map((m) => m.to_address)).toEqual([email]);
      const found = /https?:\/\/\S+\/oma\/login\?token=\S+/.exec(mails[0]!.text_body);
      expect(found, mails[0]!.text_body).not.toBeNull();
      // The path and query only: the link's host is PUBLIC_URL as it was when the routes were built.
      const url = new URL(found![0]);
      expect(url.pathname).toBe('/oma/login');
      expect(url.searchParams.get('lang')).toBe('fi');
      link = `${server.url}${url.pathname}${url.search}`;

      await page.setViewportSize(PHONE);
      await page.goto(`${server.url}/oma?lang=fi`);
      await page.getByRole('heading', { level: 2, name: 'Kirjaudu sähköpostilinkillä' }).waitFor();
      await axe(page, 'login at phone size');
    });

    it('opens the overview from the link, with both shops, and refuses the spent link', async () => {
      page = await newPage();
      await page.goto(link);
      await page.getByText('Kirjautuneena: ').waitFor();
      expect(new URL(page.url()).pathname).toBe('/oma');
      expect(new URL(page.url()).searchParams.has('token')).toBe(false);
      for (const name of SHOPS) {
        const shop = merchant(page, name);
        await shop.getByRole('heading', { level: 2, name }).waitFor();
        await shop.getByRole('row', { name: /Pekka/ }).first().waitFor();
        await shop.getByRole('table', { name: 'Tilauksesi tässä kaupassa' }).getByText('2 × Vihreä tee').waitFor();
        await toggle(shop, 'Peru lupa', 'Suoramarkkinointi', 'Sähköposti').waitFor();
      }
      await axe(page, 'overview fi');

      await page.goto(`${server.url}/oma?lang=en`);
      await merchant(page, SHOPS[0]).getByRole('heading', { name: 'Marketing permissions' }).waitFor();
      await axe(page, 'overview en');

      await page.setViewportSize(PHONE);
      await page.goto(`${server.url}/oma?lang=fi`);
      await merchant(page, SHOPS[1]).getByRole('heading', { name: 'Markkinointiluvat' }).waitFor();
      await axe(page, 'overview at phone size');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.setViewportSize({ width: 1280, height: 900 });

      const again = await newPage('en-GB');
      await again.goto(link.replace('lang=fi', 'lang=en'));
      await again.getByText('This sign-in link has already been used or has expired.', { exact: false }).waitFor();
      await again.getByRole('button', { name: 'Send a sign-in link' }).waitFor();
    });

    it('withdraws a marketing permission with one key press, and the change stays', async () => {
      const shop = merchant(page, SHOPS[0]);
      const withdraw = toggle(shop, 'Peru lupa', 'Suoramarkkinointi', 'Sähköposti');
      await withdraw.focus();
      await page.keyboard.press('Enter');
      const give = toggle(shop, 'Anna lupa', 'Suoramarkkinointi', 'Sähköposti');
      await give.waitFor();
      await page.getByRole('status').getByText('Lupa peruttu: Suoramarkkinointi, Sähköposti.').waitFor();
      const cell = shop.locator('td[data-purpose="direct_marketing"][data-channel="email"]');
      expect(await cell.locator('.permission').textContent()).toBe('Ei sallittu');

      await page.reload();
      await toggle(merchant(page, SHOPS[0]), 'Anna lupa', 'Suoramarkkinointi', 'Sähköposti').waitFor();
      // The other shop's permission is its own.
      await toggle(merchant(page, SHOPS[1]), 'Peru lupa', 'Suoramarkkinointi', 'Sähköposti').waitFor();
    });

    it('corrects the address; a bad postal code is refused in Finnish and nothing changes', async () => {
      const shop = merchant(page, SHOPS[0]);
      await shop.getByRole('button', { name: 'Korjaa tietojasi' }).click();
      await shop.getByLabel('Postinumero').fill('123');
      await shop.getByRole('button', { name: 'Tallenna korjaukset' }).click();
      await shop.getByText('Postinumero ei kelpaa tämän maan postinumeroksi.').first().waitFor();
      const stored = () =>
        server.database.db
          .selectFrom('subjects')
          .innerJoin('controllers', 'controllers.id', 'subjects.controller_id')
          .select(['subjects.street', 'subjects.postal_code', 'subjects.city'])
          .where('subjects.email_key', '=', email)
          .where('controllers.name', '=', SHOPS[0])
          .executeTakeFirstOrThrow();
      expect((await stored()).postal_code).toBe('00100');
      await axe(page, 'correction refused fi');

      await shop.getByLabel('Katuosoite').fill('Uusitie 9');
      await shop.getByLabel('Postinumero').fill('33100');
      await shop.getByLabel('Postitoimipaikka').fill('Tampere');
      await shop.getByRole('button', { name: 'Tallenna korjaukset' }).click();
      await shop.getByText('Korjattu: Katuosoite, Postinumero, Postitoimipaikka.').waitFor();
      await shop.getByRole('row', { name: /Uusitie 9/ }).waitFor();
      expect(await stored()).toEqual({ street: 'Uusitie 9', postal_code: '33100', city: 'Tampere' });
    });

    it('downloads everything as a zip that opens, with both shops and the corrected address', async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Lataa kaikki tiedot (zip)' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^omadata-\d{4}-\d{2}-\d{2}\.zip$/);
      const files = await unzip(readFileSync(await download.path()));
      expect([...files.keys()]).toEqual(
        expect.arrayContaining(['README.txt', 'data.json', 'schema.json', 'orders.csv', 'fields.csv']),
      );
      const data = JSON.parse(files.get('data.json')!) as {
        merchants: Array<{
          controller: { name: string };
          registers: Array<{ subject: { fields: Record<string, string> } }>;
        }>;
      };
      expect(data.merchants.map((m) => m.controller.name).sort()).toEqual([...SHOPS].sort());
      const first = data.merchants.find((m) => m.controller.name === SHOPS[0])!;
      expect(first.registers[0]!.subject.fields['address.street']).toBe('Uusitie 9');
      expect(files.get('order-items.csv')).toContain('Vihreä tee');
      await page.getByRole('status').getByText('Lataus on valmis', { exact: false }).waitFor();
    });

    it('forgets the person at one shop after a confirmation, and shows the erasure report', async () => {
      const shop = merchant(page, SHOPS[1]);
      await shop.getByRole('button', { name: 'Poista tietoni tästä kaupasta' }).click();
      await shop.getByText(`Poistetaanko tietosi kaupasta ${SHOPS[1]}?`).waitFor();
      await shop.getByRole('button', { name: 'Kyllä, poista tietoni' }).click();
      const report = shop.getByRole('region', { name: 'Poistoraportti' });
      await report.waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Poistoraportti');
      await report.getByRole('heading', { name: 'Poistetut tiedot' }).waitFor();
      expect(await report.locator('.tag-list li').count()).toBeGreaterThan(0);
      await report.getByRole('heading', { name: 'Säilytettävät tiedot' }).waitFor();

      // Only the report stays in that shop's section: the data shown before is gone.
      expect(await shop.getByRole('region', { name: 'Tallennetut tietosi' }).count()).toBe(0);
      expect(await shop.getByRole('heading', { name: 'Markkinointiluvat' }).count()).toBe(0);
      await axe(page, 'erasure report fi');

      // The other shop still knows the person.
      await page.reload();
      await merchant(page, SHOPS[0]).getByRole('heading', { level: 2 }).waitFor();
    });
  },
);
