/**
 * One CSV record → one model record plus the account facts it carries, or the reasons it was rejected.
 * Row numbers are spreadsheet row numbers: the header is row 1 and each CSV record is one row, so a
 * quoted comment spanning several lines is still one row (as a spreadsheet shows it).
 */
import {
  ActionSchema, ResponseSchema, SurveySendSchema,
  type AccountFacts, type Action, type Channel, type SurveyResponse, type SurveySend,
} from '../model';
import { restoreEscapedCell } from '../export/csv';
import { hash64 } from '../core/hash';
import type { FieldColumns, ImportField } from './headers';
import { accountKeyFromName } from '../model/names';
import {
  Invalid, parseActionStatus, parseBoolean, parseCalendarDate, parseChannel, parseDomain, parseEmail,
  parseInstant, parseIntegerId, parseList, parseSalesforceAccountId, parseScore,
  type DateOrder,
} from './values';

/**
 * What a row says about its account (`id` is `account_id`, or `name:<normalised name>` when the file
 * has no id). The facts a row function returns are shared by every row with the same account cells and
 * frozen; `importCsv` hands each batch its own copies.
 */
export type { AccountFacts } from '../model';

export interface ImportRowError {
  /** As a spreadsheet numbers it: the header is row 1. */
  row: number;
  /** The header as written in the file (or the field name when the file has no such column). */
  column: string;
  /** The cell as written (shortened), when the cell was not empty. */
  value?: string;
  reason: string;
}

/** `Row 7: score — "11" is not an integer from 0 to 10` */
export function formatRowError(error: ImportRowError): string {
  const what = error.value ? `"${error.value}" ${error.reason}` : error.reason;
  return error.column ? `Row ${error.row}: ${error.column} — ${what}` : `Row ${error.row}: ${what}`;
}

export interface RowContext {
  /** The spreadsheet row number of the record being converted; the caller sets it per row. */
  row: number;
  /** The file's headers as written, for error messages. */
  headers: readonly string[];
  /** Import time: `updatedAt` of the records, `createdAt` of actions without one. */
  now: number;
  dateOrder?: DateOrder;
  /**
   * Rows without anything identifying the respondent can legitimately repeat (two anonymous 9s on the
   * same day); counting repeats keeps their derived ids apart while staying the same on re-import.
   */
  repeats: Map<string, number>;
  /** Parsed account facts by the account's id or name cell, with the other cells they came from. */
  accounts: Map<string, CachedFacts[]>;
  compiled?: { from: FieldColumns; columns: Columns };
}

export function createRowContext(headers: readonly string[], now: number, dateOrder?: DateOrder): RowContext {
  return { row: 1, headers, now, dateOrder, repeats: new Map(), accounts: new Map() };
}

export type RowResult<T> =
  | { ok: true; record: T; account: AccountFacts }
  | { ok: false; errors: ImportRowError[] };

const MAX_VALUE_IN_MESSAGE = 80;
const MAX_CACHED_ACCOUNTS = 20_000;
/** Spellings of one account's cells remembered (a file may write a domain or an id in two forms). */
const MAX_VARIANTS = 8;

interface CachedFacts {
  name: string;
  domain: string;
  salesforce: string;
  zendesk: string;
  hubspot: string;
  facts: AccountFacts;
}

/** Every field's column (-1: none), in one fixed-shape object so the per-row reads stay fast. */
interface Columns {
  response_id: number; action_id: number; account_id: number; account_name: number; account_domain: number;
  salesforce_account_id: number; zendesk_organization_id: number; hubspot_company_id: number;
  respondent_email: number; respondent_name: number; respondent_first_name: number; respondent_last_name: number;
  respondent_role: number; respondent_title: number; score: number; comment: number; responded_at: number;
  channel: number; survey: number; tags: number; excluded: number; title: number; status: number; owner: number;
  due_date: number; created_at: number; sent_at: number;
}

