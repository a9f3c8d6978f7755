// @vitest-environment happy-dom
import { fixtureDocument } from '../../../tests/fixtures/crm/load';
import { dynamics } from '.';
import { normaliseGuid } from './url';

const GUID = '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d';
const form = (entity: string) => new URL(`https://acme.crm4.dynamics.com/main.aspx?pagetype=entityrecord&etn=${entity}&id=%7B${GUID.toUpperCase()}%7D`);

describe('dynamics', () => {
  it('normalises GUIDs to lower case without braces', () => {
    expect(normaliseGuid(`{${GUID.toUpperCase()}}`)).toBe(GUID);
    expect(normaliseGuid(GUID)).toBe(GUID);
    expect(normaliseGuid('{not-a-guid}')).toBeUndefined();
    expect(normaliseGuid(null)).toBeUndefined();
  });

  it('names an account from the form header', () => {
    expect(dynamics.hints(form('account'), fixtureDocument('dynamics/account-standard.html'))).toEqual({ dynamicsAccountId: GUID, name: 'Acme Corp' });
  });

  it('detects contacts and cases without taking their header for an account name', () => {
    const doc = fixtureDocument('dynamics/account-standard.html');
    expect(dynamics.pageKind(form('incident'))).toEqual({ kind: 'case', recordId: GUID });
    expect(dynamics.hints(form('contact'), doc)).toEqual({});
  });
});
