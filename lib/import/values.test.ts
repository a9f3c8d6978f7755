import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectDateOrder, parseCalendarDate, parseInstant } from './dates';
import {
  Invalid, parseActionStatus, parseBoolean, parseChannel, parseDomain, parseEmail, parseIntegerId, parseList, parseSalesforceAccountId, parseScore,
} from './values';

const reason = (value: unknown) => (value instanceof Invalid ? value.reason : null);

describe('parseScore', () => {
  it('accepts integers 0–10 and integral decimals', () => {
    expect(['0', '10', ' 7 ', '9.0', '9,00'].map(parseScore)).toEqual([0, 10, 7, 9, 9]);
  });
  it('accepts a choice label after the number, as survey tools export it', () => {
    expect(['10 - Extremely likely', '0 - Not at all likely', '7 (neutral)'].map(parseScore)).toEqual([10, 0, 7]);
  });
  it.each(['11', '9.5', 'ten', '-1', '', '1e1', '010', '10 10'])('rejects %j', (raw) => {
    expect(reason(parseScore(raw))).toBe('is not an integer from 0 to 10');
  });
  it('round-trips every valid score', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 }), (score) => parseScore(String(score)) === score));
  });
});

describe('vendor date formats', () => {
  it.each([
    ['03/31/2026 02:05:09 PM', { dateOrder: 'mdy' as const }, Date.UTC(2026, 2, 31, 14, 5, 9)],
    ['3/5/26 9:10:00', { dateOrder: 'mdy' as const }, Date.UTC(2026, 2, 5, 9, 10)],
    ['31.03.2026', {}, Date.UTC(2026, 2, 31)],
    ['05.03.2026 14:05', { dateOrder: 'mdy' as const }, Date.UTC(2026, 2, 5, 14, 5)],
    ['2026/03/05 3:10:00 PM GMT+1', {}, Date.UTC(2026, 2, 5, 14, 10)],
    ['2026/03/05 10:22:33 AM GMT-05:30', {}, Date.UTC(2026, 2, 5, 15, 52, 33)],
    ['2026-01-15 10:00:00', { timeZone: 'America/New_York' }, Date.UTC(2026, 0, 15, 15)],
    ['2026-07-15 10:00:00', { timeZone: 'America/New_York' }, Date.UTC(2026, 6, 15, 14)],
    ['2026-07-15T10:00:00Z', { timeZone: 'America/New_York' }, Date.UTC(2026, 6, 15, 10)],
  ])('%s', (raw, options, expected) => {
    expect(parseInstant(raw, options)).toBe(expected);
  });
  it('asks the order only of slash dates, not dotted ones', () => {
    expect(detectDateOrder(['05.03.2026', '06.03.2026'])).toEqual({ order: 'none' });
    expect(detectDateOrder(['3/5/26', '3/14/26'])).toEqual({ order: 'mdy' });
  });
});

describe('parseInstant', () => {
  it.each([
    ['2026-03-31', Date.UTC(2026, 2, 31)],
    ['2026-03-31T14:05:00Z', Date.UTC(2026, 2, 31, 14, 5)],
    ['2026-03-31T14:05:00.250+02:00', Date.UTC(2026, 2, 31, 12, 5, 0, 250)],
    ['2026-03-31T14:05-0530', Date.UTC(2026, 2, 31, 19, 35)],
    ['2026-03-31T14:05:00', Date.UTC(2026, 2, 31, 14, 5)],
    ['2026-03-31 14:05:09', Date.UTC(2026, 2, 31, 14, 5, 9)],
    ['2026-03-31 14:05:09 UTC', Date.UTC(2026, 2, 31, 14, 5, 9)],
    ['2026/03/31', Date.UTC(2026, 2, 31)],
    ['1774965900', 1774965900000],
    ['1774965900123', 1774965900123],
  ])('%s', (raw, expected) => {
    expect(parseInstant(raw)).toBe(expected);
  });

  it('reads slash dates in the chosen order, with 12-hour clocks', () => {
    expect(parseInstant('03/04/2026', { dateOrder: 'dmy' })).toBe(Date.UTC(2026, 3, 3));
    expect(parseInstant('03/04/2026', { dateOrder: 'mdy' })).toBe(Date.UTC(2026, 2, 4));
    expect(parseInstant('3/31/2026 2:05:12 PM', { dateOrder: 'mdy' })).toBe(Date.UTC(2026, 2, 31, 14, 5, 12));
    expect(parseInstant('31.03.2026 00:30', { dateOrder: 'dmy' })).toBe(Date.UTC(2026, 2, 31, 0, 30));
    expect(parseInstant('12/31/2026 12:00 am', { dateOrder: 'mdy' })).toBe(Date.UTC(2026, 11, 31, 0, 0));
  });

  it.each([
    ['03/04/2026', {}, 'needs the day/month order of the file (choose day-month or month-day)'],
    ['31/03/2026', { dateOrder: 'mdy' as const }, 'has no month 31'],
    ['2026-02-30', {}, 'is not a date (day 30 of month 2)'],
    ['2026-13-01', {}, 'has no month 13'],
    ['1969-12-31', {}, 'is before 1970'],
    ['yesterday', {}, 'is not a date (expected an ISO 8601 date, YYYY-MM-DD HH:MM:SS, Unix seconds or DD/MM/YYYY)'],
    ['2026-03-31T25:00', {}, 'has a time of day out of range'],
  ])('rejects %s', (raw, options, expected) => {
    expect(reason(parseInstant(raw, options))).toBe(expected);
  });

  it('agrees with Date for ISO date-times', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(0), max: new Date(Date.UTC(2100, 0)), noInvalidDate: true }), (date) => {
        expect(parseInstant(date.toISOString())).toBe(date.getTime());
      }),
    );
  });
});

