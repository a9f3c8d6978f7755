/**
 * One import commit: applies staged batches to the live stores inside one transaction, merging accounts,
 * writing rows into blocks and people into respondent lists.
 */
import type { IDBPTransaction } from 'idb';
import type { AccountFacts, Action, SurveyResponse, SurveySend } from '../model';
import { forEachStoredId, requestResult } from './blocks';
import { BlockWriter, SMALL_BLOCK_ROWS } from './block-writer';
import { IdFilter } from './id-filter';
import { respondentOf, type NpsDB, type Respondent, type StagedBatch, type StoredAccount } from './db';
import { findStoredAccount, mergeAccount, sameAccount, sameFacts, type AccountsStore } from './account-merge';
import { workEmailDomain } from '../model/mail';
import { putPeople } from './people';
import { bulk, quietly } from './tx-helpers';
import { countRows } from './row-counts';

export type CommitTx = IDBPTransaction<NpsDB, Array<'staging' | 'accounts' | 'respondentLists' | 'responseBlocks' | 'actions' | 'sendBlocks' | 'imports'>, 'readwrite'>;

/**
 * When a commit writes every row it holds, part-filled blocks too (an account's rows are written as
 * soon as they fill a block): when it holds more than `COMMIT_HOLD_PER_ACCOUNT` rows per account
 * waiting, so that blocks written then are not small ones to be written again (blocks.ts), within
 * `COMMIT_HOLD_MIN`..`COMMIT_HOLD_MAX` rows (≈ 350 bytes each) to bound its memory.
 */
const COMMIT_HOLD_PER_ACCOUNT = SMALL_BLOCK_ROWS * 1.25;
const COMMIT_HOLD_MIN = 50_000;
const COMMIT_HOLD_MAX = 150_000;

/** Entries a commit remembers (per map) before it starts over from the store; bounds its memory. */
const COMMIT_CACHE_LIMIT = 200_000;

/**
 * One commit's work, batch by batch, inside its transaction. What it learns (which stored account an
 * imported key is, each account as last written, each respondent's newest answer) is remembered across
 * batches: the transaction sees its own writes, so the store would say the same, only slower. Lookups a
 * batch needs are asked for all at once, not one round trip after another.
 */
export class CommitRun {
  private readonly accountKey = new Map<string, string>();
  private readonly accounts = new Map<string, StoredAccount>();
  /** The facts last merged under each imported key, and the account they made (while it is current). */
  private readonly merged = new Map<string, { facts: AccountFacts; result: StoredAccount }>();
  /** Each respondent's newest answer in the batches so far, written once, when the commit ends. */
  private readonly people = new Map<string, Respondent>();
  readonly responses: BlockWriter<SurveyResponse>;
  readonly sends: BlockWriter<SurveySend>;
  /**
   * Imported account keys whose account is stored under another id (merged by CRM id, domain or name):
   * rows staged under the key move to that account when the commit ends.
   */
  readonly moved = new Map<string, string>();

  private constructor(
    private readonly tx: CommitTx,
    private readonly committedAt: number,
    filters: { responses: IdFilter; sends: IdFilter } | null,
    isLive: (block: { importId?: string }) => boolean,
    /** When given, told every account whose facts or actions the commit writes (an action's account before too). */
    private readonly changed?: Set<string>,
  ) {
    const writer = <T extends SurveyResponse | SurveySend>(store: IDBObjectStore, filter: IdFilter | undefined) =>
      new BlockWriter<T>(store, filter ? { mayBeStored: (id) => filter.mayHave(id), stored: (id) => filter.add(id), isLive } : { isLive });
    this.responses = writer(bulk(tx.objectStore('responseBlocks')), filters?.responses);
    this.sends = writer(bulk(tx.objectStore('sendBlocks')), filters?.sends);
  }

  /**
   * A commit of about `rows` rows from staged batches: first learns which ids are stored (into a filter
   * that rules out nearly every new id without a lookup), reading only the `byId` indexes' keys. An
   * import whose rows are in staged blocks writes few rows here (those of moved accounts), so it skips
   * the filter (`filter: false`) and looks each of them up.
   */
  static async start(
    tx: CommitTx,
    committedAt: number,
    rows: number,
    options: { filter: boolean; isLive: (block: { importId?: string }) => boolean; changed?: Set<string> },
  ): Promise<CommitRun> {
    if (!options.filter) return new CommitRun(tx, committedAt, null, options.isLive, options.changed);
    const filter = async (name: 'responseBlocks' | 'sendBlocks') => {
      const store = bulk(tx.objectStore(name));
      const stored = await countRows(store);
      const ids = new IdFilter(stored + rows);
      if (stored > 0) await forEachStoredId(store, (id) => ids.add(id));
      return ids;
    };
    const [responses, sends] = await Promise.all([filter('responseBlocks'), filter('sendBlocks')]);
    return new CommitRun(tx, committedAt, { responses, sends }, options.isLive, options.changed);
  }

