/**
 * `npm run demo`: builds the extension, starts the reference data source on loopback with a seeded
 * sample dataset, opens Chromium with the extension loaded, configures the source through the options
 * page as a user would (URL and token typed, Save), lets the first sync run (server → background →
 * IndexedDB), and shows the panel on a Salesforce-like and a Zendesk-like page served on their real
 * host names. `--csv` imports the same sample as CSV files instead (the local source).
 *
 * With no display (or CI=true) it runs headless, writes screenshots to demo-output/ and prints their
 * paths; with a display it leaves the browser open until you close it.
 *
 * `--locale de` (or `fr`, `es`, `pt-BR`, `ja`, `en`; several separated by commas, or `all`) also shows the
 * panel, the popup, the "what customers say" page and an import's rejected rows in that language, chosen
 * on the options page as a person would: one screenshot each per language
 * (`demo-output/locale-de-salesforce-account.png`, `…-portfolio.png`, `…-import-errors.png`, …).
 */
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { MockVendors } from '../lib/sources/connectors/testing/mock-vendors';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { DEMO_ACCOUNTS, generateSample } from '../lib/sample';
import { isLocale, LOCALE_NAMES, LOCALES, type Locale } from '../lib/i18n/locales';
import { launchWithExtension } from '../tests/e2e/support/chromium';
import { serveCrmFixtures, type CrmFixtureData } from '../tests/e2e/support/crm-pages';
import { SOURCE_TOKEN, configureSourceInOptions, grantOrigin, startSourceHarness, type SourceHarness } from '../tests/e2e/support/source-server';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'demo-output');
const headless = process.env.CI === 'true' || !process.env.DISPLAY || process.argv.includes('--headless');
const fromCsv = process.argv.includes('--csv');

/** A file whose every row is rejected (so nothing is stored), to show the reasons in each language. */
const REJECTED_ROWS = [
  'response_id,account_name,respondent_email,score,responded_at',
  'demo-bad-1,Acme Corporation,ann@acme,9,2026-03-01',
  'demo-bad-2,Acme Corporation,bob@acme.com,11,2026-03-02',
  'demo-bad-3,Acme Corporation,cy@acme.com,7,2026-13-01',
].join('\n');

/** The languages asked for with `--locale a,b` (or `--locale=all`). */
function requestedLocales(): Locale[] {
  const i = process.argv.findIndex((a) => a === '--locale' || a.startsWith('--locale='));
  if (i < 0) return [];
  const value = process.argv[i]!.includes('=') ? process.argv[i]!.split('=')[1]! : (process.argv[i + 1] ?? '');
  if (value === 'all') return [...LOCALES];
  const codes = value.split(',').map((c) => c.trim()).filter(Boolean);
  const unknown = codes.filter((c) => !isLocale(c));
  if (unknown.length > 0 || codes.length === 0) {
    throw new Error(`--locale: ${unknown.join(', ') || 'nothing'} is not a shipped language (${LOCALES.join(', ')}, or all)`);
  }
  return codes as Locale[];
}
const locales = requestedLocales();

function log(message: string) {
  console.log(`demo: ${message}`);
}

async function importFile(page: Page, extensionId: string, name: string, csv: string) {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  const summary = page.getByTestId('import-summary');
  await summary.waitFor({ timeout: 120_000 });
  log(`imported ${name}: ${await summary.getAttribute('data-imported')} rows, ${await summary.getAttribute('data-rejected')} rejected`);
}

/** A Qualtrics export (its own three header rows) of respondents writing from `domain`, and one from gmail.com. */
function qualtricsExport(domain: string, now: number): string {
  const fixture = readFileSync(path.join(ROOT, 'tests/fixtures/exports/qualtrics.csv'), 'utf8');
  const headerRows = Papa.parse<string[]>(fixture, { skipEmptyLines: true }).data.slice(0, 3);
  const when = (days: number) => new Date(now - days * 86_400_000).toISOString().slice(0, 19).replace('T', ' ');
  const rows = [9, 10, 7, 3, 10, 9, 2].map((score, i) => [
    when(i + 2), when(i + 2), '0', '203.0.113.7', '100', '95', '1', when(i + 2), `R_demo${i}`, 'Respondent', `R${i}`,
    i === 6 ? 'someone@gmail.com' : `r${i}@${domain}`, '', '', '', 'email', 'EN', String(score), score >= 9 ? '3' : score >= 7 ? '2' : '1',
    i === 3 ? 'Billing was wrong twice, and nobody called back.' : '',
  ]);
  return Papa.unparse([...headerRows, ...rows]);
}

