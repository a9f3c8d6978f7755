import { describe, expect, it } from 'vitest';
import type { AccountFacts } from '../model';
import { BatchAccounts } from './batch-accounts';

function facts(id: string, more: Partial<AccountFacts> = {}): AccountFacts {
  return Object.freeze({ id, domains: [], salesforceIds: [], zendeskOrganizationIds: [], hubspotCompanyIds: [], ...more });
}

describe('BatchAccounts', () => {
  it('gives each account of a batch once, with every spelling merged and the last name', () => {
    const accounts = new BatchAccounts();
    const plain = facts('acc-1', { name: 'Acme', domains: ['acme.com'] });
    accounts.add(plain);
    accounts.add(facts('acc-2', { name: 'Initech' }));
    accounts.add(facts('acc-1', { name: 'Acme Inc', domains: ['acme.io', 'acme.com'], salesforceIds: ['001M000000qfPySIAU'] }));
    accounts.add(plain);
    expect(accounts.take()).toEqual([
      { id: 'acc-1', name: 'Acme Inc', domains: ['acme.com', 'acme.io'], salesforceIds: ['001M000000qfPySIAU'], zendeskOrganizationIds: [], hubspotCompanyIds: [] },
      { id: 'acc-2', name: 'Initech', domains: [], salesforceIds: [], zendeskOrganizationIds: [], hubspotCompanyIds: [] },
    ]);
  });

  it('names in a batch only its own accounts, with what earlier batches said of them', () => {
    const accounts = new BatchAccounts();
    accounts.add(facts('acc-1', { domains: ['acme.com'] }));
    accounts.add(facts('acc-2'));
    accounts.take();
    accounts.add(facts('acc-1', { hubspotCompanyIds: ['987'] }));
    expect(accounts.take()).toEqual([
      { id: 'acc-1', domains: ['acme.com'], salesforceIds: [], zendeskOrganizationIds: [], hubspotCompanyIds: ['987'] },
    ]);
    expect(accounts.take()).toEqual([]);
  });

  it('keeps the same object while nothing new is said, and never changes one it handed out', () => {
    const accounts = new BatchAccounts();
    const first = facts('acc-1', { name: 'Acme', domains: ['acme.com'] });
    accounts.add(first);
    const [given] = accounts.take();
    expect(given).toBe(first);
    accounts.add(facts('acc-1', { name: 'Acme', domains: ['acme.com'] }));
    expect(accounts.take()[0]).toBe(first);
    accounts.add(facts('acc-1', { domains: ['acme.io'] }));
    const [next] = accounts.take();
    expect(next).not.toBe(first);
    expect(next?.domains).toEqual(['acme.com', 'acme.io']);
    expect(first.domains).toEqual(['acme.com']);
    expect(Object.isFrozen(next) && Object.isFrozen(next?.domains)).toBe(true);
  });
});
