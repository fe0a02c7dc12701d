/**
 * The records of processing and the notice changes in Chromium: an owner downloads the record
 * from the registers page and opens it in English, sees the notices a new description version
 * queued; an operator finds the processor's record on the controllers page. axe on both pages.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { inTenant } from '../../src/db/tenant.ts';
import { registerService } from '../../src/modules/registers/register.service.ts';
import { staffService } from '../../src/modules/staff/staff.service.ts';
import { newApiKey, newController, validOrder } from '../factories.ts';
import { hasChromium, launchBrowser, noChromiumReason, startServer, type TestServer } from './browser.ts';

if (!hasChromium) console.warn(`test/e2e/records.e2e.test.ts: ${noChromiumReason}`);

const WEBSHOP = JSON.parse(
  readFileSync(new URL('../../examples/registers/webshop-users.json', import.meta.url), 'utf8'),
) as { name: { fi: string; en: string }; recipients: unknown[] } & Record<string, unknown>;
const OWNER = { email: 'omistaja@records.example.fi', password: 'omistajan pitkä salalause' };
const OPERATOR = { email: 'yllapito@records.example.fi', password: 'ylläpidon pitkä salalause' };

describe.skipIf(!hasChromium)(
  hasChromium ? 'records of processing in Chromium' : `records of processing in Chromium: ${noChromiumReason}`,
  () => {
    let server: TestServer;
    let browser: Browser;
    const contexts: BrowserContext[] = [];
    let controllerId: string;
    let registerId: string;
    const axeFailures: string[] = [];

    beforeAll(async () => {
      server = await startServer();
      browser = await launchBrowser();
      const controller = await newController(server.database, 'Esimerkkikauppa Oy');
      controllerId = controller.id;
      const register = await server.database.db
        .transaction()
        .execute((tx) => registerService(tx).create(controller.id, WEBSHOP));
      registerId = register.id;
      const key = await newApiKey(server.database, controller.id);
      for (let i = 0; i < 3; i++) {
        const order = validOrder({
          customer: { ...validOrder().customer, address: undefined },
          sourcePage: undefined,
          ip: undefined,
          termsAccepted: undefined,
        });
        const res = await fetch(`${server.url}/api/v1/registers/${register.id}/orders`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${key}`,
            'idempotency-key': `e2e-${i}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify(order),
        });
        expect(res.status, await res.text()).toBe(201);
      }
      // Version 2 gives the phone number to a new courier: the three customers have one.
      await inTenant(server.database.db, controller.id, (tx) =>
        registerService(tx).publishVersion(controller.id, register.id, {
          ...WEBSHOP,
          recipients: [
            ...WEBSHOP.recipients,
            {
              name: 'Pikakuriiri Oy',
              category: { fi: 'Kuriiripalvelu', sv: 'Budtjänst', en: 'Courier service' },
              country: 'FI',
              fields: ['phone'],
              purposes: ['delivery'],
            },
          ],
        }),
      );
      const accounts = staffService(server.database.db, server.deps.secretBox);
      const owner = await accounts.createAccount(OWNER);
      await accounts.addMember(controller.id, owner.id, 'owner');
      await accounts.createAccount({ ...OPERATOR, isOperator: true });
    });
    afterAll(async () => {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser?.close();
      await server?.close();
    });

    async function newPage() {
      const context = await browser.newContext({
        locale: 'fi-FI',
        viewport: { width: 1280, height: 900 },
        acceptDownloads: true,
      });
      contexts.push(context);
      return context.newPage();
    }

    async function logIn(page: Page, path: string, person: { email: string; password: string }) {
      await page.goto(`${server.url}${path}`);
      await page.getByLabel('Sähköpostiosoite').fill(person.email);
      await page.getByLabel('Salasana', { exact: true }).fill(person.password);
      await page.getByLabel('Salasana', { exact: true }).press('Enter');
      await page.getByText(`Kirjautuneena: ${person.email}`).waitFor();
    }

    async function axe(page: Page, name: string) {
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      for (const v of results.violations)
        axeFailures.push(
          `${name}: [${v.impact}] ${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        );
    }

    it('the owner downloads the record as PDF and opens it in English from the registers page', async () => {
      const page = await newPage();
      await logIn(page, `/console/c/${controllerId}/registers`, OWNER);
      const section = page.getByRole('region', { name: 'Seloste käsittelytoimista', exact: true });
      await section.waitFor();
      const table = section.getByRole('table', { name: 'Selosteen lataukset kielittäin ja muodoittain' });
      expect(await table.getByRole('link').count()).toBe(9);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        table.getByRole('link', { name: 'PDF, Suomi', exact: true }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^records-of-processing-.+-fi\.pdf$/);
      const path = await download.path();
      expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
      await axe(page, 'registers');

      await table.getByRole('link', { name: 'HTML, English', exact: true }).click();
      await page
        .getByRole('heading', { level: 1, name: 'Records of processing activities: Esimerkkikauppa Oy' })
        .waitFor();
      await page.getByRole('heading', { level: 2, name: WEBSHOP.name.en }).waitFor();
      await page.getByRole('rowheader', { name: 'Pikakuriiri Oy', exact: true }).waitFor();
      await axe(page, 'record (en)');
    });

    it('the register page counts the customers to be told of version 2', async () => {
      const page = await newPage();
      await logIn(page, `/console/c/${controllerId}/registers/${registerId}`, OWNER);
      const section = page.getByRole('region', { name: 'Ilmoitukset selosteen muutoksista', exact: true });
      const table = section.getByRole('table', { name: 'Jonotetut ilmoitukset versioittain' });
      const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '2', exact: true }) });
      await expect.poll(() => row.getByRole('cell').allTextContents()).toEqual(['3', '0']);
      await axe(page, 'register');
    });

    it("the operator finds the processor's record on the controllers page; the owner does not", async () => {
      const page = await newPage();
      await logIn(page, '/console/controllers', OPERATOR);
      const section = page.getByRole('region', { name: 'Käsittelijän seloste', exact: true });
      await section.getByRole('link', { name: 'HTML, Svenska', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Personuppgiftsbiträdets register över behandling' }).waitFor();
      await page.getByText('Esimerkkikauppa Oy').first().waitFor();
      await page.goBack();
      await section.waitFor();
      await axe(page, 'controllers (operator)');

      const owner = await newPage();
      await logIn(owner, '/console/controllers', OWNER);
      await owner.getByRole('link', { name: 'Esimerkkikauppa Oy' }).waitFor();
      expect(await owner.getByRole('region', { name: 'Käsittelijän seloste' }).count()).toBe(0);
    });

    it('has no accessibility violations', () => {
      expect(axeFailures).toEqual([]);
    });
  },
);
