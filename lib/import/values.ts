/**
 * Cell parsers. Each returns the value, or an `Invalid` carrying the reason, written to follow the
 * quoted cell in a message: `Row 7: score — "11" is not an integer from 0 to 10`.
 */
import { ActionNoteSchema, type ActionNote, type ActionStatus, type Channel } from '../model';
import { normaliseSalesforceId } from '../crm/salesforce/ids';
import { englishReason, rowProblem, type RowProblem } from './row-problem';

/** A cell that is not a value of its field, and why (a code each language words; `reason` in English). */
export class Invalid {
  constructor(readonly problem: RowProblem) {}
  get reason(): string {
    return englishReason(this.problem);
  }
}
export function isInvalid(value: unknown): value is Invalid {
  return value instanceof Invalid;
}

// ---- score -------------------------------------------------------------------------------------

const SCORE = /^(\d{1,2})(?:[.,]0+)?(?:\s*[-–:(]\s*[^\d\s].*)?$/;
/**
 * An integer 0–10; integral decimals ("9.0", "9,0") are accepted since spreadsheets write them, and so
 * is a choice label after the number, as survey tools export them ("10 - Extremely likely").
 */
export function parseScore(raw: string): number | Invalid {
  const match = SCORE.exec(raw.trim());
  const score = match ? Number(match[1]) : NaN;
  return score >= 0 && score <= 10 ? score : new Invalid(rowProblem('score_range'));
}

// ---- small vocabularies ------------------------------------------------------------------------

function vocabularyKey(raw: string): string {
  return raw.trim().toLowerCase().replace(/[^a-z0-9]+/g, '');
}

const TRUE = new Set(['true', '1', 'yes', 'y', 'x', 't']);
const FALSE = new Set(['false', '0', 'no', 'n', '', 'f']);
/** `excluded`: true/1/yes/y/x → true; false/0/no/empty → false. */
export function parseBoolean(raw: string): boolean | Invalid {
  const key = vocabularyKey(raw);
  if (TRUE.has(key)) return true;
  if (FALSE.has(key)) return false;
  return new Invalid(rowProblem('boolean'));
}

const CHANNEL_SYNONYMS: Record<string, Channel> = {};
function synonyms<T extends string>(target: Record<string, T>, value: T, words: string[]): void {
  for (const word of words) target[vocabularyKey(word)] = value;
}
synonyms(CHANNEL_SYNONYMS, 'email', ['email', 'e-mail', 'mail', 'email survey']);
synonyms(CHANNEL_SYNONYMS, 'in_app', ['in_app', 'in-app', 'inapp', 'in app', 'in product', 'in-product', 'app', 'mobile app', 'mobile', 'sdk']);
synonyms(CHANNEL_SYNONYMS, 'web', ['web', 'link', 'web link', 'weblink', 'website', 'survey link', 'anonymous link', 'kiosk', 'qr', 'qr code']);
synonyms(CHANNEL_SYNONYMS, 'phone', ['phone', 'call', 'voice', 'telephone', 'ivr']);
synonyms(CHANNEL_SYNONYMS, 'sms', ['sms', 'text', 'text message', 'whatsapp']);
synonyms(CHANNEL_SYNONYMS, 'third_party', ['third_party', 'third party', '3rd party', 'thirdparty', 'g2', 'g2 crowd', 'capterra', 'trustpilot', 'gartner peer insights', 'trustradius', 'review site']);

/** A delivery channel from its name or a common synonym. */
export function parseChannel(raw: string): Channel | Invalid {
  return CHANNEL_SYNONYMS[vocabularyKey(raw)] ?? new Invalid(rowProblem('channel'));
}

const STATUS_SYNONYMS: Record<string, ActionStatus> = {};
synonyms(STATUS_SYNONYMS, 'open', ['open', 'new', 'todo', 'to do', 'not started', 'pending', 'planned', 'backlog', 'reopened']);
synonyms(STATUS_SYNONYMS, 'in_progress', ['in progress', 'in_progress', 'in-progress', 'started', 'doing', 'ongoing', 'wip', 'working', 'active']);
synonyms(STATUS_SYNONYMS, 'done', ['done', 'closed', 'completed', 'complete', 'resolved', 'finished', 'fixed']);

/** An action's status: open, in_progress or done, or a common synonym. */
export function parseActionStatus(raw: string): ActionStatus | Invalid {
  return STATUS_SYNONYMS[vocabularyKey(raw)] ?? new Invalid(rowProblem('status'));
}

/**
 * An action's notes as the export writes them: a JSON array of `{ "id", "at", "text", "by"? }`, `at` an
 * instant in ms or an ISO date-time. Empty is no notes.
 */
export function parseNotes(raw: string): ActionNote[] | Invalid {
  const text = raw.trim();
  if (text === '') return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return new Invalid(rowProblem('notes_json'));
  }
  if (!Array.isArray(value)) return new Invalid(rowProblem('notes_array'));
  const notes: ActionNote[] = [];
  for (const [i, item] of value.entries()) {
    const at = typeof item?.at === 'string' ? Date.parse(item.at) : item?.at;
    const parsed = ActionNoteSchema.safeParse({ ...item, at });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return new Invalid(rowProblem('note_invalid', { n: i + 1, path: issue?.path.join('.') || 'note', detail: issue?.message ?? 'is not valid' }));
    }
    notes.push(parsed.data);
  }
  return notes;
}