function compile(mapping: FieldColumns): Columns {
  const at = (field: ImportField) => mapping[field] ?? -1;
  return {
    response_id: at('response_id'), action_id: at('action_id'), account_id: at('account_id'),
    account_name: at('account_name'), account_domain: at('account_domain'),
    salesforce_account_id: at('salesforce_account_id'), zendesk_organization_id: at('zendesk_organization_id'),
    hubspot_company_id: at('hubspot_company_id'), respondent_email: at('respondent_email'),
    respondent_name: at('respondent_name'), respondent_first_name: at('respondent_first_name'),
    respondent_last_name: at('respondent_last_name'), respondent_role: at('respondent_role'),
    respondent_title: at('respondent_title'), score: at('score'), comment: at('comment'),
    responded_at: at('responded_at'), channel: at('channel'), survey: at('survey'), tags: at('tags'),
    excluded: at('excluded'), title: at('title'), status: at('status'), owner: at('owner'), due_date: at('due_date'),
    created_at: at('created_at'), sent_at: at('sent_at'),
  };
}

function columnsOf(mapping: FieldColumns, ctx: RowContext): Columns {
  if (ctx.compiled?.from !== mapping) ctx.compiled = { from: mapping, columns: compile(mapping) };
  return ctx.compiled.columns;
}

/**
 * A copy that does not keep its source alive: cells are slices of a whole decoded chunk, and a cached
 * slice would hold on to that chunk for the rest of the import.
 */
