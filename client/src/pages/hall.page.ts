/** The hall page: the fair's stands with their live queue figures, and its upcoming group sessions. */
import { WebinarListManager } from "../lib/webinars/webinar-list.manager.js";
import { WebinarsApi } from "../lib/webinars/webinars.api.js";
import type { PageServices } from "./page.services.js";

export function build({ hall, hallQueues, session, webinarReminders }: PageServices) {
  return {
    hall,
    hallQueues,
    session,
    webinars: new WebinarListManager(new WebinarsApi(), () => void webinarReminders.refresh()),
  };
}
