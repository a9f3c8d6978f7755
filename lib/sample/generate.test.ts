import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { importCsv, type ImportBatch } from '../import/stream';
import { normaliseAccountName } from '../model/names';
import { normaliseSalesforceId } from '../crm/salesforce/ids';
import { ActionSchema, ResponseSchema, SurveySendSchema } from '../model';
import { DEMO_ACCOUNTS, generateSample } from './generate';
import { responsesCsvChunks } from './bulk-csv';
import { createRandom } from './prng';

const NOW = Date.UTC(2026, 3, 1);
const sample = generateSample({ seed: 42, now: NOW });

async function importAll(csv: string) {
  const batches: ImportBatch[] = [];
  const summary = await importCsv(new Blob([csv]), { now: NOW, onBatch: (batch) => void batches.push(batch) });
  return { summary, batches };
}

function rowsOf(csv: string): Array<Record<string, string>> {
  return Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
}

describe('createRandom', () => {
  it('is deterministic and uniform enough', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const values = Array.from({ length: 10000 }, () => a.next());
    expect(values.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b.next()));
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
  });
});

describe('generateSample', () => {
  it('gives the same output for the same seed and a different one for another seed', () => {
    const again = generateSample({ seed: 42, now: NOW });
    expect(again).toEqual(sample);
    expect(generateSample({ seed: 43, now: NOW }).responsesCsv).not.toBe(sample.responsesCsv);
  });

  it('imports all three files with no rejected row', async () => {
    const responses = await importAll(sample.responsesCsv);
    const actions = await importAll(sample.actionsCsv);
    const sends = await importAll(sample.sendsCsv);
    for (const { summary } of [responses, actions, sends]) {
      expect(summary.errors).toEqual([]);
      expect(summary.rejected).toBe(0);
      expect(summary.unknownHeaders).toEqual([]);
    }
    expect(responses.summary.kind).toBe('responses');
    expect(actions.summary.kind).toBe('actions');
    expect(sends.summary.kind).toBe('sends');
    expect(responses.summary.imported).toBeGreaterThan(5000);
    expect(actions.summary.imported).toBeGreaterThan(100);

    const rate = responses.summary.imported / sends.summary.imported;
    expect(rate).toBeGreaterThan(0.15);
    expect(rate).toBeLessThan(0.6);

    // every derived or given response id is unique, and actions point at real responses
    const records = responses.batches.flatMap((b) => b.responses);
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    const ids = new Set(records.map((r) => r.id));
    const actionRecords = actions.batches.flatMap((b) => b.actions);
    expect(actionRecords.every((a) => a.responseId !== undefined && ids.has(a.responseId))).toBe(true);
    expect(new Set(actionRecords.map((a) => a.status))).toEqual(new Set(['open', 'in_progress', 'done']));
    expect(actionRecords.some((a) => a.status !== 'done' && a.dueDate !== undefined && a.dueDate < '2026-04-01')).toBe(true);

    // the facts the importer gathers are the generated accounts'
    const facts = new Map(responses.batches.flatMap((b) => b.accounts).map((f) => [f.id, f]));
    for (const account of sample.accounts.slice(0, 10)) {
      const seen = facts.get(account.id);
      expect(seen?.salesforceIds).toEqual(account.salesforceIds);
      expect(seen?.zendeskOrganizationIds).toEqual(account.zendeskOrganizationIds);
    }
    for (const record of records.slice(0, 100)) expect(ResponseSchema.safeParse(record).success).toBe(true);
    for (const record of actionRecords.slice(0, 100)) expect(ActionSchema.safeParse(record).success).toBe(true);
    for (const record of sends.batches.flatMap((b) => b.sends).slice(0, 100)) expect(SurveySendSchema.safeParse(record).success).toBe(true);
  });

  it('writes valid ids, in both Salesforce forms, and unique account names', () => {
    expect(sample.accounts).toHaveLength(300);
    for (const account of sample.accounts) {
      for (const id of account.salesforceIds) {
        expect(id).toMatch(/^001[a-zA-Z0-9]{15}$/);
        expect(normaliseSalesforceId(id.slice(0, 15))).toBe(id);
      }
      for (const id of [...account.zendeskOrganizationIds, ...account.hubspotCompanyIds]) expect(id).toMatch(/^\d+$/);
    }
    const names = sample.accounts.map((a) => normaliseAccountName(a.name));
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(sample.accounts.map((a) => a.id)).size).toBe(300);
    const lengths = new Set(rowsOf(sample.responsesCsv).map((row) => row.salesforce_account_id?.length));
    expect(lengths).toEqual(new Set([0, 15, 18]));
  });

  it('includes the demo accounts and the Globex near-duplicate', () => {
    expect(sample.accounts.slice(0, 3).map((a) => a.id)).toEqual(DEMO_ACCOUNTS.map((a) => a.id));
    expect(DEMO_ACCOUNTS[0]).toMatchObject({ name: 'Acme Corporation', domains: ['acme.com'], zendeskOrganizationIds: ['360001'] });
    expect(DEMO_ACCOUNTS[0]?.salesforceIds[0]).toBe(normaliseSalesforceId('001Dn00000AcmeC'));
    const names = sample.accounts.map((a) => a.name);
    expect(names).toContain('Globex Corporation');
    expect(names).toContain('Globex Logistics');
    const rows = rowsOf(sample.responsesCsv);
    for (const demo of DEMO_ACCOUNTS) {
      const theirs = rows.filter((row) => row.account_id === demo.id && (row.responded_at ?? '') >= '2025');
      expect(theirs.length).toBeGreaterThanOrEqual(5);
    }
  });

  it('mixes roles, titles and neither, and carries hostile and multi-line comments', () => {
    const rows = rowsOf(sample.responsesCsv);
    const roleOnly = rows.filter((r) => r.respondent_role && !r.respondent_title).length;
    const titleOnly = rows.filter((r) => !r.respondent_role && r.respondent_title).length;
    const neither = rows.filter((r) => !r.respondent_role && !r.respondent_title).length;
    for (const count of [roleOnly, titleOnly, neither]) expect(count / rows.length).toBeGreaterThan(0.05);
    const roles = new Set(rows.map((r) => r.respondent_role));
    for (const synonym of ['Exec', 'Economic buyer', 'Champion', 'User']) expect(roles).toContain(synonym);
    const titles = new Set(rows.map((r) => r.respondent_title));
    for (const title of ['VP Engineering', 'Head of Procurement', 'Support Manager', 'Data Analyst']) expect(titles).toContain(title);
    expect(rows.some((r) => r.comment?.includes('<img src=x onerror=alert(1)>') || r.comment?.includes('<script>'))).toBe(true);
    expect(rows.some((r) => r.comment?.startsWith('='))).toBe(true);
    expect(rows.some((r) => r.comment?.includes('\n'))).toBe(true);
  });

  it('gives accounts their tendencies', async () => {
    const { batches } = await importAll(sample.responsesCsv);
    const records = batches.flatMap((b) => b.responses);
    const nps = (list: typeof records) => (100 * (list.filter((r) => r.score >= 9).length - list.filter((r) => r.score <= 6).length)) / list.length;
    const byTendency = (tendency: string) => {
      const ids = new Set(sample.accounts.filter((a) => a.tendency === tendency).map((a) => a.id));
      return records.filter((r) => ids.has(r.accountId));
    };
    expect(nps(byTendency('promoters'))).toBeGreaterThan(40);
    expect(nps(byTendency('struggling'))).toBeLessThan(-40);
    const split = byTendency('split');
    const execs = split.filter((r) => ['Exec', 'Executive', 'C-level'].includes(r.respondentRole ?? ''));
    const users = split.filter((r) => ['User', 'End user'].includes(r.respondentRole ?? ''));
    expect(nps(execs)).toBeLessThan(nps(users) - 50);
  });
});

