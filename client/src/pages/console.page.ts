/**
 * A recruiter's console for one stand: the live queue (the app's long-lived
 * console manager), the stand's recent interviews with the selected one's
 * assessment and the candidate's applications, the stand's applications and its
 * interview slots.
 */
import { derived } from "svelte/store";
import { AvailabilityApi } from "../lib/availability/availability.api.js";
import { SlotsManager } from "../lib/availability/slots.manager.js";
import { ApplicationsManager } from "../lib/staff/applications.manager.js";
import { AssessmentManager } from "../lib/staff/assessment.manager.js";
import { ConsoleInterviewsManager } from "../lib/staff/console-interviews.manager.js";
import { StandApi } from "../lib/staff/stand.api.js";
import type { PageServices } from "./page.services.js";

export function build(
  { session, staffConsole, hall }: PageServices,
  { standId }: { standId: string },
) {
  return {
    standId,
    session,
    staffConsole,
    /** Stand names from the hall, for a stand the session does not list (yet). */
    standNames: derived(
      hall,
      (state) =>
        new Map(
          (state.status === "ready" ? state.hall.stands : []).map((stand) => [
            stand.id,
            stand.organisationName,
          ]),
        ),
    ),
    interviews: {
      list: new ConsoleInterviewsManager(),
      assessment: new AssessmentManager(),
      candidateApplications: new ApplicationsManager(),
    },
    standApplications: new ApplicationsManager(),
    // Live while open: a push of the console's queue (a booked call starting) reads the slots again.
    slots: new SlotsManager(new AvailabilityApi(), new StandApi(), {
      queue: derived(staffConsole, (state) => state.queue),
    }),
    /** The current fair's opening hours and zone, where slots are published. */
    fairCalendar: derived(hall, (state) =>
      state.status === "ready"
        ? { openingHours: state.hall.fair.openingHours, timeZone: state.hall.fair.timeZone }
        : null,
    ),
  };
}
