/**
 * Why a row (or one of its cells) is rejected, as a code and its values, so each UI language can word
 * it; and the English wording, which follows the quoted cell in a message (`Row 7: score — "11" is not
 * an integer from 0 to 10`) and is what Node, logs and the HTTP source's tools read.
 *
 * A new reason: add its code here with its English, and a message `row.<code>` with the same values
 * to every language file (`lib/i18n/messages`); a test checks the English of both is the same.
 */

type Values = Record<string, string | number>;

const ENGLISH = {
  score_range: () => 'is not an integer from 0 to 10',
  boolean: () => 'is not true or false (use true/1/yes or false/0/no)',
  channel: () => 'is not a channel (email, in_app, web, phone, sms, third_party)',
  status: () => 'is not a status (open, in_progress, done)',
  notes_json: () => 'is not a list of notes (a JSON array of {"id", "at", "text", "by"})',
  notes_array: () => 'is not a list of notes (a JSON array)',
  note_invalid: (v: { n: number; path: string; detail: string }) => `note ${v.n}: ${v.path} ${v.detail}`,
  domain: () => 'is not a domain (like acme.com)',
  salesforce_id: () => 'is not a Salesforce id (15 or 18 letters and digits)',
  salesforce_account_id: () => 'is not a Salesforce Account id (those start with 001)',
  scientific_notation: () => 'is in scientific notation; format the column as text and export again',
  whole_number: () => 'is not a whole number',
  email: () => 'is not an email address',
  month_range: (v: { month: number }) => `has no month ${v.month}`,
  day_range: (v: { day: number; month: number }) => `is not a date (day ${v.day} of month ${v.month})`,
  time_range: () => 'has a time of day out of range',
  before_1970: () => 'is before 1970',
  offset_range: (v: { offset: string }) => `has a time zone offset that cannot be (${v.offset}; offsets run from −12:00 to +14:00)`,
  date_order: () => 'needs the day/month order of the file (choose day-month or month-day)',
  not_date: () => 'is not a date (expected an ISO 8601 date, YYYY-MM-DD HH:MM:SS, Unix seconds or DD/MM/YYYY)',
  empty_score: () => 'is empty; a score from 0 to 10 is required',
  empty_responded_at: () => 'is empty; the date of the response is required',
  empty_sent_at: () => 'is empty; the date the survey was sent is required',
  empty_title: () => 'is empty; a title is required',
  empty_account: () => 'is empty; a row needs account_id or account_name',
  account_no_letters: () => 'has no letters or digits to identify an account',
  /** A record the cell parsers passed but its schema did not; `detail` is the schema's own (English) words. */
  schema: (v: { detail: string }) => v.detail,
  repeated_action_id: (v: { first: number }) => `is also the action_id of row ${v.first}: each action is imported once, from its first row`,
  repeated_response_id: (v: { first: number }) => `is also the response_id of row ${v.first}: each response is imported once, from its first row`,
  repeated_response: (v: { first: number }) => `the same response as row ${v.first} (same account, respondent, date and score): it is imported once, from its first row`,
  repeated_action: (v: { first: number }) => `the same action as row ${v.first} (same account, respondent, date and score): it is imported once, from its first row`,
  cell_too_long: (v: { length: number; max: number }) =>
    `is ${v.length.toLocaleString('en')} characters long; a cell may hold at most ${v.max.toLocaleString('en')}`,
  hidden_character: (v: { code: string }) => `holds an invisible character (${v.code}): a name, email or id may not`,
  malformed_quote: () => 'has a malformed quoted field (a quote inside quotes must be doubled: "")',
  extra_cells: (v: { cells: number; width: number; delimiter: string }) =>
    `has ${v.cells} cells where the header has ${v.width}: a cell holding the delimiter (“${v.delimiter}”) must be quoted`,
} satisfies Record<string, (values: never) => string>;

export type RowProblemCode = keyof typeof ENGLISH;
type ValuesOf<C extends RowProblemCode> = Parameters<(typeof ENGLISH)[C]> extends [infer V] ? V : Record<string, never>;

/** A reason with its values: `{ code: 'month_range', values: { month: 13 } }`. */
export type RowProblem = { [C in RowProblemCode]: { code: C; values: ValuesOf<C> } }[RowProblemCode];

export const ROW_PROBLEM_CODES = Object.keys(ENGLISH) as RowProblemCode[];

/** A problem from its code and values (typed: a code's values are required, and only those). */
export function rowProblem<C extends RowProblemCode>(code: C, ...values: ValuesOf<C> extends Record<string, never> ? [] : [ValuesOf<C>]): RowProblem {
  return { code, values: (values[0] ?? {}) as Values } as RowProblem;
}

/** The English reason, written to follow the quoted cell. */
export function englishReason(problem: RowProblem): string {
  return (ENGLISH[problem.code] as (values: Values) => string)(problem.values as Values);
}
