import type { PageContext } from '../types';
import { withZendeskApi } from './api';
import { nextStep, zendeskApiPaths } from './api-paths';

const ticketPage = (hints: PageContext['hints']): PageContext => ({ crm: 'zendesk', kind: 'ticket', recordKey: 'zendesk:acme.zendesk.com:ticket:101', hints });

const TICKET_101 = {
  ticket: { id: 101, requester_id: 3601, organization_id: 900001 },
  users: [{ id: 3601, email: 'Jane.Doe@acme.example', organization_id: 900001 }],
  organizations: [{ id: 900001, name: 'Acme Corp', domain_names: ['acme.example'] }],
};

describe('nextStep (zod-free, picks the next path only)', () => {
  it('reads the organization id, and whether its record came along', () => {
    expect(nextStep(TICKET_101)).toEqual({ zendeskOrganizationId: '900001', organizationLoaded: true });
    expect(nextStep({ user: { id: 3601, organization_id: 900001 } })).toEqual({ zendeskOrganizationId: '900001', organizationLoaded: false });
    expect(nextStep({ organization: { id: 900001, domain_names: [] } })).toEqual({ zendeskOrganizationId: '900001', organizationLoaded: true });
  });

  it('says nothing for bodies it cannot read, and never returns a non-numeric id', () => {
    for (const body of [null, 'x', [], { ticket: { organization_id: '../../x' } }, { user: { organization_id: -1 } }, { error: 'RecordNotFound' }]) {
      expect(nextStep(body)).toEqual({ organizationLoaded: false });
    }
  });

  it('with zendeskApiPaths, walks a user page to its organization in two steps', () => {
    const page: PageContext = { crm: 'zendesk', kind: 'user', recordKey: 'k', hints: { zendeskUserId: '3601' } };
    const fetched = new Set<string>();
    const [first] = zendeskApiPaths(page, fetched);
    expect(first).toBe('/api/v2/users/3601.json');
    fetched.add(first!);
    const step = nextStep({ user: { id: 3601, organization_id: 900001 } });
    expect(zendeskApiPaths({ ...page, hints: { ...page.hints, zendeskOrganizationId: step.zendeskOrganizationId } }, fetched)).toEqual([
      '/api/v2/organizations/900001.json',
    ]);
  });
});

describe('withZendeskApi (background: validated, merged before resolution)', () => {
  it("adds the organization's id, name and domains and the requester's email to the DOM's hints", () => {
    const { page, errors } = withZendeskApi(ticketPage({ zendeskTicketId: '101' }), [TICKET_101]);
    expect(errors).toEqual([]);
    expect(page.hints).toEqual({
      zendeskTicketId: '101',
      zendeskUserId: '3601',
      zendeskOrganizationId: '900001',
      name: 'Acme Corp',
      domains: ['acme.example'],
      emails: ['jane.doe@acme.example'],
    });
  });

  it('lets the API win over the DOM for the organization, and keeps the DOM emails after the API ones', () => {
    const dom = ticketPage({ zendeskTicketId: '101', zendeskOrganizationId: '900002', name: 'Globex Corporation', emails: ['ops@acme.example'] });
    expect(withZendeskApi(dom, [TICKET_101]).page.hints).toMatchObject({
      zendeskOrganizationId: '900001',
      name: 'Acme Corp',
      emails: ['jane.doe@acme.example', 'ops@acme.example'],
    });
  });

  it("ignores a response about another ticket (one the agent has left) and names a response it cannot read", () => {
    const dom = ticketPage({ zendeskTicketId: '102', name: 'Globex Corporation' });
    const { page, errors } = withZendeskApi(dom, [TICKET_101, { ticket: { id: 'x' } }]);
    expect(page.hints).toEqual(dom.hints);
    expect(errors).toEqual([expect.stringContaining('ticket.id')]);
  });

  it('merges a user and then its organization (the two steps of a user page)', () => {
    const user: PageContext = { crm: 'zendesk', kind: 'user', recordKey: 'k', hints: { zendeskUserId: '3601' } };
    const { page } = withZendeskApi(user, [
      { user: { id: 3601, email: 'jane@acme.example', organization_id: 900001 } },
      { organization: { id: 900001, name: 'Acme Corp', domain_names: ['acme.example'] } },
    ]);
    expect(page.hints).toEqual({ zendeskUserId: '3601', zendeskOrganizationId: '900001', name: 'Acme Corp', domains: ['acme.example'], emails: ['jane@acme.example'] });
  });

  it('an API answer of “no organization” overrides the organization the DOM seemed to show', () => {
    const dom = ticketPage({ zendeskTicketId: '101', zendeskOrganizationId: '666', name: 'Evil Corp', emails: ['jane.doe@acme.example'] });
    const noOrg = { ticket: { id: 101, requester_id: 3601, organization_id: null }, users: [{ id: 3601, email: 'Jane.Doe@acme.example', organization_id: null }] };
    expect(withZendeskApi(dom, [noOrg]).page.hints).toEqual({ zendeskTicketId: '101', zendeskUserId: '3601', emails: ['jane.doe@acme.example'] });
    // An answer that does not say (the field absent) leaves the DOM's organization standing.
    const silent = { ticket: { id: 101, requester_id: 3601 } };
    expect(withZendeskApi(dom, [silent]).page.hints).toMatchObject({ zendeskOrganizationId: '666', name: 'Evil Corp' });
  });

  it("changes nothing on another CRM's page", () => {
    const other = { ...ticketPage({ name: 'Acme' }), crm: 'freshdesk' as const };
    expect(withZendeskApi(other, [TICKET_101]).page).toBe(other);
  });
});
