/**
 * A stand's page: its vacancies' details, the candidate's applications there, the queue,
 * the interview slots to book, its group sessions, and the offer of notifications that a join brings up.
 */
import { AccountApi } from "../lib/account/account.api.js";
import { ApplicationsManager } from "../lib/account/applications.manager.js";
import { loadStandDetails } from "../lib/account/vacancy.view.js";
import { AvailabilityApi } from "../lib/availability/availability.api.js";
import { BookingManager } from "../lib/availability/booking.manager.js";
import { WebinarListManager } from "../lib/webinars/webinar-list.manager.js";
import { WebinarsApi } from "../lib/webinars/webinars.api.js";
import type { PageServices } from "./page.services.js";

export function build(
  { hall, session, queue, notificationOffer, webinarReminders }: PageServices,
  { standId }: { standId: string },
) {
  const api = new AccountApi();
  return {
    standId,
    hall,
    session,
    queue,
    notificationOffer,
    details: loadStandDetails(api, standId),
    applications: new ApplicationsManager(api),
    // A booked slot's call reaches a tab in the background too: offer notifications once.
    bookings: new BookingManager(new AvailabilityApi(), () => notificationOffer.offer()),
    webinars: new WebinarListManager(new WebinarsApi(), () => void webinarReminders.refresh()),
  };
}