  async apply(staged: StagedBatch): Promise<void> {
    const { committedAt } = this;
    // Forgotten together: a remembered key must always find its remembered account.
    if (this.accountKey.size > COMMIT_CACHE_LIMIT || this.accounts.size > COMMIT_CACHE_LIMIT) {
      this.accountKey.clear();
      this.accounts.clear();
      this.merged.clear();
    }
    const accounts = this.tx.objectStore('accounts');

    // Accounts: the stored account each imported key belongs to, then the batch's facts merged in.
    const unknown = staged.accounts.filter((facts) => !this.accountKey.has(facts.id));
    const found = await Promise.all(unknown.map((facts) => findStoredAccount(accounts as unknown as AccountsStore, facts)));
    const storedFor = new Map<string, StoredAccount | undefined>();
    unknown.forEach((facts, i) => storedFor.set(facts.id, found[i]));
    const touched = new Set<string>();
    for (const incoming of staged.accounts) {
      // Most batches repeat what the batches before said of an account: then there is nothing to do.
      const seen = this.merged.get(incoming.id);
      if (seen && sameFacts(seen.facts, incoming) && this.accounts.get(seen.result.id) === seen.result) continue;
      const knownKey = this.accountKey.get(incoming.id);
      const stored = knownKey !== undefined ? this.accounts.get(knownKey) : storedFor.get(incoming.id);
      const current = stored ? (this.accounts.get(stored.id) ?? stored) : undefined;
      const account = mergeAccount(current, incoming, committedAt);
      this.accountKey.set(incoming.id, account.id);
      if (account.id !== incoming.id) this.moved.set(incoming.id, account.id);
      // Most batches repeat what is known of an account: then there is nothing to write (or to index).
      if (current && sameAccount(current, account)) {
        this.accounts.set(current.id, current);
        this.merged.set(incoming.id, { facts: incoming, result: current });
        continue;
      }
      this.accounts.set(account.id, account);
      this.merged.set(incoming.id, { facts: incoming, result: account });
      touched.add(account.id);
    }
    // A key the batch names no facts for (its import staged them with an earlier batch) may have moved.
    const keyOf = (id: string) => this.accountKey.get(id) ?? this.moved.get(id) ?? id;

    // Responses, and what they say about their respondents and their accounts' email domains (the
    // batch's respondents themselves when its rows are in staged blocks).
    const responses: SurveyResponse[] = [];
    const people = new Map<string, Respondent>();
    const meet = (person: Respondent) => {
      const id = `${person.accountId}\u0000${person.key}`;
      const known = people.get(id);
      if (!known || known.lastRespondedAt < person.lastRespondedAt) people.set(id, person);
      const domain = person.email ? workEmailDomain(person.email) : null;
      const account = this.accounts.get(person.accountId);
      if (domain && account && !account.emailDomains.includes(domain)) {
        this.accounts.set(account.id, { ...account, emailDomains: [...account.emailDomains, domain] });
        touched.add(account.id);
      }
    };
    for (const staged_ of staged.responses) {
      const accountId = keyOf(staged_.accountId);
      const r = accountId === staged_.accountId ? staged_ : { ...staged_, accountId };
      responses.push(r);
      const person = respondentOf(r);
      if (person) meet(person);
    }
    for (const person of staged.people ?? []) {
      const accountId = keyOf(person.accountId);
      meet(accountId === person.accountId ? person : { ...person, accountId });
    }
    for (const id of touched) quietly(accounts.put(this.accounts.get(id)!));
    if (this.changed) for (const id of touched) this.changed.add(id);
    for (const response of responses) this.responses.add(response);

    for (const [id, person] of people) {
      const known = this.people.get(id);
      if (!known || known.lastRespondedAt < person.lastRespondedAt) this.people.set(id, person);
    }
    if (this.people.size > COMMIT_CACHE_LIMIT) await this.writeRespondents();

    const actions = bulk(this.tx.objectStore('actions'));
    if (this.changed && staged.actions.length > 0) {
      // An action given again under another account leaves the one it was under.
      const before = await Promise.all(staged.actions.map((a) => requestResult<Action | undefined>(actions.get(a.id))));
      for (const action of before) if (action) this.changed.add(action.accountId);
      for (const a of staged.actions) this.changed.add(keyOf(a.accountId));
    }
    for (const a of staged.actions) actions.put({ ...a, accountId: keyOf(a.accountId) });
    for (const send of staged.sends) this.sends.add({ ...send, accountId: keyOf(send.accountId) });
    // Each account's rows go as soon as they fill a block; all that wait, when they are too many.
    await this.responses.flushFull();
    await this.sends.flushFull();
    const held = this.responses.size + this.sends.size;
    const limit = Math.min(COMMIT_HOLD_MAX, Math.max(COMMIT_HOLD_MIN, (this.responses.accounts + this.sends.accounts) * COMMIT_HOLD_PER_ACCOUNT));
    if (held > limit) await this.flushRows();
  }

  /** Writes the rows collected so far as blocks. */
  async flushRows(): Promise<void> {
    await this.responses.flush();
    await this.sends.flush();
  }

  /** Writes the respondents met since the last call into their accounts' lists: one read and one write per account. */
  async writeRespondents(): Promise<void> {
    const people = [...this.people.values()];
    this.people.clear();
    await putPeople(this.tx.objectStore('respondentLists'), people);
  }
}
