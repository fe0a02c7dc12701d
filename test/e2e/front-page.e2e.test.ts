import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { hasChromium, launchBrowser, noChromiumReason, startServer, type TestServer } from './browser.ts';

if (!hasChromium) console.warn(`test/e2e/front-page.e2e.test.ts: ${noChromiumReason}`);

const HEADINGS = {
  fi: 'Tietosi kaikista kaupoista yhdessä paikassa',
  sv: 'Dina uppgifter från alla butiker på ett ställe',
  en: 'Your data from every shop, in one place',
} as const;

describe.skipIf(!hasChromium)(hasChromium ? 'web UI in Chromium' : `web UI in Chromium: ${noChromiumReason}`, () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    // A Finnish browser, so that nothing but the app decides the language.
    context = await browser.newContext({ locale: 'fi-FI', viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });

  /** Loads a page and waits until React has rendered it. */
  async function open(path: string) {
    await page.goto(`${server.url}${path}`);
    await page.locator('h1').waitFor();
  }

  const h1 = () => page.locator('h1').textContent();
  const htmlLang = () => page.evaluate(() => document.documentElement.lang);
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      return { tag: el?.tagName.toLowerCase(), id: el?.id, text: el?.textContent?.trim() };
    });

  /** Presses Tab until the element with this text has focus; fails if it is not reached. */
  async function tabTo(text: string, maxTabs = 10) {
    for (let i = 0; i < maxTabs; i++) {
      await page.keyboard.press('Tab');
      if ((await focused()).text === text) return;
    }
    throw new Error(`"${text}" was not reached in ${maxTabs} Tab presses`);
  }

  it('shows the front page in Finnish with the live service status', async () => {
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { database: string };
    await open('/');
    expect(await h1()).toBe(HEADINGS.fi);
    expect(await htmlLang()).toBe('fi');
    expect(await page.title()).toBe(`${HEADINGS.fi} – Omadata`);
    const database = health.database === 'postgres' ? 'PostgreSQL' : 'sisäänrakennettu';
    await page.getByRole('status').getByText(`Palvelu on käynnissä, tietokanta: ${database}`).waitFor();
    expect(await page.getByRole('link', { name: 'API-dokumentaatio' }).getAttribute('href')).toBe('/docs');
    expect(await page.getByRole('link', { name: /OpenAPI/ }).getAttribute('href')).toBe('/openapi.json');
  });

  it('switches language with the keyboard only, and remembers the choice', async () => {
    await open('/');
    expect(await h1()).toBe(HEADINGS.fi);

    await tabTo('Svenska');
    await page.keyboard.press('Enter');
    await expect.poll(h1).toBe(HEADINGS.sv);
    await expect.poll(htmlLang).toBe('sv');
    expect(await page.getByRole('button', { name: 'Svenska' }).getAttribute('aria-pressed')).toBe('true');
    await page
      .getByRole('status')
      .getByText(/^Tjänsten är i gång, databas: /)
      .waitFor();

    await tabTo('English');
    await page.keyboard.press('Space');
    await expect.poll(h1).toBe(HEADINGS.en);
    await expect.poll(htmlLang).toBe('en');
    await page
      .getByRole('status')
      .getByText(/^The service is running, database: /)
      .waitFor();

    await page.reload();
    expect(await h1()).toBe(HEADINGS.en);
  });

  it('takes the language from ?lang= first, then from the browser', async () => {
    await open('/?lang=sv');
    expect(await h1()).toBe(HEADINGS.sv);
    expect(await htmlLang()).toBe('sv');

    const english = await browser.newContext({ locale: 'en-GB' });
    try {
      const p = await english.newPage();
      await p.goto(`${server.url}/oma`);
      expect(await p.locator('h1').textContent()).toBe('Your data');
      expect(await p.evaluate(() => document.documentElement.lang)).toBe('en');
    } finally {
      await english.close();
    }
  });

  it('has a skip link as the first Tab stop, and it moves focus to <main>', async () => {
    await open('/');
    await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ tag: 'a', text: 'Siirry pääsisältöön' });
    expect(await page.locator('.skip-link').isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(focused).toMatchObject({ tag: 'main' });
    expect(new URL(page.url()).hash).toBe('');
  });

  it('renders the portal, console and not-found pages in place', async () => {
    await open('/oma');
    expect(await h1()).toBe('Omat tietosi');
    await page.getByRole('link', { name: 'Etusivulle' }).click();
    await expect.poll(h1).toBe(HEADINGS.fi);
    await expect.poll(focused).toMatchObject({ tag: 'main' });
    expect(new URL(page.url()).pathname).toBe('/');

    await open('/console');
    expect(await h1()).toBe('Henkilökunnan konsoli');

    await open('/oma/ei-tallaista-sivua');
    expect(await h1()).toBe('Sivua ei löytynyt');
  });

  for (const lang of ['fi', 'sv', 'en'] as const) {
    it(`has no WCAG 2.1 A/AA violations (axe) in ${lang}`, async () => {
      const failures: string[] = [];
      for (const path of ['/', '/oma', '/console', '/oma/no-such-page']) {
        await open(`${path}?lang=${lang}`);
        if (path === '/') await page.locator('.status:not([data-state="checking"])').waitFor();
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        for (const v of results.violations) {
          const targets = v.nodes.map((n) => `      ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n');
          failures.push(`${path}?lang=${lang}: [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${targets}`);
        }
      }
      if (failures.length) console.error(`axe violations:\n${failures.join('\n')}`);
      expect(failures).toEqual([]);
    });
  }
});
