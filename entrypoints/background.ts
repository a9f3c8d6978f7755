import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { sendTogglePanel } from '../lib/messaging/panel-command';
import { openSidePanelFor } from '../lib/background/side-panel';
import { createBackgroundService } from '../lib/background/background-service';
import { createRecordInjector } from '../lib/background/record-injector';
import { dispatch, isServiceCall, servePort } from '../lib/messaging/dispatch';
import { SERVICE_PORT } from '../lib/messaging/protocol';
import { createSiteRegistry } from '../lib/background/sites';
import { createDiagnostics } from '../lib/background/diagnostics';
import { createLogger, setLogSink } from '../lib/core/log';
import { forgetTab } from '../lib/background/service-context';

export default defineBackground(() => {
  const sites = createSiteRegistry();
  const diagnostics = createDiagnostics(browser.storage.local);
  // Failures of background work are recorded (options page → Diagnostics), never swallowed.
  setLogSink(diagnostics.sink);
  const log = createLogger('background');
  const { handlers, sources, resumeAnalysis, startAttention, onAlarm } = createBackgroundService({ sites, diagnostics });
  // Registered synchronously at start-up: a Manifest V3 worker woken by a message must find its listener.
  // sendResponse + `return true` is the form every browser supports for asynchronous replies.
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (!isServiceCall(message)) return false;
    void dispatch(handlers, message, sender, browser.runtime.id).then(sendResponse);
    return true;
  });
  // Pages that call many times a second (the popup's search) keep a port open instead.
  browser.runtime.onConnect.addListener((port) => void servePort(handlers, port, browser.runtime.id, SERVICE_PORT));
  // The keyboard command shows or hides the panel in the tab it was given in; on a custom host, where
  // no frame can be shown, it opens the browser's side panel for that tab.
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'toggle-panel' && !openSidePanelFor(tab)) void sendTogglePanel(tab);
  });
  // A CRM tab that navigates in place from a page without our script (a list view) into a record gets
  // that CRM's script now: the manifest declares it on record pages only.
  const injectOnRecord = createRecordInjector(() => sites.list());
  browser.tabs.onUpdated.addListener((tabId, changeInfo, tab) => void injectOnRecord(tabId, changeInfo, tab));
  // A closed tab's last report is forgotten (the reports are kept per tab for the browser's session).
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId).catch(log.failed('forgetting a closed tab')));
  // Custom sites: registrations follow the stored list and the permissions still granted.
  browser.runtime.onStartup.addListener(() => void sites.sync().catch(log.failed('custom sites: sync at start-up')));
  browser.runtime.onInstalled.addListener(() => void sites.sync().catch(log.failed('custom sites: sync after install')));
  browser.permissions.onRemoved.addListener(() => void sites.sync().catch(log.failed('custom sites: sync after a permission was removed')));
  // The data source: timers are alarms (a stopped worker is woken for them), and a sync or queued
  // writes cut off when the worker last stopped carry on from what IndexedDB recorded.
  browser.alarms.onAlarm.addListener((alarm) => void onAlarm(alarm.name).catch(log.failed(`alarm ${alarm.name}`)));
  void sources.resume().catch(log.failed('data source: resuming a sync or queued writes'));
  // What needs attention (the popup's list and the badge) is ranked again at start and every hour.
  void startAttention().catch(log.failed('what needs attention: starting'));
  // Comments left unread when the worker last stopped are read now.
  void resumeAnalysis().catch(log.failed('comment reading: resuming'));
});
