/**
 * Builds the two alert managers on the real browser: the notification offer
 * and the call alerts share the Notification API and the device's storage.
 * main.ts tells them the joins and the calls.
 */
import type { Readable } from "svelte/store";
import type { Translate } from "../i18n/i18n.setup.js";
import { browserAttention, browserNotifications } from "./alerts.browser.js";
import type { PreferenceStorage } from "./alerts.ports.js";
import { CallAlertsManager } from "./call-alerts.manager.js";
import { createCallChime } from "./call-chime.js";
import { NotificationOfferManager } from "./notification-offer.manager.js";

export interface BrowserAlerts {
  notificationOffer: NotificationOfferManager;
  callAlerts: CallAlertsManager;
}

export function createBrowserAlerts(
  win: Window,
  options: {
    t: Readable<Translate>;
    standName: (standId: string) => string | undefined;
    storage: PreferenceStorage | undefined;
  },
): BrowserAlerts {
  const notifications = browserNotifications(win);
  return {
    notificationOffer: new NotificationOfferManager({ notifications, storage: options.storage }),
    callAlerts: new CallAlertsManager({
      notifications,
      attention: browserAttention(win),
      sound: createCallChime(win),
      t: options.t,
      standName: options.standName,
      storage: options.storage,
    }),
  };
}
