import Papa from 'papaparse';
import { safeCell, toSafeCsv } from './csv';

test('cells that a spreadsheet would evaluate are made inert', () => {
  expect(safeCell('=HYPERLINK("http://evil","click")')).toBe(`'=HYPERLINK("http://evil","click")`);
  expect(safeCell('+1 555 0100')).toBe(`'+1 555 0100`);
  expect(safeCell('-2')).toBe(`'-2`);
  expect(safeCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
  expect(safeCell('Great product')).toBe('Great product');
  expect(safeCell(7)).toBe('7');
  expect(safeCell(undefined)).toBe('');
  expect(safeCell(['a', 'b'])).toBe('a;b');
});

test('the CSV round-trips through a parser, commas, quotes and newlines included', () => {
  const rows = [{ row: 7, reason: 'says "hi", then\nleaves', value: '=1+1' }];
  const csv = toSafeCsv(rows, ['row', 'reason', 'value']);
  const parsed = Papa.parse<string[]>(csv.trim()).data;
  expect(parsed).toEqual([
    ['row', 'reason', 'value'],
    ['7', 'says "hi", then\nleaves', "'=1+1"],
  ]);
});
