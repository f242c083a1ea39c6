/** A stand admin's page: the stand's details and vacancies, screening questions, booking settings, group sessions and team. */
import { AvailabilityApi } from "../lib/availability/availability.api.js";
import { BookingSettingsManager } from "../lib/availability/booking-settings.manager.js";
import { ScreeningQuestionsManager } from "../lib/staff/screening-questions.manager.js";
import { StandManageManager } from "../lib/staff/stand-manage.manager.js";
import { StandTeamManager } from "../lib/staff/stand-team.manager.js";
import { WebinarScheduleManager } from "../lib/webinars/webinar-schedule.manager.js";
import { WebinarsApi } from "../lib/webinars/webinars.api.js";
import type { PageServices } from "./page.services.js";

export function build({ session, hall }: PageServices, { standId }: { standId: string }) {
  return {
    standId,
    session,
    hall,
    manager: new StandManageManager(),
    questions: new ScreeningQuestionsManager(),
    team: new StandTeamManager({ origin: window.location.origin }),
    bookingSettings: new BookingSettingsManager(new AvailabilityApi()),
    webinars: new WebinarScheduleManager(new WebinarsApi()),
  };
}
