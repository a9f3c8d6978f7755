import type { PageContext } from '../crm/types';
import { readZendeskApi } from './zendesk-api';

const page = (kind: PageContext['kind'], hints: PageContext['hints']): PageContext => ({ crm: 'zendesk', kind, recordKey: 'k', hints });

function fakeFetch(responses: Record<string, unknown>) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const impl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, init });
    const path = url.replace('https://acme.zendesk.com', '');
    if (!(path in responses)) return new Response('{"error":"RecordNotFound"}', { status: 404 });
    return new Response(JSON.stringify(responses[path]), { status: 200 });
  }) as typeof fetch;
  return { impl, calls };
}

const opts = (f: typeof fetch, signal = new AbortController().signal) => ({ fetch: f, origin: 'https://acme.zendesk.com', signal });

test('a user page: the user, then its organization; GET, same origin, with the session cookie', async () => {
  const user = { user: { id: 3601, email: 'jane@acme.example', organization_id: 900001 } };
  const org = { organization: { id: 900001, name: 'Acme Corp', domain_names: ['acme.example'] } };
  const { impl, calls } = fakeFetch({ '/api/v2/users/3601.json': user, '/api/v2/organizations/900001.json': org });
  expect(await readZendeskApi(page('user', { zendeskUserId: '3601' }), opts(impl))).toEqual([user, org]);
  expect(calls.map((c) => c.url)).toEqual(['https://acme.zendesk.com/api/v2/users/3601.json', 'https://acme.zendesk.com/api/v2/organizations/900001.json']);
  expect(calls.every((c) => c.init?.method === 'GET' && c.init.credentials === 'same-origin')).toBe(true);
});

test('a ticket page: one request, as the organization came side-loaded', async () => {
  const ticket = {
    ticket: { id: 101, requester_id: 1, organization_id: 900001 },
    organizations: [{ id: 900001, name: 'Acme Corp', domain_names: [] }],
  };
  const { impl, calls } = fakeFetch({ '/api/v2/tickets/101.json?include=users,organizations': ticket });
  expect(await readZendeskApi(page('ticket', { zendeskTicketId: '101' }), opts(impl))).toEqual([ticket]);
  expect(calls).toHaveLength(1);
});

test('a failed response ends the exchange with what was read; an abort throws', async () => {
  const { impl } = fakeFetch({});
  expect(await readZendeskApi(page('ticket', { zendeskTicketId: '101' }), opts(impl))).toEqual([]);
  const controller = new AbortController();
  controller.abort();
  const aborting = (async (_: RequestInfo | URL, init?: RequestInit) => {
    init?.signal?.throwIfAborted();
    return new Response('{}');
  }) as typeof fetch;
  await expect(readZendeskApi(page('ticket', { zendeskTicketId: '101' }), opts(aborting, controller.signal))).rejects.toThrow();
});

test('a body that is not JSON, or too large, is not sent on', async () => {
  const impl = (async () => new Response('x'.repeat(600 * 1024))) as typeof fetch;
  expect(await readZendeskApi(page('ticket', { zendeskTicketId: '101' }), opts(impl))).toEqual([]);
  const html = (async () => new Response('<html>login</html>')) as typeof fetch;
  expect(await readZendeskApi(page('ticket', { zendeskTicketId: '101' }), opts(html))).toEqual([]);
});
