import { describe, expect, it } from 'vitest';
import { httpsUrl } from './urls';

describe('httpsUrl', () => {
  it('parses an https URL', () => {
    expect(httpsUrl('https://acme.my.salesforce.com/lightning/r/Account/001/view')?.hostname).toBe('acme.my.salesforce.com');
  });
  it('refuses other schemes, garbage and nothing', () => {
    expect(httpsUrl('http://acme.zendesk.com/agent/tickets/1')).toBeNull();
    expect(httpsUrl('chrome://extensions')).toBeNull();
    expect(httpsUrl('not a url')).toBeNull();
    expect(httpsUrl('')).toBeNull();
    expect(httpsUrl(undefined)).toBeNull();
  });
});
