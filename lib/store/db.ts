/**
 * The IndexedDB schema and its migrations. The background service worker is the only code that opens
 * the database (architecture.md): one writer, one schema, migrations in one place.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Account, AccountFacts, Action, SurveyResponse, SurveySend } from '../model';
import { workEmailDomain } from '../model/mail';

export const DB_NAME = 'nps-context';
export const DB_VERSION = 2;

/**
 * A stored account carries what makes it findable: its normalised name, the other keys it was imported
 * under (merged into it by CRM id or domain), and the work email domains of its respondents.
 */
export interface StoredAccount extends Account {
  nameKey: string;
  aliases: string[];
  emailDomains: string[];
}

/** A person who answered for an account, as last seen in the responses. */
export interface Respondent {
  accountId: string;
  /** Lower-case email, else `name:<lower-case name>`. */
  key: string;
  email?: string;
  name?: string;
  role?: string;
  title?: string;
  lastRespondedAt: number;
}

/** One batch of parsed rows waiting in staging until its import is committed. */
export interface StagedBatch {
  importId: string;
  seq: number;
  accounts: AccountFacts[];
  responses: SurveyResponse[];
  actions: Action[];
  sends: SurveySend[];
}

export type ImportState = 'staging' | 'committing' | 'committed' | 'cancelled' | 'failed';

/** An import's own record: its progress survives the service worker being stopped. */
export interface ImportRecord {
  id: string;
  fileName: string;
  kind: 'responses' | 'actions' | 'sends';
  state: ImportState;
  startedAt: number;
  /** Last time a batch arrived: a staging import left untouched for long was abandoned. */
  touchedAt: number;
  finishedAt?: number;
  batches: number;
  /** Batches already applied to the live stores (commit resumes from here). */
  committedBatches: number;
  imported: number;
  rejected: number;
  error?: string;
}

/** A link made by hand between a CRM record and an account; it wins over automatic matching. */
export interface ManualLink {
  recordKey: string;
  accountId: string;
  createdAt: number;
}

export interface NpsDB extends DBSchema {
  accounts: {
    key: string;
    value: StoredAccount;
    indexes: {
      byNameKey: string;
      byAlias: string;
      byEmailDomain: string;
      bySalesforceId: string;
      byZendeskOrganizationId: string;
      byHubspotCompanyId: string;
      byDomain: string;
    };
  };
  respondents: {
    key: [string, string];
    value: Respondent;
    indexes: { byEmail: string };
  };
  responses: {
    key: string;
    value: SurveyResponse;
    indexes: { byAccount: [string, number]; byRespondedAt: number };
  };
  actions: {
    key: string;
    value: Action;
    indexes: { byAccount: string };
  };
  sends: {
    key: string;
    value: SurveySend;
    indexes: { byAccount: [string, number] };
  };
  staging: {
    key: [string, number];
    value: StagedBatch;
    indexes: { byImport: string };
  };
  imports: {
    key: string;
    value: ImportRecord;
  };
  links: {
    key: string;
    value: ManualLink;
  };
}

export type NpsDatabase = IDBPDatabase<NpsDB>;
type UpgradeTx = IDBPTransaction<NpsDB, ArrayLike<StoreNames<NpsDB>>, 'versionchange'>;

/**
 * Each migration takes the database from version i to i + 1. Append; never edit one that shipped.
 */
export const MIGRATIONS: Array<(db: IDBPDatabase<NpsDB>, tx: UpgradeTx) => Promise<void> | void> = [
  // 0 → 1: the initial schema.
  (db) => {
    const accounts = db.createObjectStore('accounts', { keyPath: 'id' });
    accounts.createIndex('byNameKey', 'nameKey');
    accounts.createIndex('bySalesforceId', 'salesforceIds', { multiEntry: true });
    accounts.createIndex('byZendeskOrganizationId', 'zendeskOrganizationIds', { multiEntry: true });
    accounts.createIndex('byHubspotCompanyId', 'hubspotCompanyIds', { multiEntry: true });
    accounts.createIndex('byDomain', 'domains', { multiEntry: true });

    const responses = db.createObjectStore('responses', { keyPath: 'id' });
    responses.createIndex('byAccount', ['accountId', 'respondedAt']);
    responses.createIndex('byRespondedAt', 'respondedAt');

    const actions = db.createObjectStore('actions', { keyPath: 'id' });
    actions.createIndex('byAccount', 'accountId');

    const sends = db.createObjectStore('sends', { keyPath: 'id' });
    sends.createIndex('byAccount', ['accountId', 'sentAt']);

    const staging = db.createObjectStore('staging', { keyPath: ['importId', 'seq'] });
    staging.createIndex('byImport', 'importId');

    db.createObjectStore('imports', { keyPath: 'id' });
    db.createObjectStore('links', { keyPath: 'recordKey' });
  },
  // 1 → 2: accounts remember the keys merged into them and their respondents' email domains; a
  // respondents store. Both are filled from the responses already stored.
  async (db, tx) => {
    const accounts = tx.objectStore('accounts');
    accounts.createIndex('byAlias', 'aliases', { multiEntry: true });
    accounts.createIndex('byEmailDomain', 'emailDomains', { multiEntry: true });
    const respondents = db.createObjectStore('respondents', { keyPath: ['accountId', 'key'] });
    respondents.createIndex('byEmail', 'email');

    const learned = new Map<string, Set<string>>();
    const people = new Map<string, Respondent>();
    for (let cursor = await tx.objectStore('responses').openCursor(); cursor; cursor = await cursor.continue()) {
      const person = respondentOf(cursor.value);
      if (!person) continue;
      const id = `${person.accountId}\u0000${person.key}`;
      const known = people.get(id);
      if (!known || known.lastRespondedAt < person.lastRespondedAt) people.set(id, person);
      const domain = person.email ? workEmailDomain(person.email) : null;
      if (domain) learned.set(person.accountId, (learned.get(person.accountId) ?? new Set()).add(domain));
    }
    for (const person of people.values()) await respondents.put(person);
    for (let cursor = await accounts.openCursor(); cursor; cursor = await cursor.continue()) {
      const account = cursor.value as Partial<StoredAccount> & Account;
      await cursor.update({ ...account, nameKey: account.nameKey ?? '', aliases: [], emailDomains: [...(learned.get(account.id) ?? [])] });
    }
  },
];

/** The respondent a response was given by; null for anonymous responses. */
export function respondentOf(response: SurveyResponse): Respondent | null {
  const email = response.respondentEmail?.trim().toLowerCase() || undefined;
  const name = response.respondentName?.trim() || undefined;
  const key = email ?? (name ? `name:${name.toLowerCase()}` : null);
  if (!key) return null;
  return {
    accountId: response.accountId,
    key,
    email,
    name,
    role: response.respondentRole,
    title: response.respondentTitle,
    lastRespondedAt: response.respondedAt,
  };
}

export function openNpsDatabase(name = DB_NAME, version = DB_VERSION): Promise<NpsDatabase> {
  return openDB<NpsDB>(name, version, {
    async upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) {
        const migrate = MIGRATIONS[v];
        if (!migrate) throw new Error(`No migration from database version ${v}`);
        await migrate(db, tx);
      }
    },
    blocking() {
      // A newer version of the extension wants to upgrade: let it.
    },
  });
}