function own(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

function ownFacts(facts: AccountFacts): AccountFacts {
  const copy: AccountFacts = {
    id: own(facts.id),
    domains: Object.freeze(facts.domains.map(own)) as string[],
    salesforceIds: Object.freeze(facts.salesforceIds.map(own)) as string[],
    zendeskOrganizationIds: Object.freeze(facts.zendeskOrganizationIds.map(own)) as string[],
    hubspotCompanyIds: Object.freeze(facts.hubspotCompanyIds.map(own)) as string[],
  };
  if (facts.name !== undefined) copy.name = own(facts.name);
  return Object.freeze(copy);
}

/** Reads one row's cells and collects its errors (allocated only when the row has one). */
class RowReader {
  errors: ImportRowError[] | null = null;
  constructor(
    readonly row: readonly string[],
    readonly columns: Columns,
    readonly ctx: RowContext,
  ) {}

  text(column: number): string {
    if (column < 0) return '';
    const value = this.row[column];
    if (value === undefined) return '';
    // Our own exports write formula-like cells as '=…: the quote is not part of the value.
    return value.charCodeAt(0) === 39 ? restoreEscapedCell(value).trim() : value.trim();
  }

  optional(column: number): string | undefined {
    const value = this.text(column);
    return value === '' ? undefined : value;
  }

  fail(column: number, field: ImportField, value: string, reason: string): void {
    const header = column < 0 ? field : (this.ctx.headers[column] ?? field);
    const shown = value.length > MAX_VALUE_IN_MESSAGE ? `${value.slice(0, MAX_VALUE_IN_MESSAGE)}…` : value;
    (this.errors ??= []).push({ row: this.ctx.row, column: header, ...(shown ? { value: shown } : {}), reason });
  }

  /** Parses an optional cell; undefined when empty or invalid (the error is recorded). */
  parse<T>(column: number, field: ImportField, parser: (raw: string) => T | Invalid): T | undefined {
    const raw = this.text(column);
    if (raw === '') return undefined;
    const value = parser(raw);
    if (value instanceof Invalid) {
      this.fail(column, field, raw, value.reason);
      return undefined;
    }
    return value;
  }

  instant(column: number, field: ImportField, what: string | null): number | undefined {
    const raw = this.text(column);
    if (raw === '') {
      if (what !== null) this.fail(column, field, '', `is empty; ${what} is required`);
      return undefined;
    }
    const value = parseInstant(raw, this.ctx);
    if (value instanceof Invalid) {
      this.fail(column, field, raw, value.reason);
      return undefined;
    }
    return value;
  }

  list<T extends string>(column: number, field: ImportField, parser: (raw: string) => T | Invalid): T[] {
    const raw = this.text(column);
    if (raw === '') return [];
    const values: T[] = [];
    for (const item of parseList(raw)) {
      const value = parser(item);
      if (value instanceof Invalid) this.fail(column, field, item, value.reason);
      else if (!values.includes(value)) values.push(value);
    }
    return values;
  }

  /** The row's account facts; the same cells give the same shared, frozen object. */
  account(): AccountFacts | undefined {
    const c = this.columns;
    const id = this.text(c.account_id);
    const name = this.text(c.account_name);
    const domain = this.text(c.account_domain);
    const salesforce = this.text(c.salesforce_account_id);
    const zendesk = this.text(c.zendesk_organization_id);
    const hubspot = this.text(c.hubspot_company_id);
    const key = id === '' ? `\u0001${name}` : id;
    const variants = this.ctx.accounts.get(key);
    if (variants) {
      for (const v of variants) {
        if (v.name === name && v.domain === domain && v.salesforce === salesforce && v.zendesk === zendesk && v.hubspot === hubspot) return v.facts;
      }
    }
    const errorsBefore = this.errors?.length ?? 0;
    const parsed = this.parseAccount();
    if (!parsed || (this.errors?.length ?? 0) !== errorsBefore) return parsed;
    const facts = ownFacts(parsed);
    const entry = { name: own(name), domain: own(domain), salesforce: own(salesforce), zendesk: own(zendesk), hubspot: own(hubspot), facts };
    if (!variants) {
      if (this.ctx.accounts.size >= MAX_CACHED_ACCOUNTS) this.ctx.accounts.clear();
      this.ctx.accounts.set(own(key), [entry]);
    } else {
      if (variants.length >= MAX_VARIANTS) variants.shift();
      variants.push(entry);
    }
    return facts;
  }

  private parseAccount(): AccountFacts | undefined {
    const c = this.columns;
    const name = this.optional(c.account_name);
    let id: string | undefined = this.text(c.account_id);
    if (id === '') {
      id = undefined;
      if (name === undefined) {
        const column = c.account_name >= 0 ? c.account_name : c.account_id;
        this.fail(column, c.account_name >= 0 ? 'account_name' : 'account_id', '', 'is empty; a row needs account_id or account_name');
      } else {
        const key = accountKeyFromName(name);
        if (key === null) this.fail(c.account_name, 'account_name', name, 'has no letters or digits to identify an account');
        else id = key;
      }
    }
    const facts: AccountFacts = {
      id: id ?? '',
      domains: this.list(c.account_domain, 'account_domain', parseDomain),
      salesforceIds: this.list(c.salesforce_account_id, 'salesforce_account_id', parseSalesforceAccountId),
      zendeskOrganizationIds: this.list(c.zendesk_organization_id, 'zendesk_organization_id', parseIntegerId),
      hubspotCompanyIds: this.list(c.hubspot_company_id, 'hubspot_company_id', parseIntegerId),
    };
    if (name !== undefined) facts.name = name;
    return id === undefined ? undefined : facts;
  }

  /** Records the zod issues of a record that passed the cell parsers but not its schema. */
  schemaIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>, fieldOf: Record<string, ImportField>): void {
    for (const issue of issues) {
      const key = String(issue.path[0] ?? '');
      const field = fieldOf[key] ?? (key as ImportField);
      this.fail(this.columns[field as keyof Columns] ?? -1, field, '', issue.message);
    }
  }

  /** A derived id, stable across re-imports of the same file. */
  derivedId(prefix: string, parts: Array<string | number | undefined>, anonymous: boolean): string {
    let key = parts.join('\u0000');
    if (anonymous) {
      const base = hash64(key);
      const seen = this.ctx.repeats.get(base) ?? 0;
      this.ctx.repeats.set(base, seen + 1);
      if (seen > 0) key += `\u0000#${seen}`;
    }
    return `${prefix}-${hash64(key)}`;
  }
}

