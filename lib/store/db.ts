/**
 * The IndexedDB schema and its migrations. The background service worker is the only code that opens
 * the database (architecture.md): one writer, one schema, migrations in one place.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Account, AccountFacts, Action, SurveyResponse, SurveySend } from '../model';

export const DB_NAME = 'nps-context';
export const DB_VERSION = 1;

/** A stored account carries its normalised name so it can be found by name through an index. */
export interface StoredAccount extends Account {
  nameKey: string;
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
      bySalesforceId: string;
      byZendeskOrganizationId: string;
      byHubspotCompanyId: string;
      byDomain: string;
    };
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
export const MIGRATIONS: Array<(db: IDBPDatabase<NpsDB>, tx: UpgradeTx) => void> = [
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
];

export function openNpsDatabase(name = DB_NAME, version = DB_VERSION): Promise<NpsDatabase> {
  return openDB<NpsDB>(name, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) {
        const migrate = MIGRATIONS[v];
        if (!migrate) throw new Error(`No migration from database version ${v}`);
        migrate(db, tx);
      }
    },
    blocking() {
      // A newer version of the extension wants to upgrade: let it.
    },
  });
}
