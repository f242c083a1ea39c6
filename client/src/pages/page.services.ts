/**
 * What a page module gets to build its page: the long-lived services made once
 * in main.ts. It names no router on purpose: page modules are loaded by the route
 * table, so importing the router here would be an import cycle; components that
 * navigate take the router from context (`useRouter`).
 */
import type { CallAlertsManager } from "../lib/alerts/call-alerts.manager.js";
import type { NotificationOfferManager } from "../lib/alerts/notification-offer.manager.js";
import type { HallQueuesManager } from "../lib/hall/hall.queues.js";
import type { HallStore } from "../lib/hall/hall.store.js";
import type { Fetch } from "../lib/http/http.client.js";
import type { QueueManager } from "../lib/queue/queue.manager.js";
import type { StaffConsoleManager } from "../lib/queue/staff-console.manager.js";
import type { SessionStore } from "../lib/session/session.store.js";
import type { WebinarRemindersManager } from "../lib/webinars/webinar-reminders.manager.js";

export interface PageServices {
  readonly fetch: Fetch;
  readonly session: SessionStore;
  readonly hall: HallStore;
  readonly hallQueues: HallQueuesManager;
  readonly queue: QueueManager;
  readonly staffConsole: StaffConsoleManager;
  /** Call `offer()` after a join or a booking: asks once, politely, for notifications. */
  readonly notificationOffer: NotificationOfferManager;
  /** A called candidate's notification, chime and title flash; owns the page's title. */
  readonly callAlerts: CallAlertsManager;
  /** The candidate's "starting soon" banners; `refresh()` after a registration changes. */
  readonly webinarReminders: WebinarRemindersManager;
}
