/** The URL matrix: every URL is owned and read by its own adapter only; the negatives detect nothing. */
import { CRM_URL_MATRIX, NEGATIVE_URLS } from '../../tests/fixtures/crm/urls';
import { CRM_ADAPTERS } from '.';

const rows = Object.entries(CRM_URL_MATRIX).flatMap(([crm, list]) => list.map((row) => ({ crm, row })));

it('detects every URL of the matrix with its own adapter only, and nothing in the negative pool', () => {
  const failures: string[] = [];
  for (const { crm, row: [href, kind, recordId] } of rows) {
    const url = new URL(href);
    for (const adapter of CRM_ADAPTERS) {
      const owns = adapter.matches(url);
      if (owns !== (adapter.id === crm)) failures.push(`${href}: ${adapter.id}.matches = ${owns}`);
      const record = adapter.pageKind(url);
      const expected = adapter.id === crm ? { kind, recordId } : null;
      if (JSON.stringify(record) !== JSON.stringify(expected)) failures.push(`${href}: ${adapter.id}.pageKind = ${JSON.stringify(record)}`);
    }
  }
  for (const href of NEGATIVE_URLS) {
    for (const adapter of CRM_ADAPTERS) {
      const record = adapter.pageKind(new URL(href));
      if (adapter.matches(new URL(href)) && record) failures.push(`${href}: ${adapter.id} detects ${JSON.stringify(record)}`);
    }
  }
  expect(failures).toEqual([]);
});

it('covers every adapter in the registry and has no duplicate URLs', () => {
  for (const adapter of CRM_ADAPTERS) expect(CRM_URL_MATRIX[adapter.id].length).toBeGreaterThanOrEqual(4);
  const all = [...rows.map(({ row }) => row[0]), ...NEGATIVE_URLS];
  expect(new Set(all).size).toBe(all.length);
});
