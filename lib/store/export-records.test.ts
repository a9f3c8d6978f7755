import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import Papa from 'papaparse';
import { importCsv } from '../import';
import type { Action, SurveyResponse } from '../model';
import { generateSample } from '../sample';
import { NpsStore } from './index';
import { exportHeader, exportLines, RESPONSE_EXPORT_COLUMNS, type ExportKind } from '../export/records';

const NOW = Date.UTC(2026, 3, 1);

/** Imports CSV text into the store as the options page does: batches staged, then one commit. */
async function importInto(store: NpsStore, csv: string, id: string) {
  let seq = 0;
  let kind: 'responses' | 'actions' | 'sends' = 'responses';
  await store.beginImport({ id, fileName: `${id}.csv`, kind, state: 'staging', startedAt: NOW, touchedAt: NOW, batches: 0, committedBatches: 0, imported: 0, rejected: 0 });
  const summary = await importCsv(csv, {
    now: NOW,
    batchSize: 97,
    onBatch: async (batch) => {
      await store.stageBatch({ importId: id, seq: seq++, accounts: batch.accounts, responses: batch.responses, actions: batch.actions, sends: batch.sends });
    },
  });
  kind = summary.kind;
  await store.commitImport(id, summary);
  return summary;
}

/** The whole store's records of one kind, exported page by page as the options page does. */
async function exportAll(store: NpsStore, kind: ExportKind, limit = 50): Promise<{ csv: string; pages: number }> {
  let csv = exportHeader(kind);
  let after: string | null = null;
  let pages = 0;
  do {
    const page = await store.exportPage(kind, after, limit);
    csv += exportLines(page, new Map(page.accounts.map((a) => [a.id, a])));
    after = page.next;
    pages++;
  } while (after !== null);
  return { csv, pages };
}

async function allRecords(store: NpsStore) {
  const responses: SurveyResponse[] = [];
  const actions: Action[] = [];
  for (const account of await store.allAccounts()) {
    const records = await store.getAccountRecords(account.id);
    responses.push(...(records?.responses ?? []));
    actions.push(...(records?.actions ?? []));
  }
  const withoutImportTime = <T extends { id: string; updatedAt: number }>(xs: T[]) =>
    [...xs].sort((a, b) => a.id.localeCompare(b.id)).map(({ updatedAt: _updatedAt, ...rest }) => rest);
  const accounts = (await store.allAccounts()).map(({ updatedAt: _u, ...a }) => a).sort((a, b) => a.id.localeCompare(b.id));
  return { responses: withoutImportTime(responses), actions: withoutImportTime(actions), accounts };
}

const HOSTILE_ROWS = [
  // Cells a spreadsheet would run: each must come back exactly as it was.
  `hostile-1,acc-x,"=HYPERLINK(""http://evil.example"",""click"")",x.example,,,,+bob@x.example,@Bob,-Exec,"=1+2",9,"=cmd|' /C calc'!A0",2026-03-01T10:00:00.123Z,email,"-Q1 survey","@tag; =other",false`,
  `hostile-2,acc-x,"=HYPERLINK(""http://evil.example"",""click"")",x.example,,,,,,"","",3,"'just a quote at the start",2026-03-02,web,,,true`,
];

let store: NpsStore;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  store = await NpsStore.open();
});
afterEach(() => store.close());

