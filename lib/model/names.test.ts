import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { accountKeyFromName, LEGAL_SUFFIXES, normaliseAccountName } from './names';

describe('normaliseAccountName', () => {
  it.each([
    ['Acme Corporation', 'acme'],
    ['ACME, Inc.', 'acme'],
    ['Acme Co., Ltd.', 'acme'],
    ['  Initech   GmbH ', 'initech'],
    ['Société Générale S.A.', 'societe generale'],
    ['Umbrella S.A.S.', 'umbrella'],
    ['Müller & Söhne AG', 'muller and sohne'],
    ['Procter and Gamble', 'procter and gamble'],
    ['Procter & Gamble Co', 'procter and gamble'],
    ['Wayne Enterprises Pty Ltd', 'wayne enterprises'],
    ["O'Reilly Media, LLC", 'oreilly media'],
    ['Straße GmbH', 'strasse'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseAccountName(input)).toBe(expected);
  });

  it('drops suffixes only at the end and never the whole name', () => {
    expect(normaliseAccountName('Company')).toBe('company');
    expect(normaliseAccountName('Co-op Inc')).toBe('co op');
    expect(normaliseAccountName('Inc Magazine')).toBe('inc magazine');
  });

  it('keeps near-duplicates apart', () => {
    expect(normaliseAccountName('Globex Logistics')).not.toBe(normaliseAccountName('Globex Corporation'));
    expect(normaliseAccountName('Globex Corporation')).toBe(normaliseAccountName('Globex Corp.'));
  });

  it('folds a printable ASCII name in one pass exactly as the Unicode path does', () => {
    // The Unicode path, step by step (the fast path must give the same key, or stored keys would differ).
    const unicodePath = (name: string) => {
      const folded = name
        .normalize('NFKD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase()
        .replace(/&/g, ' and ')
        .replace(/['’.]/g, '')
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
      const words = folded === '' ? [] : folded.split(' ');
      while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1]!)) words.pop();
      return words.join(' ');
    };
    const ascii = fc.string({ unit: fc.constantFrom(...' &.\'-,/()AaBbZz09xX_!@#*Inc'.split(''), 'Inc', ' Corp', ' co', ' S.A.', 'Ltd.', ' & ', '&&') });
    fc.assert(
      fc.property(ascii, (name) => {
        expect(normaliseAccountName(name)).toBe(unicodePath(name));
      }),
      { numRuns: 2000 },
    );
    for (const name of ['&', '&Co', 'A&', '. &. B', "'", 'AT&T Inc.', 'X-Ray & Co', '  ']) expect(normaliseAccountName(name)).toBe(unicodePath(name));
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        const once = normaliseAccountName(name);
        expect(normaliseAccountName(once)).toBe(once);
      }),
    );
  });
});

describe('accountKeyFromName', () => {
  it('prefixes the key and refuses names without letters or digits', () => {
    expect(accountKeyFromName('Acme Inc')).toBe('name:acme');
    expect(accountKeyFromName(' -- ')).toBeNull();
  });
});
