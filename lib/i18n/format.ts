/**
 * Numbers, dates and ages in the UI's locale (`Intl`): what the messages do not say themselves. Every
 * date is a UTC calendar date, as the data gives it.
 */
import type { Locale } from './locales';

export interface Formats {
  /** 12,345 / 12.345 / 12 345 */
  number(n: number): string;
  /** A share 0..1 as a whole percentage: 25% / 25 % */
  percent(share: number): string;
  /** 3 Dec 2026 / 03.12.2026 / 2026/12/03 */
  date(at: number): string;
  /** Date and time, for a tooltip. */
  dateTime(at: number): string;
  /** "Jul" in the locale, for a chart tick. */
  month(at: number): string;
  /** "3 days ago", "in 2 hours", "now". */
  relative(at: number, now: number): string;
}

const cache = new Map<Locale, Formats>();

export function formats(locale: Locale): Formats {
  const known = cache.get(locale);
  if (known) return known;
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const month = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const made: Formats = {
    number: (n) => number.format(n),
    percent: (share) => percent.format(share),
    date: (at) => date.format(at),
    dateTime: (at) => dateTime.format(at),
    month: (at) => month.format(at),
    relative(at, now) {
      const seconds = Math.round((at - now) / 1000);
      if (Math.abs(seconds) < 60) return relative.format(0, 'second');
      const minutes = Math.round(seconds / 60);
      if (Math.abs(minutes) < 60) return relative.format(minutes, 'minute');
      const hours = Math.round(minutes / 60);
      return Math.abs(hours) < 48 ? relative.format(hours, 'hour') : relative.format(Math.round(hours / 24), 'day');
    },
  };
  cache.set(locale, made);
  return made;
}
