/**
 * The candidate's agenda: their booked slots, queues and past interviews on
 * one page. The agenda follows the app's one `QueueManager` for live places
 * and calls, and the hall for the names of the stands they queue at.
 */
import { documentVisibility } from "../lib/admin/live-dashboard.manager.js";
import { AgendaApi } from "../lib/agenda/agenda.api.js";
import { AgendaManager } from "../lib/agenda/agenda.manager.js";
import type { PageServices } from "./page.services.js";

export function build({ fetch, hall, queue }: PageServices) {
  return {
    agenda: new AgendaManager(new AgendaApi(fetch), queue, { visibility: documentVisibility }),
    hall,
  };
}