function nameOfRespondent(reader: RowReader): string | undefined {
  const c = reader.columns;
  const full = reader.optional(c.respondent_name);
  if (full !== undefined) return full;
  const joined = `${reader.text(c.respondent_first_name)} ${reader.text(c.respondent_last_name)}`.trim();
  return joined === '' ? undefined : joined;
}

function commentText(reader: RowReader): string | undefined {
  const column = reader.columns.comment;
  const cell = column < 0 ? undefined : reader.row[column];
  if (cell === undefined) return undefined;
  const raw = restoreEscapedCell(cell);
  const text = raw.indexOf('\r') >= 0 ? raw.replace(/\r\n?/g, '\n').trim() : raw.trim();
  return text === '' ? undefined : text;
}

const identity = (text: string) => text;

const RESPONSE_FIELD_OF: Record<string, ImportField> = {
  id: 'response_id', accountId: 'account_id', score: 'score', respondedAt: 'responded_at',
  respondentEmail: 'respondent_email', respondentName: 'respondent_name', respondentRole: 'respondent_role',
  respondentTitle: 'respondent_title', comment: 'comment', channel: 'channel', survey: 'survey', tags: 'tags',
  excluded: 'excluded',
};

/** A responses CSV record → a `SurveyResponse`. */
export function rowToResponse(row: readonly string[], mapping: FieldColumns, ctx: RowContext): RowResult<SurveyResponse> {
  const c = columnsOf(mapping, ctx);
  const reader = new RowReader(row, c, ctx);
  const account = reader.account();
  const score = reader.parse(c.score, 'score', parseScore);
  if (reader.text(c.score) === '') reader.fail(c.score, 'score', '', 'is empty; a score from 0 to 10 is required');
  const respondedAt = reader.instant(c.responded_at, 'responded_at', 'the date of the response');
  const respondentEmail = reader.parse(c.respondent_email, 'respondent_email', parseEmail);
  const respondentName = nameOfRespondent(reader);
  const channel: Channel | undefined = reader.parse(c.channel, 'channel', parseChannel);
  const excluded = reader.parse(c.excluded, 'excluded', parseBoolean) ?? false;
  const tags = reader.list(c.tags, 'tags', identity);
  if (reader.errors || !account || score === undefined || respondedAt === undefined) {
    return { ok: false, errors: reader.errors ?? [] };
  }
  const comment = commentText(reader);
  const survey = reader.optional(c.survey);
  const respondent = respondentEmail ?? respondentName?.toLowerCase();
  const id =
    reader.optional(c.response_id) ??
    reader.derivedId(
      'r',
      respondent === undefined
        ? [account.id, '', respondedAt, score, comment, channel, survey]
        : [account.id, respondent, respondedAt, score],
      respondent === undefined,
    );
  const candidate: Record<string, unknown> = { id, accountId: account.id, score, respondedAt, tags, excluded, updatedAt: ctx.now };
  if (respondentEmail !== undefined) candidate.respondentEmail = respondentEmail;
  if (respondentName !== undefined) candidate.respondentName = respondentName;
  const role = reader.optional(c.respondent_role);
  if (role !== undefined) candidate.respondentRole = role;
  const title = reader.optional(c.respondent_title);
  if (title !== undefined) candidate.respondentTitle = title;
  if (comment !== undefined) candidate.comment = comment;
  if (channel !== undefined) candidate.channel = channel;
  if (survey !== undefined) candidate.survey = survey;
  const checked = ResponseSchema.safeParse(candidate);
  if (!checked.success) {
    reader.schemaIssues(checked.error.issues, RESPONSE_FIELD_OF);
    return { ok: false, errors: reader.errors ?? [] };
  }
  return { ok: true, record: checked.data, account };
}

