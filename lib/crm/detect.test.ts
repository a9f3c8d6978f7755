// @vitest-environment happy-dom
import { detectWith } from './detect';
import { salesforce } from './salesforce';
import { zendesk } from './zendesk';

const empty = () => new DOMParser().parseFromString('<html><body></body></html>', 'text/html');

test("a custom host is read by the adapter's paths only when the script was registered for it", () => {
  const url = new URL('https://support.acme.com/agent/tickets/101');
  expect(detectWith(zendesk, url, empty())).toBeNull();
  expect(detectWith(zendesk, url, empty(), { anyHost: true })).toEqual({
    crm: 'zendesk',
    kind: 'ticket',
    recordKey: 'zendesk:support.acme.com:ticket:101',
    hints: { zendeskTicketId: '101' },
  });
  const enhanced = new URL('https://acme.my.salesforce-setup.com/lightning/r/Account/001M000000qfPyS/view');
  expect(detectWith(salesforce, enhanced, empty(), { anyHost: true })).toMatchObject({ kind: 'account', hints: { salesforceAccountId: '001M000000qfPySIAU' } });
  // Paths that show no record stay undetected on any host.
  expect(detectWith(zendesk, new URL('https://support.acme.com/agent/filters/1'), empty(), { anyHost: true })).toBeNull();
});
