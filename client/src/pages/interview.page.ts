/**
 * An interview's page: the call (its own socket and media session, opened for
 * as long as the page is open), who it is with, and for staff the assessment
 * and the candidate's applications.
 */
import { InterviewApi } from "../lib/interview/interview.api.js";
import { openInterviewSession } from "../lib/interview/interview.session.js";
import { ApplicationsManager } from "../lib/staff/applications.manager.js";
import { AssessmentManager } from "../lib/staff/assessment.manager.js";
import type { PageServices } from "./page.services.js";

export function build({ session, fetch }: PageServices, { interviewId }: { interviewId: string }) {
  return {
    interviewId,
    session,
    call: openInterviewSession(interviewId),
    participant: new InterviewApi(fetch).loadParticipantInterview(interviewId),
    assessment: new AssessmentManager(),
    applications: new ApplicationsManager(),
  };
}
