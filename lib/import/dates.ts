/**
 * Dates and date-times in a cell: ISO 8601, Unix time, slash and dotted dates (with the file's day/month
 * order), US 12-hour times, vendor formats, and wall-clock times in a named time zone. Each returns the
 * value or an `Invalid` with the reason, as the other cell parsers (`values.ts`) do.
 */
import { Invalid, isInvalid } from './values';
import { rowProblem } from './row-problem';

/** Day/month order of slash dates in a file: `dmy` (31/03/2026) or `mdy` (03/31/2026). */
export type DateOrder = 'dmy' | 'mdy';
export interface DateOptions {
  dateOrder?: DateOrder;
  /**
   * The IANA time zone of date-times written without an offset (a Qualtrics export names it in its
   * metadata row); absent, they are UTC.
   */
  timeZone?: string;
}

const UNIX = /^(\d{10}(?:\.\d{1,6})?|\d{13})$/;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?$/i;
// Google Forms: `2024/03/05 10:22:33 AM GMT+1`.
const YEAR_FIRST =
  /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([ap])\.?m\.?)?(?:\s*(?:GMT|UTC)([+-]\d{1,2}(?::?\d{2})?)?)?)?$/i;
// `03/31/2026 2:05:09 PM`, `31.03.2026 14:05`, Microsoft Forms' `3/31/26 14:05:09` (two-digit years).
const YEAR_LAST =
  /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:,?[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap])?\.?(?:m\.?)?)?$/i;

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  offsetMinutes: number;
}

function checkParts(parts: DateParts): DateParts | Invalid {
  const { year, month, day, hour, minute, second } = parts;
  if (month < 1 || month > 12) return new Invalid(rowProblem('month_range', { month }));
  if (day < 1 || day > daysInMonth(year, month)) return new Invalid(rowProblem('day_range', { day, month }));
  if (hour > 23 || minute > 59 || second > 59) return new Invalid(rowProblem('time_range'));
  if (year < 1970) return new Invalid(rowProblem('before_1970'));
  return parts;
}

function numberOr(value: string | undefined, fallback: number): number {
  return value === undefined || value === '' ? fallback : Number(value);
}

/** Minutes east of UTC, or null when the offset cannot be (real ones run from −12:00 to +14:00). */
function offsetOf(zone: string | undefined): number | null {
  if (!zone || /^(z|utc|gmt)$/i.test(zone)) return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (minutes > 59 || hours * 60 + minutes > 14 * 60) return null;
  return sign * (hours * 60 + minutes);
}

/** The offset of a date-time written without one: UTC, or the file's time zone when it names one. */
const ZONE_UNKNOWN = Number.NaN;

/** `h` on a 12-hour clock with its `a`/`p` → 0–23; null when out of range; `h` as it is without a meridiem. */
function twelveHour(hour: number, meridiem: string | undefined): number | null {
  if (!meridiem) return hour;
  if (hour < 1 || hour > 12) return null;
  return (hour % 12) + (meridiem.toLowerCase() === 'p' ? 12 : 0);
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();
const zoneOffsets = new Map<string, number>();

/**
 * Minutes east of UTC in `timeZone` at the wall-clock time given (as if it were UTC), from the
 * platform's time zone data; cached per zone and hour, since a file's dates share few hours' offsets.
 */
let lastZone: { timeZone: string; hour: number; offset: number } | null = null;

export function zoneOffsetMinutes(timeZone: string, wallClockAsUtc: number): number {
  const hour = Math.floor(wallClockAsUtc / 3_600_000);
  // A file's rows come in runs of nearby times: the last answer is the usual one.
  if (lastZone && lastZone.hour === hour && lastZone.timeZone === timeZone) return lastZone.offset;
  const hourKey = `${timeZone}\u0000${hour}`;
  const cached = zoneOffsets.get(hourKey);
  if (cached !== undefined) {
    lastZone = { timeZone, hour, offset: cached };
    return cached;
  }
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    zoneFormats.set(timeZone, format);
  }
  const offsetAt = (instant: number) => {
    const parts = Object.fromEntries(format!.formatToParts(instant).map((p) => [p.type, p.value]));
    const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
    return Math.round((local - Math.floor(instant / 1000) * 1000) / 60_000);
  };
  // The offset at the instant the wall clock shows: guess with the offset there, then correct once.
  const first = offsetAt(wallClockAsUtc);
  const offset = offsetAt(wallClockAsUtc - first * 60_000);
  if (zoneOffsets.size > 50_000) zoneOffsets.clear();
  zoneOffsets.set(hourKey, offset);
  lastZone = { timeZone, hour, offset };
  return offset;
}

