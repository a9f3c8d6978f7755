// @vitest-environment happy-dom
import { fixtureDocument } from '../../../tests/fixtures/crm/load';
import { freshdesk } from '.';

const at = (path: string) => new URL(`https://acme.freshdesk.com${path}`);

describe('freshdesk', () => {
  it('reads the company a ticket’s or contact’s page links to, and the requester’s or contact’s email', () => {
    const doc = fixtureDocument('freshdesk/ticket-company-link.html');
    const expected = { freshdeskCompanyId: '3001', name: 'Acme Corp', emails: ['jane.doe@acme.example'] };
    expect(freshdesk.hints(at('/a/tickets/4711'), doc)).toEqual(expected);
    expect(freshdesk.hints(at('/a/contacts/5001'), doc)).toEqual(expected);
  });

  it('takes the company id of a company page from the URL', () => {
    expect(freshdesk.hints(at('/a/companies/3001'), fixtureDocument('freshdesk/ticket-company-link.html'))).toEqual({ freshdeskCompanyId: '3001' });
  });

  it('offers nothing for a ticket whose requester has no company, or a link that is not a company page', () => {
    const doc = fixtureDocument('freshdesk/ticket-company-link.html');
    doc.querySelector('.contact-email')?.remove();
    doc.querySelector('.contact-company a')?.setAttribute('href', '/a/companies/filters/all');
    expect(freshdesk.hints(at('/a/tickets/4711'), doc)).toEqual({});
    doc.querySelector('.contact-company')?.remove();
    expect(freshdesk.hints(at('/a/tickets/4711'), doc)).toEqual({});
  });
});
