/**
 * A recruiter's console for one stand: the live queue (the app's long-lived
 * console manager), the stand's recent interviews with the selected one's
 * assessment and the candidate's applications, and the stand's applications.
 */
import { derived } from "svelte/store";
import { ApplicationsManager } from "../lib/staff/applications.manager.js";
import { AssessmentManager } from "../lib/staff/assessment.manager.js";
import { ConsoleInterviewsManager } from "../lib/staff/console-interviews.manager.js";
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
  };
}