/** Whether a name is a time zone the platform knows (`America/Denver`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The calendar and clock parts as written, or null when the text is not a date we know. */
function splitDate(text: string, options: DateOptions): DateParts | Invalid | null {
  let m = ISO.exec(text);
  if (m) {
    const fraction = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
    const offsetMinutes = m[8] ? offsetOf(m[8]) : ZONE_UNKNOWN;
    if (offsetMinutes === null) return new Invalid(rowProblem('offset_range', { offset: m[8]! }));
    return checkParts({
      year: Number(m[1]), month: Number(m[2]), day: Number(m[3]),
      hour: numberOr(m[4], 0), minute: numberOr(m[5], 0), second: numberOr(m[6], 0), ms: Math.floor(fraction),
      offsetMinutes,
    });
  }
  m = YEAR_FIRST.exec(text);
  if (m) {
    const hour = twelveHour(numberOr(m[4], 0), m[7]);
    if (hour === null) return new Invalid(rowProblem('time_range'));
    let offsetMinutes: number | null = ZONE_UNKNOWN;
    if (m[8]) {
      const [h, mm = '0'] = m[8].slice(1).split(':');
      offsetMinutes = offsetOf(`${m[8][0]}${h!.padStart(2, '0')}${mm.padStart(2, '0')}`);
      if (offsetMinutes === null) return new Invalid(rowProblem('offset_range', { offset: `GMT${m[8]}` }));
    } else if (/(GMT|UTC)\s*$/i.test(text)) offsetMinutes = 0;
    return checkParts({
      year: Number(m[1]), month: Number(m[2]), day: Number(m[3]),
      hour, minute: numberOr(m[5], 0), second: numberOr(m[6], 0), ms: 0, offsetMinutes,
    });
  }
  m = YEAR_LAST.exec(text);
  if (m) {
    // Dates written with dots (31.03.2026) are day first wherever they are written.
    const order = m[2] === '.' ? 'dmy' : options.dateOrder;
    if (!order) return new Invalid(rowProblem('date_order'));
    const first = Number(m[1]);
    const second = Number(m[3]);
    const hour = twelveHour(numberOr(m[5], 0), m[8]);
    if (hour === null) return new Invalid(rowProblem('time_range'));
    // Two-digit years are this century's: survey exports are recent.
    const year = m[4]!.length === 2 ? 2000 + Number(m[4]) : Number(m[4]);
    return checkParts({
      year,
      month: order === 'dmy' ? second : first,
      day: order === 'dmy' ? first : second,
      hour, minute: numberOr(m[6], 0), second: numberOr(m[7], 0), ms: 0, offsetMinutes: ZONE_UNKNOWN,
    });
  }
  return null;
}

/**
 * An instant (epoch ms). ISO 8601 dates and date-times (no zone → UTC), `YYYY-MM-DD HH:MM:SS` (UTC),
 * Unix seconds (10 digits) or milliseconds (13), and slash dates in the file's `dateOrder`.
 */
export function parseInstant(raw: string, options: DateOptions = {}): number | Invalid {
  const text = raw.trim();
  if (UNIX.test(text)) return text.length === 13 ? Number(text) : Math.round(Number(text) * 1000);
  const parts = splitDate(text, options);
  if (parts === null) return new Invalid(rowProblem('not_date'));
  if (isInvalid(parts)) return parts;
  const utc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second, parts.ms);
  const offset = Number.isNaN(parts.offsetMinutes) ? (options.timeZone ? zoneOffsetMinutes(options.timeZone, utc) : 0) : parts.offsetMinutes;
  const instant = utc - offset * 60_000;
  return instant >= 0 ? instant : new Invalid(rowProblem('before_1970'));
}

/** A calendar date `YYYY-MM-DD` as written (a date-time keeps its own date; Unix time → the UTC date). */
export function parseCalendarDate(raw: string, options: DateOptions = {}): string | Invalid {
  const text = raw.trim();
  if (UNIX.test(text)) {
    const instant = text.length === 13 ? Number(text) : Number(text) * 1000;
    return new Date(instant).toISOString().slice(0, 10);
  }
  const parts = splitDate(text, options);
  if (parts === null) return new Invalid(rowProblem('not_date'));
  if (isInvalid(parts)) return parts;
  return `${String(parts.year).padStart(4, '0')}-${String(parts.month).padStart(2, '0')}-${String(parts.day).padStart(2, '0')}`;
}

/** What a file's slash dates say about their order. */
export type DateOrderVerdict =
  | { order: 'none' } // no slash dates with the year last
  | { order: DateOrder }
  | { order: 'ask'; example: string } // every value reads both ways
  | { order: 'conflict'; dmyExample: { row: number; value: string }; mdyExample: { row: number; value: string } };

// Dotted dates (31.03.2026) are day first everywhere, so only slashes and dashes leave the order open.
const SLASH_PARTS = /^\s*(\d{1,2})([/-])(\d{1,2})\2(?:\d{4}|\d{2})\b/;

/** Scans a column's values: a first part > 12 means day-month, a second part > 12 month-day. */
export class DateOrderDetector {
  private dmy: { row: number; value: string } | null = null;
  private mdy: { row: number; value: string } | null = null;
  private example: string | null = null;

  add(value: string, row = 0): void {
    const m = SLASH_PARTS.exec(value);
    if (!m) return;
    this.example ??= value.trim();
    if (Number(m[1]) > 12) this.dmy ??= { row, value: value.trim() };
    if (Number(m[3]) > 12) this.mdy ??= { row, value: value.trim() };
  }

  get decided(): boolean {
    return this.dmy !== null || this.mdy !== null;
  }

  verdict(): DateOrderVerdict {
    if (this.dmy && this.mdy) return { order: 'conflict', dmyExample: this.dmy, mdyExample: this.mdy };
    if (this.dmy) return { order: 'dmy' };
    if (this.mdy) return { order: 'mdy' };
    return this.example === null ? { order: 'none' } : { order: 'ask', example: this.example };
  }
}

/** `detectDateOrder(['31/03/2026', '01/04/2026'])` → `{order: 'dmy'}`. */
export function detectDateOrder(values: Iterable<string>): DateOrderVerdict {
  const detector = new DateOrderDetector();
  let row = 0;
  for (const value of values) detector.add(value, ++row);
  return detector.verdict();
}

/** Whether a value is a slash date with the year last (the kind whose order must be known). */
export function isSlashDate(value: string): boolean {
  return SLASH_PARTS.test(value);
}
