// @vitest-environment happy-dom
import { PanelFrame } from './panel-frame';

beforeAll(() => {
  // The frames are not loaded here (happy-dom cannot fetch an extension's page).
  const settings = (window as unknown as { happyDOM?: { settings: { navigation: { disableChildFrameNavigation: boolean } } } }).happyDOM?.settings;
  if (settings) settings.navigation.disableChildFrameNavigation = true;
});

afterEach(() => {
  document.documentElement.querySelectorAll('[data-testid^="nps-panel"]').forEach((el) => el.remove());
});

test('a frame created names the page report it was shown for; later reports leave its URL as it is', () => {
  const chrome = new PanelFrame();
  chrome.show('k3j9x0aa.1');
  const frame = document.querySelector<HTMLIFrameElement>('[data-testid="nps-panel-frame"]')!;
  expect(new URL(frame.src).pathname).toBe('/panel.html');
  expect(new URL(frame.src).search).toBe('?report=k3j9x0aa.1');
  expect(new URL(frame.src).hash).toBe('#theme=light');
  chrome.hide();
  chrome.show('k3j9x0aa.2');
  expect(new URL(frame.src).search).toBe('?report=k3j9x0aa.1');
  chrome.remove();
});

test('collapsed, no frame is made; expanded later, the frame names the latest report', () => {
  const chrome = new PanelFrame();
  chrome.setPrefs({ collapsed: true, width: 380 });
  chrome.show('k3j9x0aa.1');
  chrome.show('k3j9x0aa.2');
  expect(document.querySelector('[data-testid="nps-panel-frame"]')).toBeNull();
  chrome.setCollapsed(false);
  const frame = document.querySelector<HTMLIFrameElement>('[data-testid="nps-panel-frame"]')!;
  expect(new URL(frame.src).search).toBe('?report=k3j9x0aa.2');
  chrome.remove();
});
