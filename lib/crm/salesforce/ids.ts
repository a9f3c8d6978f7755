/**
 * Salesforce record ids. A 15-character id is case-sensitive; the 18-character form appends a
 * 3-character checksum of which letters are upper case. We compare ids in the 18-character form.
 */
import type { RecordKind } from '../types';

const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_SHAPE = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** Whether `id` has the shape of a Salesforce id: 15 or 18 letters and digits (the checksum is not checked). */
export function isSalesforceId(id: string): boolean {
  return ID_SHAPE.test(id);
}

/**
 * The 18-character form of a 15- or 18-character id: in each 5-character chunk, an upper-case letter
 * at position i sets bit i; the chunk's value indexes `A…Z0…5`. The suffix of an 18-character id is
 * recomputed from its first 15 characters. Throws a RangeError on anything else.
 */
export function to18(id: string): string {
  if (!isSalesforceId(id)) throw new RangeError(`not a Salesforce id: ${JSON.stringify(id)}`);
  let suffix = '';
  for (let chunk = 0; chunk < 15; chunk += 5) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const char = id.charAt(chunk + i);
      if (char >= 'A' && char <= 'Z') bits |= 1 << i;
    }
    suffix += CHECKSUM_ALPHABET.charAt(bits);
  }
  return id.slice(0, 15) + suffix;
}

/**
 * The 18-character form of an id as Salesforce's own pages write it (in a URL or a link), or null when it
 * is not an id. Pages never lose an id's letter case, so the checksum is recomputed from the first 15
 * characters; ids from files and other tools go through `normaliseSalesforceId`, which also restores a
 * lost case. The content script uses this one: it is all it needs, and it is smaller.
 */
export function pageSalesforceId(raw: string | undefined): string | null {
  return raw && isSalesforceId(raw) ? to18(raw.slice(0, 15)) : null;
}

/**
 * A 15- or 18-character id (surrounding whitespace ignored) in its 18-character form, or null when it
 * is not an id. An 18-character id whose letters are all one case had its case lost (a tool upper- or
 * lower-cased it): the checksum gives the case back. Otherwise the first 15 characters are taken as
 * they are and a wrong checksum is replaced by the one they imply.
 */
export function normaliseSalesforceId(raw: string | null | undefined): string | null {
  const id = (raw ?? '').trim();
  if (!isSalesforceId(id)) return null;
  if (id.length === 18) {
    const head = id.slice(0, 15);
    const caseLost = head === head.toLowerCase() || head === head.toUpperCase();
    const restored = caseLost ? restoreCase(head, id.slice(15).toUpperCase()) : null;
    if (restored) return restored;
  }
  return to18(id);
}

/** The id with the letter case its checksum records, or null when the checksum cannot be this id's. */
function restoreCase(head: string, suffix: string): string | null {
  let restored = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    const bits = CHECKSUM_ALPHABET.indexOf(suffix.charAt(chunk));
    if (bits < 0) return null;
    for (let i = 0; i < 5; i++) {
      const char = head.charAt(chunk * 5 + i);
      const upper = (bits & (1 << i)) !== 0;
      if (upper && !/[a-zA-Z]/.test(char)) return null;
      restored += upper ? char.toUpperCase() : char.toLowerCase();
    }
  }
  return restored + suffix;
}

/** Record kinds of the standard objects' key prefixes (an id's first three characters). */
const KIND_BY_PREFIX: Readonly<Record<string, RecordKind>> = {
  '001': 'account',
  '003': 'contact',
  '006': 'opportunity',
  '500': 'case',
  '00Q': 'lead',
  '005': 'user',
};

/** Record kinds of the standard objects' API names, as record URLs spell them. */
const KIND_BY_OBJECT: Readonly<Record<string, RecordKind>> = {
  Account: 'account',
  Contact: 'contact',
  Opportunity: 'opportunity',
  Case: 'case',
  Lead: 'lead',
  User: 'user',
};

/** The kind of a record from its object's API name when known, else from its id's key prefix. */
export function salesforceKind(id: string, objectName?: string): RecordKind {
  if (objectName) return KIND_BY_OBJECT[objectName] ?? 'record';
  return KIND_BY_PREFIX[id.slice(0, 3)] ?? 'record';
}