describe('export', () => {
  test('responses and actions export, page by page, and import again as the same records', async () => {
    const sample = generateSample({ seed: 9, accounts: 25, now: NOW });
    const responsesCsv = sample.responsesCsv + HOSTILE_ROWS.join('\r\n') + '\r\n';
    const first = await importInto(store, responsesCsv, 'r');
    expect(first.rejected).toBe(0);
    await importInto(store, sample.actionsCsv, 'a');
    const before = await allRecords(store);
    expect(before.responses.length).toBeGreaterThan(500);
    expect(before.actions.length).toBeGreaterThan(10);

    const responses = await exportAll(store, 'responses');
    const actions = await exportAll(store, 'actions');
    expect(responses.pages).toBeGreaterThan(10);

    // Formula-like cells are inert in the file.
    const rows = Papa.parse<string[]>(responses.csv.trim(), { newline: '\r\n' }).data;
    expect(rows[0]).toEqual([...RESPONSE_EXPORT_COLUMNS]);
    const hostile = rows.find((row) => row[0] === 'hostile-1')!;
    expect(hostile.filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);
    expect(hostile[2]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(hostile[12]).toBe(`'=cmd|' /C calc'!A0`);

    // Into an empty browser: the same records.
    globalThis.indexedDB = new IDBFactory();
    const fresh = await NpsStore.open();
    try {
      const again = await importInto(fresh, responses.csv, 'r2');
      expect(again).toMatchObject({ imported: before.responses.length, rejected: 0 });
      await importInto(fresh, actions.csv, 'a2');
      const after = await allRecords(fresh);
      expect(after.responses).toEqual(before.responses);
      expect(after.actions).toEqual(before.actions);
      expect(after.accounts).toEqual(before.accounts);
      const comment = after.responses.find((r) => r.id === 'hostile-1') as SurveyResponse | undefined;
      expect(comment).toMatchObject({ comment: `=cmd|' /C calc'!A0`, respondentName: '@Bob', respondentRole: '-Exec', survey: '-Q1 survey', tags: ['@tag', '=other'] });
      expect((after.responses.find((r) => r.id === 'hostile-2') as SurveyResponse | undefined)?.comment).toBe(`'just a quote at the start`);
      // And a second export of the re-imported data is the same file.
      expect((await exportAll(fresh, 'responses', 333)).csv).toBe(responses.csv);
    } finally {
      fresh.close();
    }
  });

  test('follow-ups export with their notes, when and by whom they were closed and changed, and import again as the same records', async () => {
    await importInto(store, 'response_id,account_id,account_name,score,responded_at\r\nr1,acc-x,X Corp,2,2026-03-01\r\n', 'r');
    const actions: Action[] = [
      {
        id: 'act-1', accountId: 'acc-x', title: 'Call "Dana", re: exports', status: 'done', owner: 'Alice', dueDate: '2026-03-10', responseId: 'r1',
        createdAt: Date.UTC(2026, 2, 2), updatedAt: Date.UTC(2026, 2, 9, 8, 30), closedAt: Date.UTC(2026, 2, 9, 8, 30), closedBy: 'alice@example.com',
        createdBy: 'bob@example.com', updatedBy: 'alice@example.com',
        notes: [
          { id: 'n1', at: Date.UTC(2026, 2, 3, 9), text: 'Left a voicemail, will try again; "soon"', by: 'bob@example.com' },
          { id: 'n2', at: Date.UTC(2026, 2, 9, 8, 29), text: '=SUM(1) and a line\nbreak 🎉' },
        ],
      },
      { id: 'act-2', accountId: 'acc-x', title: 'Plan the renewal', status: 'open', createdAt: Date.UTC(2026, 2, 4), updatedAt: Date.UTC(2026, 2, 5) },
    ];
    for (const action of actions) await store.putAction(action);
    const exported = await exportAll(store, 'actions');

    globalThis.indexedDB = new IDBFactory();
    const fresh = await NpsStore.open();
    try {
      await importInto(fresh, 'response_id,account_id,account_name,score,responded_at\r\nr1,acc-x,X Corp,2,2026-03-01\r\n', 'r2');
      expect(await importInto(fresh, exported.csv, 'a2')).toMatchObject({ imported: 2, rejected: 0 });
      for (const action of actions) expect(await fresh.getAction(action.id)).toEqual(action);
    } finally {
      fresh.close();
    }
  });

  test('notes that are not a list of notes are refused naming the row and column', async () => {
    const csv = 'action_id,account_id,account_name,title,status,notes\r\na1,acc-x,X,Call,open,"[{""id"":""n1"",""text"":""no time""}]"\r\na2,acc-x,X,Mail,open,not json\r\n';
    const summary = await importCsv(csv, { now: NOW, onBatch: () => undefined });
    expect(summary.rejected).toBe(2);
    expect(summary.errors.map((e) => [e.row, e.column, e.reason])).toEqual([
      [2, 'notes', expect.stringMatching(/note 1: at/)],
      [3, 'notes', expect.stringMatching(/is not a list of notes/)],
    ]);
  });

  test('an empty store exports the header only', async () => {
    expect(await exportAll(store, 'actions')).toEqual({ csv: exportHeader('actions'), pages: 1 });
  });
});