describe('responsesCsvChunks', () => {
  it('yields exactly the rows asked for, deterministically, and they import cleanly', async () => {
    const options = { seed: 5, rows: 12_345, accounts: 50, now: NOW, rowsPerChunk: 1000 };
    const chunks = [...responsesCsvChunks(options)];
    expect(chunks.join('')).toBe([...responsesCsvChunks(options)].join(''));
    expect(chunks).toHaveLength(1 + 13);
    const { summary } = await importAll(chunks.join(''));
    expect(summary).toMatchObject({ rowsRead: 12_345, imported: 12_345, rejected: 0 });
  });

  it('gives the focus account exactly the rows asked for, and the others the rest', async () => {
    const chunks = [...responsesCsvChunks({ seed: 3, rows: 5000, accounts: 40, now: NOW, rowsPerChunk: 700, focusRows: 1234 })];
    const { summary, batches } = await importAll(chunks.join(''));
    const responses = batches.flatMap((b) => b.responses);
    expect(summary).toMatchObject({ imported: 5000, rejected: 0 });
    const perAccount = new Map<string, number>();
    for (const r of responses) perAccount.set(r.accountId, (perAccount.get(r.accountId) ?? 0) + 1);
    expect(perAccount.get(DEMO_ACCOUNTS[0]!.id)).toBe(1234);
    expect(Math.max(...[...perAccount].filter(([id]) => id !== DEMO_ACCOUNTS[0]!.id).map(([, n]) => n))).toBeLessThan(300);
  });
});
