/**
 * The candidate's agenda: their booked slots, group sessions, queues and past
 * interviews on one page. The agenda follows the app's one `QueueManager` for live places
 * and calls, and the hall for the names of the stands they queue at.
 */
import { documentVisibility } from "../lib/admin/live-dashboard.manager.js";
import { AgendaApi } from "../lib/agenda/agenda.api.js";
import { AgendaManager } from "../lib/agenda/agenda.manager.js";
import { WebinarListManager } from "../lib/webinars/webinar-list.manager.js";
import { WebinarsApi } from "../lib/webinars/webinars.api.js";
import type { PageServices } from "./page.services.js";

export function build({ fetch, hall, queue, webinarReminders }: PageServices) {
  return {
    agenda: new AgendaManager(new AgendaApi(fetch), queue, { visibility: documentVisibility }),
    hall,
    webinars: new WebinarListManager(new WebinarsApi(fetch), () => void webinarReminders.refresh()),
  };
}
