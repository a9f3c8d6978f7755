import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startPanelPreload } from '../components/panel/panel-preload';
import { preloadMessages } from '../components/shared/messages-preload';

// The panel page's first script: a classic, async script that `panel.html` loads beside its
// modules. It runs as soon as it has loaded, before React and the panel's code have, and asks the
// background for the account; the panel takes the answer when it starts (components/panel/panel-preload.ts).
// It also starts fetching the likely language's messages (components/shared/messages-preload.ts).
export default defineUnlistedScript(() => {
  startPanelPreload(window);
  preloadMessages(document);
});
