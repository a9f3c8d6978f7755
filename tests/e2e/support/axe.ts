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