const ACTION_FIELD_OF: Record<string, ImportField> = {
  id: 'action_id', accountId: 'account_id', title: 'title', status: 'status', owner: 'owner', dueDate: 'due_date',
  createdAt: 'created_at', responseId: 'response_id',
};

/** An actions CSV record → an `Action` (status defaults to open; no created_at → the import time). */
export function rowToAction(row: readonly string[], mapping: FieldColumns, ctx: RowContext): RowResult<Action> {
  const c = columnsOf(mapping, ctx);
  const reader = new RowReader(row, c, ctx);
  const account = reader.account();
  const title = reader.optional(c.title);
  if (title === undefined) reader.fail(c.title, 'title', '', 'is empty; a title is required');
  const status = reader.parse(c.status, 'status', parseActionStatus) ?? 'open';
  const dueDate = reader.parse(c.due_date, 'due_date', (raw) => parseCalendarDate(raw, ctx));
  const createdAt = reader.instant(c.created_at, 'created_at', null);
  if (reader.errors || !account || title === undefined) return { ok: false, errors: reader.errors ?? [] };
  const owner = reader.optional(c.owner);
  const responseId = reader.optional(c.response_id);
  const id =
    reader.optional(c.action_id) ??
    reader.derivedId('a', [account.id, title, createdAt ?? '', responseId ?? '', dueDate ?? '', owner ?? ''], false);
  const candidate: Record<string, unknown> = { id, accountId: account.id, title, status, createdAt: createdAt ?? ctx.now, updatedAt: ctx.now };
  if (owner !== undefined) candidate.owner = owner;
  if (dueDate !== undefined) candidate.dueDate = dueDate;
  if (responseId !== undefined) candidate.responseId = responseId;
  const checked = ActionSchema.safeParse(candidate);
  if (!checked.success) {
    reader.schemaIssues(checked.error.issues, ACTION_FIELD_OF);
    return { ok: false, errors: reader.errors ?? [] };
  }
  return { ok: true, record: checked.data, account };
}

const SEND_FIELD_OF: Record<string, ImportField> = {
  accountId: 'account_id', respondentEmail: 'respondent_email', respondentRole: 'respondent_role',
  sentAt: 'sent_at', channel: 'channel', survey: 'survey',
};

/** A survey sends CSV record → a `SurveySend` (its id derived from the row, stable on re-import). */
export function rowToSend(row: readonly string[], mapping: FieldColumns, ctx: RowContext): RowResult<SurveySend> {
  const c = columnsOf(mapping, ctx);
  const reader = new RowReader(row, c, ctx);
  const account = reader.account();
  const sentAt = reader.instant(c.sent_at, 'sent_at', 'the date the survey was sent');
  const respondentEmail = reader.parse(c.respondent_email, 'respondent_email', parseEmail);
  const channel = reader.parse(c.channel, 'channel', parseChannel);
  if (reader.errors || !account || sentAt === undefined) return { ok: false, errors: reader.errors ?? [] };
  const role = reader.optional(c.respondent_role);
  const survey = reader.optional(c.survey);
  const id = reader.derivedId('s', [account.id, respondentEmail ?? '', sentAt, channel ?? '', survey ?? '', role ?? ''], respondentEmail === undefined);
  const candidate: Record<string, unknown> = { id, accountId: account.id, sentAt };
  if (respondentEmail !== undefined) candidate.respondentEmail = respondentEmail;
  if (role !== undefined) candidate.respondentRole = role;
  if (channel !== undefined) candidate.channel = channel;
  if (survey !== undefined) candidate.survey = survey;
  const checked = SurveySendSchema.safeParse(candidate);
  if (!checked.success) {
    reader.schemaIssues(checked.error.issues, SEND_FIELD_OF);
    return { ok: false, errors: reader.errors ?? [] };
  }
  return { ok: true, record: checked.data, account };
}
