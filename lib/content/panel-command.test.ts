import { listsCustomSite } from './custom-host';
import { TOGGLE_PANEL, isTogglePanel } from '../messaging/panel-command';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;

test('the toggle command is accepted only from our own background', () => {
  expect(isTogglePanel(TOGGLE_PANEL, { id: ID, url: `${ORIGIN}background.js` }, ID, ORIGIN)).toBe(true);
  expect(isTogglePanel(TOGGLE_PANEL, { id: ID }, ID, ORIGIN)).toBe(true);
  // Another extension, a content script (it has a tab), a page URL, a lookalike message.
  expect(isTogglePanel(TOGGLE_PANEL, { id: 'other' }, ID, ORIGIN)).toBe(false);
  expect(isTogglePanel(TOGGLE_PANEL, { id: ID, tab: { id: 1 }, url: 'https://acme.zendesk.com/' }, ID, ORIGIN)).toBe(false);
  expect(isTogglePanel(TOGGLE_PANEL, { id: ID, url: 'https://evil.example/' }, ID, ORIGIN)).toBe(false);
  expect(isTogglePanel({ ...TOGGLE_PANEL, extra: 1 }, { id: ID }, ID, ORIGIN)).toBe(false);
  expect(isTogglePanel({ channel: 'nps-panel-command', command: 'remove' }, { id: ID }, ID, ORIGIN)).toBe(false);
  expect(isTogglePanel(null, { id: ID }, ID, ORIGIN)).toBe(false);
});

test('a custom host counts only when storage lists it for this CRM', () => {
  const stored = [{ host: 'support.acme.com', crm: 'zendesk', addedAt: 1 }];
  expect(listsCustomSite(stored, 'zendesk', 'support.acme.com')).toBe(true);
  expect(listsCustomSite(stored, 'salesforce', 'support.acme.com')).toBe(false);
  expect(listsCustomSite(stored, 'zendesk', 'evil.acme.com')).toBe(false);
  expect(listsCustomSite({ host: 'support.acme.com' }, 'zendesk', 'support.acme.com')).toBe(false);
  expect(listsCustomSite([null, 3], 'zendesk', 'support.acme.com')).toBe(false);
});
