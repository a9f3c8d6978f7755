import type { PageContext } from '../types';
import { hintsFromZendeskApi, zendeskApiPaths } from './api';

const page = (kind: string, hints: PageContext['hints']): PageContext => ({ crm: 'zendesk', kind: kind as PageContext['kind'], recordKey: 'zendesk:acme.zendesk.com:x:1', hints });

describe('zendeskApiPaths', () => {
  it('asks for the ticket with its users and organization side-loaded', () => {
    expect(zendeskApiPaths(page('ticket', { zendeskTicketId: '101' }))).toEqual(['/api/v2/tickets/101.json?include=users,organizations']);
  });

  it('asks for the user, then for the organization the user belongs to', () => {
    expect(zendeskApiPaths(page('user', { zendeskUserId: '3601' }))).toEqual(['/api/v2/users/3601.json']);
    expect(zendeskApiPaths(page('user', { zendeskUserId: '3601', zendeskOrganizationId: '900001' }))).toEqual(['/api/v2/organizations/900001.json']);
  });

  it('asks for nothing once the organization and its domains are known, or a path was fetched already', () => {
    expect(zendeskApiPaths(page('organization', { zendeskOrganizationId: '900001', domains: ['acme.example'] }))).toEqual([]);
    const fetched = new Set(['/api/v2/tickets/101.json?include=users,organizations']);
    expect(zendeskApiPaths(page('ticket', { zendeskTicketId: '101' }), fetched)).toEqual([]);
  });

  it('asks for nothing on another CRM’s page or with ids that are not numbers', () => {
    expect(zendeskApiPaths({ ...page('ticket', { zendeskTicketId: '101' }), crm: 'freshdesk' })).toEqual([]);
    expect(zendeskApiPaths(page('ticket', { zendeskTicketId: '../users/1' }))).toEqual([]);
  });
});

describe('hintsFromZendeskApi', () => {
  it('reads a ticket with side-loaded users and organizations', () => {
    const json = {
      ticket: { id: 101, subject: 'Printer on fire', requester_id: 3601, organization_id: 900001 },
      users: [
        { id: 7, email: 'agent@acme-support.example', organization_id: null },
        { id: 3601, email: 'Jane.Doe@acme.example', organization_id: 900001 },
      ],
      organizations: [{ id: 900001, name: 'Acme Corp', domain_names: ['acme.example', 'Acme.co.uk'], external_id: 'SF-001' }],
    };
    expect(hintsFromZendeskApi(json)).toEqual({
      ok: true,
      hints: {
        zendeskTicketId: '101',
        zendeskUserId: '3601',
        zendeskOrganizationId: '900001',
        name: 'Acme Corp',
        domains: ['acme.example', 'acme.co.uk'],
        emails: ['jane.doe@acme.example'],
      },
      noOrganization: false,
    });
  });

  it('reads a user without an organization, and an organization', () => {
    expect(hintsFromZendeskApi({ user: { id: 3601, email: 'jane@gmail.example', organization_id: null } })).toEqual({
      ok: true,
      hints: { zendeskUserId: '3601', emails: ['jane@gmail.example'] },
      // The user's `organization_id: null` says it has none, in so many words.
      noOrganization: true,
    });
    expect(hintsFromZendeskApi({ organization: { id: 900001, name: 'Acme Corp', domain_names: [] } })).toEqual({
      ok: true,
      hints: { zendeskOrganizationId: '900001', name: 'Acme Corp' },
      noOrganization: false,
    });
  });

  it('names the field of a response it cannot read', () => {
    expect(hintsFromZendeskApi({ ticket: { id: 'abc' } })).toEqual({ ok: false, error: expect.stringContaining('ticket.id') });
    expect(hintsFromZendeskApi({ error: 'RecordNotFound' })).toMatchObject({ ok: false });
    expect(hintsFromZendeskApi(null)).toMatchObject({ ok: false });
  });
});
