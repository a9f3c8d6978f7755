import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackgroundService } from '../lib/service/background-service';
import { dispatch, isServiceCall } from '../lib/service/server';

export default defineBackground(() => {
  const { handlers } = createBackgroundService();
  // Registered synchronously at start-up: a Manifest V3 worker woken by a message must find its listener.
  // sendResponse + `return true` is the form every browser supports for asynchronous replies.
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (!isServiceCall(message)) return false;
    void dispatch(handlers, message, sender, browser.runtime.id).then(sendResponse);
    return true;
  });
});
