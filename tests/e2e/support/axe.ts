/**
 * Accessibility checks with axe-core, in the light and the dark theme: the page is switched with
 * `emulateMedia`, which drives the `prefers-color-scheme` rules of theme.css.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export const COLOR_SCHEMES = ['light', 'dark'] as const;

/** Fails with each violation's rule and the elements it found, in both themes; `exclude`: a part checked elsewhere. */
export async function expectAccessible(page: Page, what: string, exclude?: string): Promise<void> {
  for (const colorScheme of COLOR_SCHEMES) {
    await page.emulateMedia({ colorScheme });
    const builder = new AxeBuilder({ page });
    if (exclude) builder.exclude(exclude);
    const results = await builder.analyze();
    const violations = results.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join(' | ')}`,
    );
    expect(violations, `${what}, ${colorScheme} theme`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: null });
}

/**
 * Serious and critical axe findings inside the panel's frame (out of process: axe reaches it through
 * Playwright). Checks that the frame's content was analysed, not only the iframe element (a frame still
 * attaching can be skipped: tried again).
 */
export async function panelViolations(page: Page): Promise<string[]> {
  let results = await new AxeBuilder({ page }).include('[data-testid="nps-panel-frame"]').analyze();
  const analysedInside = () => results.passes.some((p) => p.nodes.some((n) => n.target.length > 1));
  for (let attempt = 0; attempt < 3 && !analysedInside(); attempt++) {
    await page.waitForTimeout(250);
    results = await new AxeBuilder({ page }).include('[data-testid="nps-panel-frame"]').analyze();
  }
  expect(analysedInside()).toBe(true);
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
