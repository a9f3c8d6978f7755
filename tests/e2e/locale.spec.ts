/**
 * The UI in each shipped language, chosen on the options page as a person would: the panel and the
 * popup say their words in it (with `lang` set), nothing overflows the panel's width or the popup's
 * (a screenshot of each is attached to the report), the options page speaks it too, and axe finds nothing
 * serious on the panel, the popup and the options page in English or German, light or dark. Numbers and
 * dates follow the language too.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, extensionUrl, panel, test } from './support/fixtures';
import { importPanelData, INITECH_18 } from './support/panel-data';
import { expectAccessible, panelViolations } from './support/axe';
import { LOCALE_NAMES, LOCALES, loadLocale, translator, type Locale } from '../../lib/i18n';
import { MESSAGES } from '../../lib/i18n/all-messages';
import type { ExtensionBrowser } from './support/chromium';

const INITECH_URL = `https://initech.lightning.force.com/lightning/r/Account/${INITECH_18}/view`;

test.use({ crmData: { salesforceAccounts: [{ id: INITECH_18, name: 'Initech', domain: 'initech.com' }] } });
test.describe.configure({ mode: 'serial' });
// The tests word what they expect with every locale's translator.
test.beforeAll(async () => {
  for (const locale of LOCALES) await loadLocale(locale);
});

async function chooseLanguage(page: Page, extension: ExtensionBrowser, locale: Locale | 'auto') {
  await page.goto(extensionUrl(extension, 'options.html'));
  await page.getByTestId('display-language').selectOption(locale);
  // Said in the language chosen (the browser's is English here).
  await expect(page.getByTestId('display-message')).toContainText(LOCALE_NAMES[locale === 'auto' ? 'en' : locale]);
}

/** Elements of the document whose box reaches past the viewport's width (visually hidden text aside). */
function overflowing(): string[] {
  const width = document.documentElement.clientWidth;
  const found: string[] = [];
  if (document.documentElement.scrollWidth > width + 1) found.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${width})`);
  for (const element of document.body.querySelectorAll<HTMLElement>('*')) {
    if (element.closest('.visually-hidden')) continue;
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.right > width + 1) found.push(`${element.tagName.toLowerCase()}.${element.className} “${(element.textContent ?? '').slice(0, 40)}” ends at ${Math.round(box.right)} of ${width}`);
  }
  return found;
}

test('imports the data the languages are shown with', async ({ page, extension }) => {
  await importPanelData(page, extension);
});

/** Whether the machine has a font with Japanese glyphs (without one, Japanese is measured as placeholder boxes). */
function hasJapaneseFont(): boolean {
  try {
    return execFileSync('fc-list', [':lang=ja'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
}

for (const locale of LOCALES) {
  test(`the panel and the popup in ${locale}: its words, its formats, nothing overflowing`, async ({ page, extension }, testInfo) => {
    const m = MESSAGES[locale];
    if (locale === 'ja' && !hasJapaneseFont()) {
      // CI installs one (.ci/run); elsewhere the measure would be of placeholder boxes, so say so.
      expect(process.env.CI, 'no Japanese font on this machine: install fonts-noto-cjk').toBeFalsy();
      testInfo.annotations.push({ type: 'note', description: 'no Japanese font here: Japanese widths are those of placeholder boxes' });
    }
    await chooseLanguage(page, extension, locale);

    await page.goto(INITECH_URL);
    const frame = panel(page);
    await expect(frame.locator(`html[lang="${locale}"]`)).toHaveCount(1);
    await expect(frame.getByTestId('nps-panel')).toHaveAttribute('data-state', 'ready');
    await expect(frame.getByRole('heading', { name: m['roles.heading'] })).toBeVisible();
    await expect(frame.getByRole('heading', { name: m['scores.heading'] })).toBeVisible();
    await expect(frame.getByTestId('role-row-executive').locator('th')).toContainText(m['role.executive']);
    await expect(frame.getByTestId('panel-relink')).toHaveText(m['panel.notThisAccount']);
    // The response rate (10 of 60 sends) as the language writes a percentage.
    await expect(frame.getByTestId('response-rate')).toContainText(new Intl.NumberFormat(locale, { style: 'percent' }).format(0.17));
    // A long panel: the history readout and the follow-up form are shown too.
    await frame.getByTestId('action-new').click();
    const panelFrame = page.frames().find((f) => f.url().includes('/panel.html'))!;
    expect(await panelFrame.evaluate(overflowing), `the panel in ${locale}`).toEqual([]);
    await testInfo.attach(`panel-${locale}.png`, { body: await page.screenshot(), contentType: 'image/png' });

    await page.goto(extensionUrl(extension, 'popup.html'));
    await page.setViewportSize({ width: 400, height: 600 });
    await expect(page.locator(`html[lang="${locale}"]`)).toHaveCount(1);
    await expect(page.getByTestId('popup-search')).toHaveAttribute('placeholder', m['popup.placeholder']);
    await page.getByTestId('popup-search').fill('init');
    await expect(page.getByTestId('popup-result')).toHaveCount(1);
    expect(await page.evaluate(overflowing), `the popup in ${locale}`).toEqual([]);
    await testInfo.attach(`popup-${locale}.png`, { body: await page.screenshot(), contentType: 'image/png' });

    // The options page: its headings and its counts in the language.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(extensionUrl(extension, 'options.html'));
    await expect(page.locator(`html[lang="${locale}"]`)).toHaveCount(1);
    await expect(page.getByRole('heading', { name: m['import.heading'] })).toBeVisible();
    await expect(page.getByRole('heading', { name: m['options.nav.display'], exact: true })).toBeVisible();
    // The counts as the language words them (whatever the suite's earlier files stored in this browser).
    const counts = await page.evaluate(async () => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; value: Record<string, number> }> } } }).chrome.runtime;
      return (await runtime.sendMessage({ channel: 'nps-service', method: 'getStats', input: {} })).value;
    });
    await expect(page.getByTestId('data-counts')).toHaveText(
      translator(locale)('data.counts', { accounts: counts.accounts!, responses: counts.responses!, actions: counts.actions!, sends: counts.sends! }),
    );
    expect(await page.evaluate(overflowing), `the options page in ${locale}`).toEqual([]);
    await expect(page).toHaveTitle(m['options.pageTitle']);

    // What customers say across accounts, opened from the popup: its words and its title.
    await page.goto(extensionUrl(extension, 'portfolio.html'));
    await expect(page.getByTestId('portfolio')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(m['portfolio.heading']);
    await expect(page.getByRole('heading', { name: m['insights.drivers'] })).toBeVisible();
    await expect(page).toHaveTitle(m['portfolio.pageTitle']);
    expect(await page.evaluate(overflowing), `the portfolio page in ${locale}`).toEqual([]);
  });
}

test('a file’s rejected rows are told in the language, on the page and in the downloadable report', async ({ page, extension }) => {
  await chooseLanguage(page, extension, 'de');
  const csv = [
    'response_id,account_name,respondent_email,score,responded_at',
    'de-1,Umlaut GmbH,anna@umlaut.de,11,2026-03-01',
    'de-2,Umlaut GmbH,bernd@umlaut,9,2026-03-02',
    'de-3,Umlaut GmbH,clara@umlaut.de,8,2026-13-01',
  ].join('\n');
  await page.getByTestId('import-file').setInputFiles({ name: 'antworten.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const errors = page.getByTestId('import-error');
  await expect(errors).toHaveText([
    'Zeile 2: score — „11“ ist keine ganze Zahl von 0 bis 10',
    'Zeile 3: respondent_email — „bernd@umlaut“ ist keine E-Mail-Adresse',
    'Zeile 4: responded_at — „2026-13-01“ hat keinen Monat 13',
  ]);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-errors-download').click()]);
  const report = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
  expect(report).toEqual(['row,column,value,reason', '2,score,11,ist keine ganze Zahl von 0 bis 10', '3,respondent_email,bernd@umlaut,ist keine E-Mail-Adresse', '4,responded_at,2026-13-01,hat keinen Monat 13']);
});

for (const locale of ['en', 'de'] as const) {
  test(`axe finds nothing serious in ${locale}, light or dark: the panel, the popup and the options page`, async ({ page, extension }) => {
    await chooseLanguage(page, extension, locale);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.goto(INITECH_URL);
      await expect(panel(page).locator(`html[lang="${locale}"] [data-testid="nps-panel"][data-state="ready"]`)).toHaveCount(1);
      await panel(page).getByTestId('action-new').click();
      // The chart's data as a table too.
      await panel(page).getByTestId('history-table').locator('summary').click();
      await expect(panel(page).getByTestId('history-table-row').first()).toBeVisible();
      expect(await panelViolations(page), `the panel in ${locale}, ${colorScheme}`).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: null });
    await page.goto(extensionUrl(extension, 'popup.html'));
    await page.getByTestId('popup-search').fill('init');
    await expect(page.getByTestId('popup-result')).toHaveCount(1);
    await expectAccessible(page, `popup in ${locale}`);
    await page.goto(extensionUrl(extension, 'options.html'));
    await expect(page.locator(`html[lang="${locale}"]`)).toHaveCount(1);
    await expect(page.getByTestId('data-counts')).toBeVisible();
    await expectAccessible(page, `options page in ${locale}`);
  });
}

test('back to the browser’s language: the panel follows at once, without a reload', async ({ page, extension }) => {
  await chooseLanguage(page, extension, 'ja');
  await page.goto(INITECH_URL);
  const frame = panel(page);
  await expect(frame.getByRole('heading', { name: MESSAGES.ja['roles.heading'] })).toBeVisible();
  // The options page in another tab changes it; the open panel follows.
  const options = await page.context().newPage();
  await chooseLanguage(options, extension, 'auto');
  await options.close();
  await expect(frame.locator('html[lang="en"]')).toHaveCount(1);
  await expect(frame.getByRole('heading', { name: 'By role' })).toBeVisible();
});
