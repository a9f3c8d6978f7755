/**
 * Respondents on Postgres: who answered for an account, merged by the SQLite upsert's rule row by row
 * (the newer answer's non-empty fields win), in the order the answers come. A batch writes its own; a
 * file's load merges every respondent of the file in memory and writes each once at its end (the same
 * answers in the same order, so the same result), in slices of set-wise statements.
 */
import type { SurveyResponse } from '../lib/model';
import type { Queryable } from './pg-change-log';
import { copyRows, copyText } from './pg-copy-stream';
import { workDomainOf } from './values';

interface Respondent {
  account_id: string;
  email: string;
  email_domain: string | null;
  name: string | null;
  role: string | null;
  title: string | null;
  last_responded_at: number;
}

/** Rows per statement when a load's respondents are written. */
const SLICE = 20_000;

function mergeRespondent(stored: Respondent | undefined, incoming: Respondent): Respondent {
  if (!stored) return incoming;
  const newer = incoming.last_responded_at >= stored.last_responded_at;
  const pick = (field: 'name' | 'role' | 'title') => (newer ? (incoming[field] ?? stored[field]) : (stored[field] ?? incoming[field]));
  return {
    ...stored, name: pick('name'), role: pick('role'), title: pick('title'),
    last_responded_at: Math.max(stored.last_responded_at, incoming.last_responded_at),
  };
}

const keyOf = (accountId: string, email: string) => `${accountId}\u0000${email}`;

/** A response's respondent, or none when it names no email (responses already carry their stored account). */
function respondentOf(r: SurveyResponse): Respondent | undefined {
  const email = r.respondentEmail?.trim().toLowerCase();
  if (!email) return undefined;
  return {
    account_id: r.accountId, email, email_domain: null, name: r.respondentName ?? null,
    role: r.respondentRole ?? null, title: r.respondentTitle ?? null, last_responded_at: r.respondedAt,
  };
}

/**
 * Respondents merged in memory, each read from the store the first time it is met, and written when
 * `flush` is called. A load keeps one for the whole file (it holds the lock: nothing else writes
 * respondents meanwhile), so each respondent is read once and written once per file.
 */
export class RespondentBuffer {
  /** Every respondent met, as merged so far (what the store held, then each answer in order). */
  private readonly state = new Map<string, Respondent>();
  /** The keys the store already held (the rest are new: appended, not upserted). */
  private readonly stored = new Set<string>();

  async add(c: Queryable, responses: readonly SurveyResponse[]): Promise<void> {
    const incoming: Array<[string, Respondent]> = [];
    const unread = new Map<string, Respondent>();
    for (const response of responses) {
      const r = respondentOf(response);
      if (!r) continue;
      const key = keyOf(r.account_id, r.email);
      incoming.push([key, r]);
      if (!this.state.has(key)) unread.set(key, r);
    }
    const list = [...unread.values()];
    for (let i = 0; i < list.length; i += SLICE) {
      const slice = list.slice(i, i + SLICE);
      const { rows } = await c.query<Respondent>(
        `SELECT r.* FROM respondents r JOIN unnest($1::text[], $2::text[]) AS k(account_id, email) USING (account_id, email) FOR UPDATE OF r`,
        [slice.map((r) => r.account_id), slice.map((r) => r.email)],
      );
      for (const row of rows) {
        const key = keyOf(row.account_id, row.email);
        this.state.set(key, row);
        this.stored.add(key);
      }
    }
    for (const [key, r] of incoming) this.state.set(key, mergeRespondent(this.state.get(key), r));
  }

  /** Writes every respondent met: new ones appended with COPY, stored ones upserted set-wise. */
  async flush(c: Queryable): Promise<void> {
    const added: Respondent[] = [];
    const changed: Respondent[] = [];
    for (const [key, r] of this.state) (this.stored.has(key) ? changed : added).push(r);
    this.state.clear();
    this.stored.clear();
    for (let i = 0; i < changed.length; i += SLICE) {
      const slice = changed.slice(i, i + SLICE);
      const column = <K extends keyof Respondent>(key: K) => slice.map((r) => r[key]);
      await c.query(
        `INSERT INTO respondents (account_id, email, email_domain, name, role, title, last_responded_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[])
         ON CONFLICT (account_id, email) DO UPDATE SET name = excluded.name, role = excluded.role, title = excluded.title,
           last_responded_at = excluded.last_responded_at`,
        [column('account_id'), column('email'), column('email_domain'), column('name'), column('role'), column('title'), column('last_responded_at')],
      );
    }
    await copyRows(c, 'COPY respondents (account_id, email, email_domain, name, role, title, last_responded_at) FROM STDIN', added, (r) =>
      `${copyText(r.account_id)}\t${copyText(r.email)}\t${copyText(workDomainOf(r.email))}\t${copyText(r.name)}\t${copyText(r.role)}\t${copyText(r.title)}\t${r.last_responded_at}\n`);
  }
}

/** Merges a batch's respondents into the stored ones and writes those it touched. */
export async function putRespondents(c: Queryable, responses: readonly SurveyResponse[]): Promise<void> {
  const buffer = new RespondentBuffer();
  await buffer.add(c, responses);
  await buffer.flush(c);
}
