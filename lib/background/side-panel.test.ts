import { openSidePanelFor } from './side-panel';

test('the command opens the side panel on a custom host only, synchronously', () => {
  const opened: unknown[] = [];
  const api = { sidePanel: { open: (o: { tabId: number }) => (opened.push(o), Promise.resolve()) } };
  expect(openSidePanelFor({ id: 4, url: 'https://support.acme.com/agent/tickets/1' }, api)).toBe(true);
  expect(opened).toEqual([{ tabId: 4 }]);
  // Built-in hosts show the frame; tabs whose URL we may not read, and non-HTTPS pages, are left alone.
  expect(openSidePanelFor({ id: 5, url: 'https://acme.zendesk.com/agent/tickets/1' }, api)).toBe(false);
  expect(openSidePanelFor({ id: 6 }, api)).toBe(false);
  expect(openSidePanelFor({ id: 7, url: 'http://support.acme.com/' }, api)).toBe(false);
  expect(opened).toHaveLength(1);
  // Firefox: its sidebar.
  let sidebar = 0;
  expect(openSidePanelFor({ id: 8, url: 'https://support.acme.com/' }, { sidebarAction: { open: () => (sidebar++, Promise.resolve()) } })).toBe(true);
  expect(sidebar).toBe(1);
  expect(openSidePanelFor({ id: 9, url: 'https://support.acme.com/' }, {})).toBe(false);
});
