import { isSalesforceId, normaliseSalesforceId, salesforceKind, to18 } from './ids';

describe('to18', () => {
  it.each([
    ['001M000000qfPyS', '001M000000qfPySIAU'],
    ['a0RE000000IJmcN', 'a0RE000000IJmcNMAT'],
  ])('%s → %s (published vectors)', (id15, id18) => {
    expect(to18(id15)).toBe(id18);
  });

  it('encodes every chunk: all lower case → AAA, all upper case → 555', () => {
    expect(to18('abcdeabcdeabcde')).toBe('abcdeabcdeabcdeAAA');
    expect(to18('ABCDEABCDEABCDE')).toBe('ABCDEABCDEABCDE555');
  });

  it('recomputes the suffix of an 18-character id', () => {
    expect(to18('001M000000qfPySIAU')).toBe('001M000000qfPySIAU');
    expect(to18('001M000000qfPySXXX')).toBe('001M000000qfPySIAU');
  });

  it.each(['', '001M000000qfPy', '001M000000qfPySIA', '001M000000qfPy$', '001M000000qfPySIAUX'])('rejects %j', (bad) => {
    expect(() => to18(bad)).toThrow(RangeError);
  });
});

describe('isSalesforceId', () => {
  it('accepts 15 and 18 letters and digits only', () => {
    expect(isSalesforceId('001M000000qfPyS')).toBe(true);
    expect(isSalesforceId('001M000000qfPySIAU')).toBe(true);
    expect(isSalesforceId('001M000000qfPy')).toBe(false);
    expect(isSalesforceId('001M000000qfPyS ')).toBe(false);
    expect(isSalesforceId('001M000000qfPyS-IAU')).toBe(false);
  });
});

describe('normaliseSalesforceId', () => {
  it('turns 15 into 18 and keeps a correct 18', () => {
    expect(normaliseSalesforceId('001M000000qfPyS')).toBe('001M000000qfPySIAU');
    expect(normaliseSalesforceId(' 001M000000qfPySIAU\n')).toBe('001M000000qfPySIAU');
  });

  it('fixes a wrong checksum from the first 15 characters', () => {
    expect(normaliseSalesforceId('001M000000qfPySAAA')).toBe('001M000000qfPySIAU');
  });

  it('restores the case of an 18-character id whose case was lost, from its checksum', () => {
    expect(normaliseSalesforceId('001m000000qfpysiau')).toBe('001M000000qfPySIAU');
    expect(normaliseSalesforceId('A0RE000000IJMCNMAT')).toBe('a0RE000000IJmcNMAT');
  });

  it('fixes a checksum that cannot be the id’s from the first 15 characters', () => {
    // The checksum says a digit is upper case: the suffix is corrupt, not the case.
    expect(normaliseSalesforceId('000000000000000BAA')).toBe('000000000000000AAA');
  });

  it('returns null for anything that is not an id', () => {
    expect(normaliseSalesforceId('Acme Corp')).toBeNull();
    expect(normaliseSalesforceId(undefined)).toBeNull();
    expect(normaliseSalesforceId('')).toBeNull();
  });
});

describe('salesforceKind', () => {
  it('prefers the object name, then the key prefix', () => {
    expect(salesforceKind('001M000000qfPySIAU')).toBe('account');
    expect(salesforceKind('00QM000000LdNewMAF')).toBe('lead');
    expect(salesforceKind('a0RE000000IJmcNMAT')).toBe('record');
    expect(salesforceKind('001M000000qfPySIAU', 'Account')).toBe('account');
    expect(salesforceKind('a0RE000000IJmcNMAT', 'Invoice__c')).toBe('record');
  });
});
