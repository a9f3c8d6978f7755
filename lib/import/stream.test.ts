import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { importCsv, ImportSetupError, previewCsv, type ImportBatch, type ImportOptions, type ImportSummary } from './stream';
import { formatRowError } from './rows';

const NOW = Date.UTC(2026, 3, 1);

async function run(source: Blob | string, options: Partial<ImportOptions> = {}) {
  const batches: ImportBatch[] = [];
  const summary = await importCsv(source, { now: NOW, ...options, onBatch: (batch) => void batches.push(batch) });
  const responses = batches.flatMap((b) => b.responses);
  return { summary, batches, responses };
}

const HEADER = 'response_id,account_name,respondent_email,score,comment,responded_at';
const ROWS = [
  'r1,Acme Corporation,ann@acme.com,9,"Great, really great",2026-03-01',
  'r2,Acme Corporation,bob@acme.com,3,"Line one\nline two, with a comma\nline ""three""",2026-03-02T10:00:00Z',
  'r3,Globex Logistics,cy@globex.com,7,,1772400000',
];
const CSV = [HEADER, ...ROWS].join('\n') + '\n';

function utf16(text: string, endian: 'le' | 'be'): Blob {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const [a, b] = endian === 'le' ? [code & 0xff, code >> 8] : [code >> 8, code & 0xff];
    bytes[2 + i * 2] = a;
    bytes[3 + i * 2] = b;
  }
  return new Blob([bytes]);
}

