// @vitest-environment happy-dom
import { fixtureDocument } from '../../../tests/fixtures/crm/load';
import { hubspot } from '.';

const record = (type: string, id: string) => new URL(`https://app.hubspot.com/contacts/2468013/record/${type}/${id}`);

describe('hubspot', () => {
  it('names a company from its highlight card', () => {
    expect(hubspot.hints(record('0-2', '8123456789'), fixtureDocument('hubspot/company-standard.html'))).toEqual({ hubspotCompanyId: '8123456789', name: 'Acme Corp' });
  });

  it('never takes a deal’s or contact’s title for the account name', () => {
    const doc = fixtureDocument('hubspot/company-standard.html');
    expect(hubspot.hints(record('0-3', '9001'), doc)).toEqual({ hubspotRecordId: '9001' });
    expect(hubspot.hints(record('0-1', '51'), fixtureDocument('hubspot/contact-standard.html'))).toEqual({ hubspotRecordId: '51', emails: ['jane.doe@acme.example'] });
  });

  it('keys records by portal, as object ids repeat across portals', () => {
    const url = new URL('https://app.hubspot.com/contacts/1357/company/8123456789');
    expect(hubspot.recordKey(url, hubspot.pageKind(url)!)).toBe('hubspot:1357:company:8123456789');
  });

  it('anchors the panel on the highlight card', () => {
    expect(hubspot.panelAnchor?.(fixtureDocument('hubspot/company-standard.html'))?.getAttribute('data-card-type')).toBe('OBJECT_HIGHLIGHT');
  });
});
