/**
 * Reading one record's cells: each field's column, the values parsed by the rules of `values.ts`, the
 * account facts it carries (shared by every row with the same account cells), and its errors, each
 * naming the row, the column and the value.
 */
import { type AccountFacts } from '../model';
import { restoreEscapedCell } from '../export/csv';
import { hash64 } from '../core/hash';
import type { FieldColumns, ImportField } from './headers';
import { accountKeyFromName } from '../model/names';
import { parseInstant } from './dates';
import { Invalid, parseDomain, parseEmail, parseIntegerId, parseList, parseSalesforceAccountId } from './values';
import { isFreeMailDomain } from './email-domain';
import { domainOfEmail } from '../model/mail';
import { isPlaceholder } from './placeholders';
import type { Columns, ImportRowError, RowContext } from './row-context';
import { englishReason, rowProblem, type RowProblem } from './row-problem';

const MAX_VALUE_IN_MESSAGE = 80;
const MAX_CACHED_ACCOUNTS = 20_000;

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
    updated_at: at('updated_at'), closed_at: at('closed_at'), closed_by: at('closed_by'), created_by: at('created_by'),
    updated_by: at('updated_by'), notes: at('notes'),
  };
}

export function columnsOf(mapping: FieldColumns, ctx: RowContext): Columns {
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
export class RowReader {
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
    const text = value.charCodeAt(0) === 39 ? restoreEscapedCell(value).trim() : value.trim();
    return isPlaceholder(text) ? '' : text;
  }

  optional(column: number): string | undefined {
    const value = this.text(column);
    return value === '' ? undefined : value;
  }

  fail(column: number, field: ImportField, value: string, problem: RowProblem): void {
    const header = column < 0 ? field : (this.ctx.headers[column] ?? field);
    const shown = value.length > MAX_VALUE_IN_MESSAGE ? `${value.slice(0, MAX_VALUE_IN_MESSAGE)}…` : value;
    (this.errors ??= []).push({ row: this.ctx.row, column: header, ...(shown ? { value: shown } : {}), problem, reason: englishReason(problem) });
  }

  /** Parses an optional cell; undefined when empty or invalid (the error is recorded). */
  parse<T>(column: number, field: ImportField, parser: (raw: string) => T | Invalid): T | undefined {
    const raw = this.text(column);
    if (raw === '') return undefined;
    const value = parser(raw);
    if (value instanceof Invalid) {
      this.fail(column, field, raw, value.problem);
      return undefined;
    }
    return value;
  }

  /** A date-time cell; `required` is the problem of an empty one (none: the cell is optional). */
  instant(column: number, field: ImportField, required: RowProblem | null): number | undefined {
    const raw = this.text(column);
    if (raw === '') {
      if (required !== null) this.fail(column, field, '', required);
      return undefined;
    }
    const value = parseInstant(raw, this.ctx);
    if (value instanceof Invalid) {
      this.fail(column, field, raw, value.problem);
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
      if (value instanceof Invalid) this.fail(column, field, item, value.problem);
      else if (!values.includes(value)) values.push(value);
    }
    return values;
  }

  /** Set when the row has no account to go under (a free-mail or anonymous respondent): skipped, not an error. */
  unassigned: { email?: string } | null = null;

  /** The row's account facts; the same cells give the same shared, frozen object. */
  account(): AccountFacts | undefined {
    if (this.ctx.accountFrom === 'email_domain') return this.accountFromEmail();
    const c = this.columns;
    const id = this.text(c.account_id);
    const name = this.text(c.account_name);
    const domain = this.text(c.account_domain);
    const salesforce = this.text(c.salesforce_account_id);
    const zendesk = this.text(c.zendesk_organization_id);
    const hubspot = this.text(c.hubspot_company_id);
    // One string of every account cell, led by their lengths so no two rows' cells make the same key:
    // one lookup, where comparing each cell of each cached spelling cost more (1.4 µs a row).
    const key = `${id.length},${name.length},${domain.length},${salesforce.length},${zendesk.length}:${id}${name}${domain}${salesforce}${zendesk}${hubspot}`;
    const cached = this.ctx.accounts.get(key);
    if (cached) return cached;
    const errorsBefore = this.errors?.length ?? 0;
    const parsed = this.parseAccount();
    if (!parsed || (this.errors?.length ?? 0) !== errorsBefore) return parsed;
    const facts = ownFacts(parsed);
    if (this.ctx.accounts.size >= MAX_CACHED_ACCOUNTS) this.ctx.accounts.clear();
    this.ctx.accounts.set(own(key), facts);
    return facts;
  }

  /**
   * The account of a file with no account column: its domain column, else the respondent's email
   * domain (free-mail and anonymous respondents have none: `unassigned`).
   */
  private accountFromEmail(): AccountFacts | undefined {
    const c = this.columns;
    let domain = this.list(c.account_domain, 'account_domain', parseDomain)[0];
    let email: string | undefined;
    if (domain === undefined) {
      email = this.parse(c.respondent_email, 'respondent_email', parseEmail);
      if (email === undefined) {
        if (!this.errors) this.unassigned = {};
        return undefined;
      }
      domain = domainOfEmail(email) ?? email.slice(email.lastIndexOf('@') + 1);
    }
    const cached = this.ctx.domainAccounts.get(domain);
    if (cached === null || (cached === undefined && email !== undefined && isFreeMailDomain(domain))) {
      if (cached === undefined) this.ctx.domainAccounts.set(own(domain), null);
      this.unassigned = email === undefined ? {} : { email };
      return undefined;
    }
    if (cached) return cached;
    // A name key, so the commit joins the account already stored with this domain (exactly one) or
    // keeps a new one named after the domain.
    const facts: AccountFacts = Object.freeze({
      id: accountKeyFromName(domain) ?? `name:${domain}`, name: own(domain), domains: Object.freeze([own(domain)]) as string[],
      salesforceIds: [], zendeskOrganizationIds: [], hubspotCompanyIds: [],
    });
    if (this.ctx.domainAccounts.size >= MAX_CACHED_ACCOUNTS) this.ctx.domainAccounts.clear();
    this.ctx.domainAccounts.set(own(domain), facts);
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
        this.fail(column, c.account_name >= 0 ? 'account_name' : 'account_id', '', rowProblem('empty_account'));
      } else {
        const key = accountKeyFromName(name);
        if (key === null) this.fail(c.account_name, 'account_name', name, rowProblem('account_no_letters'));
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
      this.fail(this.columns[field as keyof Columns] ?? -1, field, '', rowProblem('schema', { detail: issue.message }));
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

export function nameOfRespondent(reader: RowReader): string | undefined {
  const c = reader.columns;
  const full = reader.optional(c.respondent_name);
  if (full !== undefined) return full;
  const joined = `${reader.text(c.respondent_first_name)} ${reader.text(c.respondent_last_name)}`.trim();
  return joined === '' ? undefined : joined;
}

export function commentText(reader: RowReader): string | undefined {
  const column = reader.columns.comment;
  const cell = column < 0 ? undefined : reader.row[column];
  if (cell === undefined) return undefined;
  const raw = restoreEscapedCell(cell);
  const text = raw.indexOf('\r') >= 0 ? raw.replace(/\r\n?/g, '\n').trim() : raw.trim();
  return text === '' || isPlaceholder(text) ? undefined : text;
}