async function main() {
  if (!process.argv.includes('--no-build')) {
    log('building the extension…');
    execSync('npx wxt build', { cwd: ROOT, stdio: 'inherit' });
  }

  const now = Date.now();
  const seed = 20261123;
  const sample = generateSample({ seed, accounts: 300, now });
  log(`generated ${sample.accounts.length} accounts`);

  const [acme, globex] = DEMO_ACCOUNTS;
  if (!acme || !globex) throw new Error('The sample has no demo accounts');
  const crmData: CrmFixtureData = {
    salesforceAccounts: sample.accounts
      .filter((a) => a.salesforceIds.length > 0)
      .map((a) => ({ id: a.salesforceIds[0]!, name: a.name, domain: a.domains[0] })),
    zendeskTickets: {
      '48213': {
        organizationId: globex.zendeskOrganizationIds[0]!,
        organizationName: globex.name,
        requesterEmail: `morgan.lee@${globex.domains[0]}`,
        requesterName: 'Morgan Lee',
      },
    },
  };

  const { context, extensionId } = await launchWithExtension({ headless, viewport: { width: 1440, height: 900 } });
  await serveCrmFixtures(context, crmData);
  const page = context.pages()[0] ?? (await context.newPage());

  mkdirSync(OUT, { recursive: true });
  const written: string[] = [];
  let source: SourceHarness | undefined;
  if (fromCsv) {
    await importFile(page, extensionId, 'sample-responses.csv', sample.responsesCsv);
    await importFile(page, extensionId, 'sample-actions.csv', sample.actionsCsv);
    await importFile(page, extensionId, 'sample-sends.csv', sample.sendsCsv);
  } else {
    // The same sample, served by the reference source on this computer only.
    source = await startSourceHarness({ seed, accounts: 300, now });
    const counts = source.server.counts();
    log(`reference source at ${source.url} (${counts.accounts} accounts, ${counts.responses} responses, ${counts.actions} actions, ${counts.sends} sends)`);
    // What the browser's prompt does when the user allows the source's origin.
    await grantOrigin(context, extensionId, 'http://127.0.0.1/*');
    await configureSourceInOptions(page, extensionId, { url: source.url, token: SOURCE_TOKEN, name: 'Demo NPS source' });
    const status = page.getByTestId('source-sync-status');
    await status.and(page.locator('[data-state="idle"]')).waitFor({ timeout: 120_000 });
    log(`synced ${await status.getAttribute('data-rows')} rows in ${await status.getAttribute('data-pages')} pages into IndexedDB`);
    const optionsFile = path.join(OUT, 'options-source.png');
    await page.getByTestId('source-section').screenshot({ path: optionsFile });
    written.push(optionsFile);
  }

  // The comments are read in the background once stored (an offscreen page holds the analysers).
  await page.goto(`chrome-extension://${extensionId}/options.html#themes`);
  const reading = page.getByTestId('analysis-status');
  await reading.and(page.locator('[data-state="idle"]')).waitFor({ timeout: 180_000 }).catch(async () => {
    log(`reading comments: ${(await reading.getAttribute('data-state').catch(() => 'unknown')) ?? 'unknown'}`);
  });
  log(`comments read: ${((await reading.textContent().catch(() => '')) ?? '').trim()}`);

  const shots: Array<{ name: string; url: string }> = [
    { name: 'salesforce-account', url: `https://demo.lightning.force.com/lightning/r/Account/${acme.salesforceIds[0]}/view` },
    { name: 'zendesk-ticket', url: 'https://demo.zendesk.com/agent/tickets/48213' },
  ];
  for (const shot of shots) {
    await page.goto(shot.url);
    const panel = page.frameLocator('[data-testid="nps-panel-frame"]').getByTestId('nps-panel');
    await panel.and(page.frameLocator('[data-testid="nps-panel-frame"]').locator('[data-state="ready"]')).waitFor({ timeout: 15_000 }).catch(async () => {
      log(`${shot.name}: the panel is ${(await panel.getAttribute('data-state').catch(() => 'missing')) ?? 'missing'}`);
    });
    const file = path.join(OUT, `${shot.name}.png`);
    await page.screenshot({ path: file });
    written.push(file);
    // Closing the loop: who waits for a follow-up, and on a ticket the requester's own answers.
    const frame = page.frameLocator('[data-testid="nps-panel-frame"]');
    for (const [hook, label] of [['person-answers', 'person'], ['person-none', 'person'], ['followup-waiting', 'waiting']] as const) {
      const part = frame.getByTestId(hook);
      if (!(await part.count())) continue;
      const partFile = path.join(OUT, `${shot.name}-${label}.png`);
      await part.screenshot({ path: partFile });
      written.push(partFile);
      if (hook === 'followup-waiting') log(`${shot.name}: ${await part.getAttribute('data-count')} responses waiting for a follow-up`);
    }
    const insights = frame.getByTestId('insights');
    if (await insights.count()) {
      const insightsFile = path.join(OUT, `${shot.name}-what-they-say.png`);
      await insights.screenshot({ path: insightsFile });
      written.push(insightsFile);
    }
  }

  await page.goto(`chrome-extension://${extensionId}/portfolio.html`);
  await page.getByTestId('portfolio').waitFor({ timeout: 60_000 }).catch(() => log('the portfolio page did not load'));
  const portfolioFile = path.join(OUT, 'portfolio.png');
  await page.screenshot({ path: portfolioFile, fullPage: true });
  written.push(portfolioFile);

  // A survey tool's own export, dropped as it comes: Qualtrics' three header rows, no account column.
  const qualtricsFile = path.join(OUT, 'import-qualtrics-export.png');
  await importFile(page, extensionId, 'qualtrics-export.csv', qualtricsExport(acme.domains[0]!, now));
  await page.getByTestId('import-summary').screenshot({ path: qualtricsFile });
  written.push(qualtricsFile);
  log(`qualtrics export: ${(await page.getByTestId('import-detected').textContent()) ?? ''} ${(await page.getByTestId('import-header-rows').textContent()) ?? ''}`);

  // A survey tool connected directly (a loopback server answering as Typeform's API does).
  const vendors = new MockVendors();
  const vendorUrl = await vendors.start();
  vendors.answers = [10, 9, 6, 10, 8].map((score, i) => ({
    id: `demo-${i}`, score, at: new Date(now - (i + 1) * 86_400_000).toISOString(), email: `user${i}@${globex.domains[0]}`, company: globex.name,
    ...(i === 2 ? { comment: 'The new export screen is slow with our data volume.' } : {}),
  }));
  await page.goto(`chrome-extension://${extensionId}/options.html#connectors`);
  const connectors = page.getByTestId('connectors');
  await connectors.getByTestId('connector-vendor').selectOption('typeform');
  await connectors.getByTestId('connector-base-url').fill(vendorUrl);
  await connectors.getByTestId('connector-token').fill(vendors.faults.token);
  await connectors.getByTestId('connector-connect').click();
  await connectors.getByTestId('connector-survey').selectOption('tfAbc');
  await connectors.getByTestId('connector-preview-button').click();
  await connectors.getByTestId('connector-preview').waitFor();
  const connectorFile = path.join(OUT, 'options-connector-preview.png');
  await connectors.screenshot({ path: connectorFile });
  written.push(connectorFile);
  await connectors.getByTestId('connector-save').click();
  await connectors.locator('[data-testid="connector-status"][data-id="typeform"][data-last-imported="5"]').waitFor({ timeout: 30_000 }).catch(() => log('the Typeform sync did not finish'));
  log(`typeform connector: ${((await connectors.getByTestId('connector-message').textContent().catch(() => '')) ?? '').trim()}`);
  await vendors.stop();

  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await page.setViewportSize({ width: 400, height: 420 });
  // With nothing typed: what needs attention across accounts (kept by the background).
  await page.getByTestId('attention-item').first().waitFor({ timeout: 30_000 }).catch(() => log('nothing needs attention'));
  const attentionFile = path.join(OUT, 'popup-needs-attention.png');
  await page.screenshot({ path: attentionFile });
  written.push(attentionFile);
  log(`needs attention: ${await page.getByTestId('attention-item').count()} accounts listed`);
  await page.getByTestId('popup-search').fill('glob');
  await page.getByTestId('popup-result').first().waitFor();
  const popupFile = path.join(OUT, 'popup-search.png');
  await page.screenshot({ path: popupFile });
  written.push(popupFile);
  await page.setViewportSize({ width: 1440, height: 900 });

  // The panel and the popup in each language asked for, chosen on the options page.
  for (const locale of locales) {
    await page.goto(`chrome-extension://${extensionId}/options.html#display`);
    await page.getByTestId('display-language').selectOption(locale);
    await page.getByTestId('display-message').filter({ hasText: LOCALE_NAMES[locale] }).waitFor({ timeout: 10_000 });
    for (const shot of shots) {
      await page.goto(shot.url);
      const frame = page.frameLocator('[data-testid="nps-panel-frame"]');
      await frame.locator(`html[lang="${locale}"] [data-testid="nps-panel"][data-state="ready"]`).waitFor({ timeout: 15_000 }).catch(() => log(`${shot.name} (${locale}): the panel is not ready`));
      const file = path.join(OUT, `locale-${locale}-${shot.name}.png`);
      await page.screenshot({ path: file });
      written.push(file);
    }
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    await page.setViewportSize({ width: 400, height: 420 });
    await page.getByTestId('attention-item').first().waitFor({ timeout: 30_000 }).catch(() => log(`popup (${locale}): nothing needs attention`));
    const popupLocaleFile = path.join(OUT, `locale-${locale}-popup.png`);
    await page.screenshot({ path: popupLocaleFile });
    written.push(popupLocaleFile);
    await page.setViewportSize({ width: 1440, height: 900 });
    // What customers say across accounts, and an import's rejected rows, in the language too.
    await page.goto(`chrome-extension://${extensionId}/portfolio.html`);
    await page.locator(`html[lang="${locale}"] [data-testid="portfolio"]`).waitFor({ timeout: 30_000 }).catch(() => log(`portfolio (${locale}): not ready`));
    const portfolioLocaleFile = path.join(OUT, `locale-${locale}-portfolio.png`);
    await page.screenshot({ path: portfolioLocaleFile });
    written.push(portfolioLocaleFile);
    await page.goto(`chrome-extension://${extensionId}/options.html#import`);
    await page.getByTestId('import-file').setInputFiles({ name: 'rejected-rows.csv', mimeType: 'text/csv', buffer: Buffer.from(REJECTED_ROWS) });
    await page.getByTestId('import-error').first().waitFor({ timeout: 15_000 }).catch(() => log(`import (${locale}): no rejected rows shown`));
    await page.getByTestId('import-error').first().scrollIntoViewIfNeeded().catch(() => undefined);
    const importLocaleFile = path.join(OUT, `locale-${locale}-import-errors.png`);
    await page.screenshot({ path: importLocaleFile });
    written.push(importLocaleFile);
    log(`${locale}: the panel, the popup, what customers say and an import's rejected rows in ${locale}`);
  }

  if (headless) {
    log('screenshots:');
    for (const file of written) console.log(`  ${path.relative(process.cwd(), file)}`);
    await context.close();
    await source?.close();
    return;
  }
  await page.goto(shots[0]!.url);
  log('the browser is open on the demo pages; close it to end the demo.');
  await new Promise<void>((resolve) => context.on('close', () => resolve()));
  await source?.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
