import { parseReportId, reportCovers, reportIdFromSearch } from './report-id';

test('a report id names a copy of the script and a count; anything else is not one', () => {
  expect(parseReportId('k3j9x0aa.12')).toEqual({ copy: 'k3j9x0aa', count: 12 });
  for (const bad of ['', 'k3j9x0aa', 'K3J.1', 'a.b', 'a.1.2', 'a.-1', '<img>.1', `${'a'.repeat(17)}.1`]) {
    expect(parseReportId(bad)).toBeNull();
  }
});

test('the awaited report is covered by itself and by later reports of the same copy only', () => {
  const awaited = { copy: 'abc', count: 3 };
  expect(reportCovers({ copy: 'abc', count: 3 }, awaited)).toBe(true);
  expect(reportCovers({ copy: 'abc', count: 4 }, awaited)).toBe(true);
  expect(reportCovers({ copy: 'abc', count: 2 }, awaited)).toBe(false);
  expect(reportCovers({ copy: 'xyz', count: 9 }, awaited)).toBe(false);
  expect(reportCovers(undefined, awaited)).toBe(false);
});

test("the panel frame's query names its report; a malformed one is ignored", () => {
  expect(reportIdFromSearch('?report=abc.1')).toBe('abc.1');
  expect(reportIdFromSearch('?x=1&report=abc.1')).toBe('abc.1');
  expect(reportIdFromSearch('')).toBeUndefined();
  expect(reportIdFromSearch('?report=abc')).toBeUndefined();
  expect(reportIdFromSearch('?report=abc.1%3Cb%3E')).toBeUndefined();
});
