import { recordFromPath, salesforceRecord, workspaceRecord } from './url';

const ACME = '001M000000qfPySIAU';

describe('recordFromPath', () => {
  it('reads Account links with and without the object name, 15 or 18 characters', () => {
    for (const path of [`/lightning/r/Account/${ACME}/view`, `/lightning/r/${ACME}/view`, `/lightning/r/${ACME.slice(0, 15)}/view`]) {
      expect(recordFromPath(path)).toEqual({ kind: 'account', recordId: ACME });
    }
  });

  it('ignores paths that are not record pages', () => {
    expect(recordFromPath('/lightning/o/Account/list')).toBeNull();
    expect(recordFromPath(`/lightning/r/Account/${ACME}`)).toBeNull();
    expect(recordFromPath(`/lightning/r/Account/${ACME}/viewer`)).toBeNull();
  });
});

describe('workspaceRecord', () => {
  it('reads the console workspace (the enclosing primary tab) from ws=', () => {
    const url = new URL(`https://acme.lightning.force.com/lightning/r/Contact/003M000000JnDoeIAF/view?ws=%2Flightning%2Fr%2FAccount%2F${ACME}%2Fview`);
    expect(salesforceRecord(url)).toEqual({ kind: 'contact', recordId: '003M000000JnDoeIAF' });
    expect(workspaceRecord(url)).toEqual({ kind: 'account', recordId: ACME });
  });

  it('is null outside console apps and for a workspace that is not a record', () => {
    expect(workspaceRecord(new URL(`https://acme.lightning.force.com/lightning/r/Account/${ACME}/view`))).toBeNull();
    expect(workspaceRecord(new URL('https://acme.lightning.force.com/lightning/r/Contact/003M000000JnDoeIAF/view?ws=%2Flightning%2Fpage%2Fhome'))).toBeNull();
  });
});
