/** A stand admin's page: the stand's details and vacancies, screening questions and team. */
import { ScreeningQuestionsManager } from "../lib/staff/screening-questions.manager.js";
import { StandManageManager } from "../lib/staff/stand-manage.manager.js";
import { StandTeamManager } from "../lib/staff/stand-team.manager.js";
import type { PageServices } from "./page.services.js";

export function build({ session, hall }: PageServices, { standId }: { standId: string }) {
  return {
    standId,
    session,
    hall,
    manager: new StandManageManager(),
    questions: new ScreeningQuestionsManager(),
    team: new StandTeamManager({ origin: window.location.origin }),
  };
}