// ---- lists and identifiers ---------------------------------------------------------------------

/** `a; b;; a` → `['a', 'b']` (trimmed, empties and repeats dropped). */
export function parseList(raw: string): string[] {
  if (raw.indexOf(';') < 0) {
    const single = raw.trim();
    return single === '' ? [] : [single];
  }
  const items: string[] = [];
  for (const part of raw.split(';')) {
    const item = part.trim();
    if (item !== '' && !items.includes(item)) items.push(item);
  }
  return items;
}

const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** `https://www.Acme.com/about` → `acme.com`. */
export function parseDomain(raw: string): string | Invalid {
  let host = raw.trim().toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  host = host.split(/[/?#]/, 1)[0] ?? '';
  host = host.replace(/:\d+$/, '').replace(/\.$/, '').replace(/^www\d*\./, '');
  if (/[^ -~]/.test(host)) {
    try {
      host = new URL(`http://${host}`).hostname;
    } catch {
      return new Invalid(rowProblem('domain'));
    }
  }
  return HOSTNAME.test(host) ? host : new Invalid(rowProblem('domain'));
}

/** A 15- or 18-character Salesforce Account id, as 18 characters. */
export function parseSalesforceAccountId(raw: string): string | Invalid {
  const id = normaliseSalesforceId(raw);
  if (id === null) return new Invalid(rowProblem('salesforce_id'));
  if (!id.startsWith('001')) return new Invalid(rowProblem('salesforce_account_id'));
  return id;
}

const INTEGER_ID = /^(\d{1,20})(?:\.0+)?$/;
/** A numeric id (Zendesk organization, HubSpot company) as a string of digits. */
export function parseIntegerId(raw: string): string | Invalid {
  const match = INTEGER_ID.exec(raw.trim());
  if (match?.[1]) return match[1].replace(/^0+(?=\d)/, '');
  if (/^\d(\.\d+)?e\+\d+$/i.test(raw.trim())) return new Invalid(rowProblem('scientific_notation'));
  return new Invalid(rowProblem('whole_number'));
}

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]+$/;
/** Lower-cased; `Ann <ann@acme.com>` and `mailto:` forms are unwrapped. */
export function parseEmail(raw: string): string | Invalid {
  let email = raw.trim();
  const angle = /<([^>]+)>\s*$/.exec(email);
  if (angle?.[1]) email = angle[1].trim();
  email = email.replace(/^mailto:/i, '').toLowerCase();
  return EMAIL.test(email) ? email : new Invalid(rowProblem('email'));
}
