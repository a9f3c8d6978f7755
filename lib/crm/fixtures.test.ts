// @vitest-environment happy-dom
/** Every fixture page is detected as its manifest says, and nothing from a hidden tab leaks into the hints. */
import { CRM_FIXTURE_PAGES } from '../../tests/fixtures/crm/pages';
import { fixtureDocument } from '../../tests/fixtures/crm/load';
import { detectPage } from '.';

for (const { file, url, expected, hidden } of CRM_FIXTURE_PAGES) describe(file, () => {
  const doc = fixtureDocument(file);

  it('is a full document with a title', () => {
    expect(doc.title).not.toBe('');
    expect(doc.body.children.length).toBeGreaterThan(0);
  });

  it('is detected with the expected record and hints', () => {
    expect(detectPage(new URL(url), doc)).toEqual(expected);
  });

  if (hidden) it('takes nothing from hidden tabs or inactive panes', () => {
    const hints = JSON.stringify(detectPage(new URL(url), doc)?.hints);
    for (const value of hidden ?? []) expect(hints).not.toContain(value);
  });
});
