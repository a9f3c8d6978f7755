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

  it('never takes an organization link or an email from what people wrote in the ticket', () => {
    const doc = fixtureDocument('zendesk/ticket-single.html');
    const pane = doc.querySelector('[data-ticket-id="205"] .ticket-pane')!;
    pane.insertAdjacentHTML(
      'beforeend',
      '<article data-test-id="omni-log-comment-item">Forwarded: see <a href="/agent/organizations/666">Evil Corp</a>, ' +
        '<span title="mallory@evil.example">Mallory</span></article>',
    );
    doc.querySelector('[data-test-id="requester-field"]')!.remove();
    expect(zendesk.hints(ticket(205), doc)).toEqual({ zendeskTicketId: '205', name: 'Initech LLC' });
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
