/**
 * The public request form of a register in Chromium, by keyboard only: a person sends the form
 * with no type chosen and a broken email address, reads the errors named in the page's language,
 * follows the error summary's link to the choices, sends the request, opens the confirmation link
 * from the outbox, confirms with the button, and a second opening of the link is refused. axe
 * (WCAG 2.1 AA) checks every page on the way, in Finnish and in English.
 *
 * Accessible names come from src/modules/requests/request-form-page.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { newShop } from '../factories.ts';
import { hasChromium, launchBrowser, noChromiumReason, startServer, type TestServer } from './browser.ts';

if (!hasChromium) console.warn(`test/e2e/request-form.e2e.test.ts: ${noChromiumReason}`);

type Lang = 'fi' | 'en';

const TEXT = {
  fi: {
    locale: 'fi-FI',
    form: 'Pyyntö omista tiedoistasi',
    summary: 'Tarkista nämä kohdat',
    typesError: 'Valitse vähintään yksi pyyntö.',
    emailError: 'Anna sähköpostiosoite muodossa nimi@esimerkki.fi.',
    name: 'Nimesi',
    email: 'Sähköpostiosoitteesi',
    message: 'Pyyntösi omin sanoin (vapaaehtoinen)',
    access: 'Tietojen tarkastus',
    erasure: 'Tietojen poistaminen',
    sent: 'Vahvista pyyntösi sähköpostista',
    confirm: 'Vahvista pyyntösi',
    button: 'Vahvista pyyntö',
    done: 'Pyyntösi on vahvistettu',
    due: (date: string) => `Testikauppa Oy vastaa viimeistään ${date}.`,
    invalid: 'Linkki ei kelpaa',
  },
  en: {
    locale: 'en-GB',
    form: 'A request about your data',
    summary: 'Check these fields',
    typesError: 'Choose at least one request.',
    emailError: 'Give an email address like name@example.com.',
    name: 'Your name',
    email: 'Your email address',
    message: 'Your request in your own words (optional)',
    access: 'Access to data',
    erasure: 'Erasure',
    sent: 'Confirm your request by email',
    confirm: 'Confirm your request',
    button: 'Confirm the request',
    done: 'Your request is confirmed',
    due: (date: string) => `Testikauppa Oy answers by ${date}.`,
    invalid: 'This link is not valid',
  },
} as const;

function written(date: string, lang: Lang): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return lang === 'fi'
    ? `${d}.${m}.${y}`
    : new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
        new Date(Date.UTC(y, m - 1, d, 12)),
      );
}

describe.skipIf(!hasChromium)(
  hasChromium ? 'the request form in Chromium' : `the request form in Chromium: ${noChromiumReason}`,
  () => {
    let server: TestServer;
    let browser: Browser;
    const contexts: BrowserContext[] = [];
    let shop: Awaited<ReturnType<typeof newShop>>;

    beforeAll(async () => {
      server = await startServer();
      browser = await launchBrowser();
      shop = await newShop(server.database);
    });
    afterAll(async () => {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser?.close();
      await server?.close();
    });

    async function newPage(locale: string) {
      const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
      contexts.push(context);
      return context.newPage();
    }

    const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });

    async function axe(page: Page, name: string, lang: Lang) {
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const problems = results.violations.map(
        (v) => `${name}: [${v.impact}] ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
      );
      expect(results.passes.length, `${name}: axe ran no checks`).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    }

    /** Presses a key that submits a form, and answers the form's response. */
    async function submitWith(page: Page, key: string, path: string): Promise<Response> {
      const [response] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === path && r.request().method() === 'POST'),
        page.keyboard.press(key),
      ]);
      await page.waitForLoadState();
      return response;
    }

    const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

    async function mailedLink(address: string): Promise<string> {
      const row = await server.database.db
        .selectFrom('outbox')
        .select('text_body')
        .where('to_address', '=', address)
        .where('kind', '=', 'request_confirm')
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      const link = /(http\S+\/requests\/confirm\?token=\S+)/.exec(row.text_body)?.[1];
      expect(link).toBeDefined();
      return link!;
    }

    for (const lang of ['fi', 'en'] as const) {
      it(`sends, confirms and refuses a spent link by keyboard (${lang})`, async () => {
        const t = TEXT[lang];
        const email = `lomake.${lang}.${Date.now().toString(36)}@example.fi`;
        const page = await newPage(t.locale);

        const opened = await page.goto(`${server.url}/requests/new?register=${shop.register.id}&lang=${lang}`);
        expect(opened?.status()).toBe(200);
        await h1(page, t.form).waitFor();
        await page.getByText('Testikauppa Oy', { exact: true }).waitFor();
        await axe(page, `form ${lang}`, lang);

        // Name and a broken address, no type chosen; Enter in a text field sends the form.
        await page.getByLabel(t.name).focus();
        await page.keyboard.type('Pertti Pyytäjä');
        await page.keyboard.press('Tab');
        expect(await activeId(page)).toBe('email');
        await page.keyboard.type('ei-osoite');
        const refused = await submitWith(page, 'Enter', '/requests/new');
        expect(refused.status()).toBe(422);
        const summary = page.getByRole('region', { name: t.summary });
        await summary.waitFor();
        await summary.getByRole('link', { name: t.typesError }).waitFor();
        await summary.getByRole('link', { name: t.emailError }).waitFor();
        expect(await page.getByLabel(t.name).inputValue()).toBe('Pertti Pyytäjä');
        expect(await page.getByLabel(t.email).getAttribute('aria-invalid')).toBe('true');
        // The summary has the focus, so that a screen reader starts there.
        expect(await page.evaluate(() => document.activeElement?.classList.contains('errors'))).toBe(true);
        await axe(page, `form with errors ${lang}`, lang);
        expect(
          await server.database.db.selectFrom('requests').select('id').where('email', '=', email).execute(),
        ).toEqual([]);

        // From the summary to the choices: the first link leads to the first checkbox.
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        await expect.poll(() => activeId(page)).toBe('type-access');
        await page.keyboard.press('Space');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Tab');
        expect(await activeId(page)).toBe('type-erasure');
        await page.keyboard.press('Space');
        expect(await page.getByRole('checkbox', { name: t.access }).isChecked()).toBe(true);
        expect(await page.getByRole('checkbox', { name: t.erasure }).isChecked()).toBe(true);

        await page.getByLabel(t.email).focus();
        await page.keyboard.press('ControlOrMeta+A');
        await page.keyboard.type(email);
        await page.keyboard.press('Tab');
        expect(await activeId(page)).toBe('message');
        await page.keyboard.type('Haluan nähdä tietoni ja että ne poistetaan.');
        await page.keyboard.press('Tab');
        const sent = await submitWith(page, 'Enter', '/requests/new');
        expect(sent.status()).toBe(200);
        await h1(page, t.sent).waitFor();
        await page.getByText(email, { exact: false }).waitFor();
        await axe(page, `sent ${lang}`, lang);

        const stored = await server.database.db
          .selectFrom('requests')
          .select(['id', 'types', 'language', 'identity_status', 'due_date'])
          .where('email', '=', email)
          .executeTakeFirstOrThrow();
        expect(stored).toMatchObject({ types: ['access', 'erasure'], language: lang, identity_status: 'unverified' });

        const link = await mailedLink(email);
        expect(link.startsWith(`${server.url}/requests/confirm?token=`)).toBe(true);
        const shown = await page.goto(link);
        expect(shown?.status()).toBe(200);
        await h1(page, t.confirm).waitFor();
        await page.getByRole('listitem').filter({ hasText: t.erasure }).waitFor();
        await axe(page, `confirm ${lang}`, lang);
        // Opening the link changed nothing.
        expect(
          (
            await server.database.db
              .selectFrom('requests')
              .select('identity_status')
              .where('id', '=', stored.id)
              .executeTakeFirstOrThrow()
          ).identity_status,
        ).toBe('unverified');

        await page.getByRole('button', { name: t.button }).focus();
        const confirmed = await submitWith(page, 'Enter', '/requests/confirm');
        expect(confirmed.status()).toBe(200);
        await h1(page, t.done).waitFor();
        await page.getByText(t.due(written(stored.due_date, lang)), { exact: true }).waitFor();
        await axe(page, `confirmed ${lang}`, lang);
        const verified = await server.database.db
          .selectFrom('requests')
          .select(['identity_status', 'identity_method', 'status', 'confirm_token_hash'])
          .where('id', '=', stored.id)
          .executeTakeFirstOrThrow();
        expect(verified).toEqual({
          identity_status: 'verified',
          identity_method: 'email_round_trip',
          status: 'received',
          confirm_token_hash: null,
        });

        const again = await page.goto(link);
        expect(again?.status()).toBe(400);
        await h1(page, t.invalid).waitFor();
        await axe(page, `spent link ${lang}`, lang);
      });
    }
  },
);