function expectTheThreeRows(summary: ImportSummary, responses: ImportBatch['responses']) {
  expect(summary.errors.map(formatRowError)).toEqual([]);
  expect(summary).toMatchObject({ kind: 'responses', rowsRead: 3, imported: 3, rejected: 0 });
  expect(responses.map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
  expect(responses[1]?.comment).toBe('Line one\nline two, with a comma\nline "three"');
  expect(responses[0]?.comment).toBe('Great, really great');
  expect(responses[2]?.respondedAt).toBe(1772400000 * 1000);
  expect(responses[0]?.accountId).toBe('name:acme');
}

describe('importCsv', () => {
  it('imports a string', async () => {
    const { summary, responses } = await run(CSV);
    expectTheThreeRows(summary, responses);
    expect(summary.delimiter).toBe(',');
  });

  it('imports UTF-8 with a BOM and CRLF line ends', async () => {
    const { summary, responses } = await run(new Blob(['\uFEFF' + CSV.replace(/\n(?=r\d|$)/g, '\r\n')]));
    expectTheThreeRows(summary, responses);
    expect(summary.mapping.response_id).toBe('response_id');
  });

  it.each(['le', 'be'] as const)('imports UTF-16 %s with a BOM', async (endian) => {
    const text = CSV.replace('Acme Corporation,ann', 'Société Générale,ann');
    const { summary, responses } = await run(utf16(text, endian), { chunkSize: 7 });
    expect(summary.encoding).toBe(`utf-16${endian}`);
    expect(summary.imported).toBe(3);
    expect(responses[0]?.accountId).toBe('name:societe generale');
  });

  it.each([
    [';', 'semicolon'],
    ['\t', 'tab'],
  ])('detects a %s (%s) delimiter', async (delimiter) => {
    const records = Papa.parse<string[]>(CSV.trim()).data;
    const text = Papa.unparse(records, { delimiter });
    const { summary, responses } = await run(new Blob([text]));
    expect(summary.delimiter).toBe(delimiter);
    expectTheThreeRows(summary, responses);
  });

  it('joins records split across chunks, even inside quotes and multi-byte characters', async () => {
    const many = [HEADER, ...Array.from({ length: 40 }, (_, i) => `x${i},Zoë Café Ltd,z${i}@cafe.fr,${i % 11},"multi\nline ${i}, ""quoted"" é",2026-01-${String((i % 28) + 1).padStart(2, '0')}`)].join('\r\n');
    for (const chunkSize of [1, 3, 7, 64]) {
      const { summary, responses } = await run(new Blob([many]), { chunkSize });
      expect(summary.errors).toEqual([]);
      expect(responses).toHaveLength(40);
      expect(responses[39]).toMatchObject({ id: 'x39', accountId: 'name:zoe cafe', comment: 'multi\nline 39, "quoted" é', score: 39 % 11 });
    }
  });

  it('numbers rows as a spreadsheet does: one row per record, multi-line fields included', async () => {
    const text = [HEADER, ROWS[1], 'r9,Acme,,11,"a\nb\nc",2026-03-01', 'r10,Acme,,ten,,2026-03-01'].join('\n');
    const { summary } = await run(text);
    expect(summary.errors.map(formatRowError)).toEqual([
      'Row 3: score — "11" is not an integer from 0 to 10',
      'Row 4: score — "ten" is not an integer from 0 to 10',
    ]);
    expect(summary).toMatchObject({ imported: 1, rejected: 2, errorCount: 2 });
  });

  it('skips blank lines but keeps counting them as rows', async () => {
    const text = [HEADER, ROWS[0], '', ',,,,,', 'r4,Acme,,99,,2026-03-01'].join('\n');
    const { summary } = await run(text);
    expect(summary.rowsRead).toBe(2);
    expect(summary.errors[0]?.row).toBe(5);
  });

  it('hands batches of at most batchSize records and awaits each', async () => {
    const rows = Array.from({ length: 1050 }, (_, i) => `id${i},Acme,,${i % 11},,2026-03-01`);
    let inFlight = 0;
    const sizes: number[] = [];
    const summary = await importCsv([HEADER, ...rows].join('\n'), {
      batchSize: 100,
      chunkSize: 4096,
      onBatch: async (batch) => {
        expect(inFlight).toBe(0);
        inFlight++;
        sizes.push(batch.responses.length);
        await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight--;
      },
    });
    expect(summary.imported).toBe(1050);
    expect(sizes.every((size) => size <= 100)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(1050);
  });

  it('stops on abort, rejects with AbortError and never calls onBatch again', async () => {
    const rows = Array.from({ length: 20000 }, (_, i) => `id${i},Acme,,${i % 11},,2026-03-01`);
    const controller = new AbortController();
    let calls = 0;
    let callsAtAbort = -1;
    const promise = importCsv(new Blob([[HEADER, ...rows].join('\n')]), {
      batchSize: 500,
      chunkSize: 8192,
      signal: controller.signal,
      onBatch: async () => {
        calls++;
        if (calls === 3) {
          controller.abort();
          callsAtAbort = calls;
        }
        await Promise.resolve();
      },
    });
    await expect(promise).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toBe(callsAtAbort);
  });

  it('rejects at once when already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(importCsv(CSV, { signal: controller.signal, onBatch: () => {} })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('asks for a mapping when required columns are missing, and takes one', async () => {
    const text = 'Customer,Points,When\nAcme,9,2026-03-01\n';
    await expect(run(text, { kind: 'responses' })).rejects.toBeInstanceOf(ImportSetupError);
    const { summary } = await run(text, { kind: 'responses', mapping: { score: 'Points', responded_at: 'When' } });
    expect(summary).toMatchObject({ imported: 1, mapping: { account_name: 'Customer', score: 'Points', responded_at: 'When' } });
  });

  it('refuses a file whose kind the headers do not tell', async () => {
    await expect(run('a,b\n1,2\n')).rejects.toMatchObject({ problem: { code: 'unknown_kind' } });
    await expect(run('')).rejects.toMatchObject({ problem: { code: 'empty_file' } });
  });

  it('resolves slash dates from the whole file, and asks when every date reads both ways', async () => {
    const early = Array.from({ length: 30 }, (_, i) => `a${i},Acme,,9,,03/04/2026`);
    const { summary, responses } = await run([HEADER, ...early, 'late,Acme,,9,,25/04/2026'].join('\n'), { chunkSize: 256 });
    expect(summary.dateOrder).toBe('dmy');
    expect(responses[0]?.respondedAt).toBe(Date.UTC(2026, 3, 3));
    await expect(run([HEADER, ...early].join('\n'))).rejects.toMatchObject({ problem: { code: 'date_order_ambiguous' } });
    const chosen = await run([HEADER, ...early].join('\n'), { dateOrder: 'mdy' });
    expect(chosen.responses[0]?.respondedAt).toBe(Date.UTC(2026, 2, 4));
    await expect(run([HEADER, 'a,Acme,,9,,25/04/2026', 'b,Acme,,9,,04/25/2026'].join('\n'))).rejects.toMatchObject({
      problem: { code: 'date_order_conflict' },
    });
  });

  it('reports malformed quoting on its row', async () => {
    const { summary } = await run([HEADER, 'r1,Acme,,9,"bad "quote" here",2026-03-01', ROWS[0]].join('\n'));
    expect(summary.errors[0]?.row).toBe(2);
    expect(summary.imported).toBe(1);
  });

  it('reads BOM-less UTF-16 and Windows-1252 files', async () => {
    const text = CSV.replace('Acme Corporation,ann', 'Société Générale,ann');
    const le = await utf16(text, 'le').arrayBuffer();
    const { summary, responses } = await run(new Blob([new Uint8Array(le).subarray(2)]));
    expect(summary.encoding).toBe('utf-16le');
    expect(responses[0]?.accountId).toBe('name:societe generale');
    const latin1 = Uint8Array.from([...text].map((char) => char.charCodeAt(0)));
    const ansi = await run(new Blob([latin1]));
    expect(ansi.summary.encoding).toBe('windows-1252');
    expect(ansi.responses[0]?.accountId).toBe('name:societe generale');
  });

  it('reports an unterminated quote on the row where it starts, and the row it swallowed', async () => {
    // The quote never closes, so row 4 was read into row 3's cell: the file is refused, naming both.
    const error = await run([HEADER, ROWS[0], 'r2,Acme,,9,"never closed,2026-03-01', 'r3,Acme,,9,,2026-03-01'].join('\n')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportSetupError);
    expect((error as ImportSetupError).problem).toEqual({ code: 'unclosed_quote', row: 3, lines: 1 });
  });

  it('merges what a batch says about each account', async () => {
    const text = ['account_id,account_name,account_domain,salesforce_account_id,score,responded_at',
      'acc-1,Acme,acme.com,001M000000qfPyS,9,2026-03-01', 'acc-1,Acme,acme.io,001M000000qfPySIAU,8,2026-03-02',
      'acc-1,Acme,acme.com,001M000000qfPyS,7,2026-03-03', 'acc-2,Initech,,,6,2026-03-03'].join('\n');
    const { batches } = await run(text);
    expect(batches).toHaveLength(1);
    expect(batches[0]?.accounts).toEqual([
      { id: 'acc-1', name: 'Acme', domains: ['acme.com', 'acme.io'], salesforceIds: ['001M000000qfPySIAU'], zendeskOrganizationIds: [], hubspotCompanyIds: [] },
      { id: 'acc-2', name: 'Initech', domains: [], salesforceIds: [], zendeskOrganizationIds: [], hubspotCompanyIds: [] },
    ]);
  });

  it('imports 200,000 rows in batches within seconds', async () => {
    const lines = [HEADER];
    for (let i = 0; i < 200_000; i++) {
      lines.push(`id${i},Account ${i % 500},p${i % 40}@a${i % 500}.com,${i % 11},${i % 7 === 0 ? '"Nice, thanks"' : ''},2026-0${(i % 9) + 1}-1${i % 10}T12:00:00Z`);
    }
    const blob = new Blob([lines.join('\n')]);
    let largest = 0;
    let total = 0;
    const progress: number[] = [];
    const started = performance.now();
    const summary = await importCsv(blob, {
      onBatch: (batch) => {
        largest = Math.max(largest, batch.responses.length + batch.errors.length);
        total += batch.responses.length;
      },
      onProgress: (p) => progress.push(p.bytes),
    });
    const seconds = (performance.now() - started) / 1000;
    expect(summary).toMatchObject({ rowsRead: 200_000, imported: 200_000, rejected: 0 });
    expect(total).toBe(200_000);
    expect(largest).toBeLessThanOrEqual(2000);
    expect(progress.at(-1)).toBe(blob.size);
    expect(seconds).toBeLessThan(10);
  }, 30_000);
});

describe('previewCsv', () => {
  it('reads the headers and the first rows only', async () => {
    const preview = await previewCsv(new Blob([CSV]), { rows: 2 });
    expect(preview.kind).toBe('responses');
    expect(preview.sample).toHaveLength(2);
    expect(preview.analysis?.missing).toEqual([]);
  });
});
