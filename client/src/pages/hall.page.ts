/**
 * The hall page: the fair's stands with their live queue figures, its upcoming group
 * sessions, and a candidate's matches.
 */
import { WebinarListManager } from "../lib/webinars/webinar-list.manager.js";
import { WebinarsApi } from "../lib/webinars/webinars.api.js";
import type { PageServices } from "./page.services.js";

export function build({ hall, hallQueues, session, matching, webinarReminders }: PageServices) {
  return {
    hall,
    hallQueues,
    session,
    matching,
    webinars: new WebinarListManager(new WebinarsApi(), () => void webinarReminders.refresh()),
  };
}