describe('parseCalendarDate', () => {
  it('keeps the date as written', () => {
    expect(parseCalendarDate('2026-04-01T23:30:00-08:00')).toBe('2026-04-01');
    expect(parseCalendarDate('1/4/2026', { dateOrder: 'dmy' })).toBe('2026-04-01');
    expect(parseCalendarDate('1774965900')).toBe('2026-03-31');
  });
});

describe('detectDateOrder', () => {
  it('decides from the values that read only one way', () => {
    expect(detectDateOrder(['01/02/2026', '31/03/2026'])).toEqual({ order: 'dmy' });
    expect(detectDateOrder(['01/02/2026', '03/31/2026 10:00'])).toEqual({ order: 'mdy' });
    expect(detectDateOrder(['01/02/2026', '03/04/2026'])).toEqual({ order: 'ask', example: '01/02/2026' });
    expect(detectDateOrder(['2026-01-01', ''])).toEqual({ order: 'none' });
    expect(detectDateOrder(['31/03/2026', '03/31/2026'])).toMatchObject({ order: 'conflict', dmyExample: { row: 1 }, mdyExample: { row: 2 } });
  });
});

describe('small vocabularies', () => {
  it('parses booleans', () => {
    expect(['true', '1', 'Yes', 'y', 'X', 'false', '0', 'no', ''].map(parseBoolean)).toEqual([true, true, true, true, true, false, false, false, false]);
    expect(parseBoolean('maybe')).toBeInstanceOf(Invalid);
  });
  it('parses channels and their synonyms', () => {
    expect(['E-mail', 'mail', 'in-app', 'In product', 'website', 'link', 'Call', 'voice', 'SMS', 'text', 'Third party', 'G2', 'Trustpilot', 'capterra']
      .map(parseChannel)).toEqual(['email', 'email', 'in_app', 'in_app', 'web', 'web', 'phone', 'phone', 'sms', 'sms', 'third_party', 'third_party', 'third_party', 'third_party']);
    expect(reason(parseChannel('pigeon'))).toBe('is not a channel (email, in_app, web, phone, sms, third_party)');
  });
  it('parses action statuses', () => {
    expect(['Open', 'in progress', 'IN_PROGRESS', 'done', 'Closed', 'completed'].map(parseActionStatus)).toEqual(['open', 'in_progress', 'in_progress', 'done', 'done', 'done']);
    expect(parseActionStatus('someday')).toBeInstanceOf(Invalid);
  });
  it('splits lists on semicolons', () => {
    expect(parseList(' a ; b;;a ')).toEqual(['a', 'b']);
    expect(parseList('  ')).toEqual([]);
  });
});

describe('identifiers', () => {
  it('normalises domains', () => {
    expect(['acme.com', 'https://www.Acme.com/about?x=1', 'ACME.COM.', 'http://shop.acme.co.uk:8080', 'münchen.de'].map(parseDomain))
      .toEqual(['acme.com', 'acme.com', 'acme.com', 'shop.acme.co.uk', 'xn--mnchen-3ya.de']);
    for (const bad of ['acme', 'acme .com', '-acme.com', 'ann@acme.com']) expect(parseDomain(bad)).toBeInstanceOf(Invalid);
  });
  it('normalises Salesforce Account ids to 18 characters', () => {
    expect(parseSalesforceAccountId('001M000000qfPyS')).toBe('001M000000qfPySIAU');
    expect(reason(parseSalesforceAccountId('003M000000qfPyS'))).toBe('is not a Salesforce Account id (those start with 001)');
    expect(parseSalesforceAccountId('001M00000')).toBeInstanceOf(Invalid);
  });
  it('parses integer ids', () => {
    expect(['360001', ' 42.0 ', '007'].map(parseIntegerId)).toEqual(['360001', '42', '7']);
    expect(reason(parseIntegerId('3.6E+11'))).toContain('scientific notation');
    expect(parseIntegerId('12a')).toBeInstanceOf(Invalid);
  });
  it('parses emails', () => {
    expect(['Ann@Acme.com', 'Ann Smith <ann@acme.com>', 'mailto:bob@acme.co.uk'].map(parseEmail)).toEqual(['ann@acme.com', 'ann@acme.com', 'bob@acme.co.uk']);
    for (const bad of ['ann', 'ann@acme', 'a b@acme.com', '@acme.com']) expect(parseEmail(bad)).toBeInstanceOf(Invalid);
  });
});
