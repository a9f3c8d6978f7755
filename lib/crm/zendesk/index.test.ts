// @vitest-environment happy-dom
import { fixtureDocument } from '../../../tests/fixtures/crm/load';
import { zendesk } from '.';

const ticket = (id: number) => new URL(`https://acme.zendesk.com/agent/tickets/${id}`);

describe('zendesk.hints', () => {
  it('reads the organization and requester of the active pane only', () => {
    const doc = fixtureDocument('zendesk/ticket-two-panes.html');
    expect(zendesk.hints(ticket(101), doc)).toEqual({ zendeskTicketId: '101', zendeskOrganizationId: '900001', name: 'Acme Corp', emails: ['jane.doe@acme.example'] });
  });

  it('reads nothing from the DOM while the header still shows another ticket', () => {
    const doc = fixtureDocument('zendesk/ticket-two-panes.html');
    expect(zendesk.hints(ticket(102), doc)).toEqual({ zendeskTicketId: '102' });
  });

  it('falls back to the ticket’s own pane when no pane is marked active', () => {
    const doc = fixtureDocument('zendesk/ticket-two-panes.html');
    doc.querySelector('[aria-current="page"]')?.removeAttribute('aria-current');
    for (const pane of doc.querySelectorAll('[data-is-active]')) pane.removeAttribute('data-is-active');
    expect(zendesk.hints(ticket(102), doc)).toEqual({ zendeskTicketId: '102', zendeskOrganizationId: '900002', name: 'Globex Corporation', emails: ['hank@globex.example'] });
  });

  it('offers the user and organization ids of their pages', () => {
    const doc = fixtureDocument('zendesk/organization-standard.html');
    expect(zendesk.hints(new URL('https://acme.zendesk.com/agent/users/3601/requested_tickets'), doc)).toEqual({ zendeskUserId: '3601' });
    expect(zendesk.hints(new URL('https://acme.zendesk.com/agent/organizations/900001'), doc)).toEqual({ zendeskOrganizationId: '900001' });
  });
});

describe('zendesk.panelAnchor', () => {
  it('is the active ticket pane', () => {
    const anchor = zendesk.panelAnchor?.(fixtureDocument('zendesk/ticket-two-panes.html'));
    expect(anchor?.closest('[data-ticket-id]')?.getAttribute('data-ticket-id')).toBe('101');
  });
});
