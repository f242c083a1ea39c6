/**
 * The HTTP side of a recruiter's work at the console: a stand's interviews
 * and their private assessments, and the applications staff move along the
 * pipeline. Every answer is checked against the shared schemas.
 */
import {
  interviewAssessmentSchema,
  pageSchema,
  staffApplicationSchema,
  staffApplicationsSchema,
  standInterviewSchema,
  type ApplicationStatus,
  type AssessmentBody,
  type InterviewAssessment,
  type Page,
  type StaffApplication,
  type StandInterview,
} from "@crossfair/shared";
import { requestJson, type Fetch, type HttpResult } from "../http/http.client.js";

const id = encodeURIComponent;

export const STAFF_URLS = {
  assessment: (interviewId: string) => `/api/interviews/${id(interviewId)}/assessment`,
  standInterviews: (standId: string) => `/api/stands/${id(standId)}/interviews`,
  standApplications: (standId: string) => `/api/stands/${id(standId)}/applications`,
  candidateApplications: (standId: string, candidateId: string) =>
    `/api/stands/${id(standId)}/candidates/${id(candidateId)}/applications`,
  applicationStatus: (applicationId: string) => `/api/applications/${id(applicationId)}/status`,
} as const;

const interviewsPageSchema = pageSchema(standInterviewSchema);
const applicationsPageSchema = pageSchema(staffApplicationSchema);

/** `?a=1&b=2` from the defined values, or "" when there are none. */
export function queryString(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export function loadAssessment(
  fetchFn: Fetch,
  interviewId: string,
): Promise<HttpResult<InterviewAssessment>> {
  return requestJson(fetchFn, STAFF_URLS.assessment(interviewId), interviewAssessmentSchema);
}

export function saveAssessment(
  fetchFn: Fetch,
  interviewId: string,
  body: AssessmentBody,
): Promise<HttpResult<InterviewAssessment>> {
  return requestJson(fetchFn, STAFF_URLS.assessment(interviewId), interviewAssessmentSchema, {
    method: "PUT",
    body,
  });
}

export function loadStandInterviews(
  fetchFn: Fetch,
  standId: string,
  page = 1,
  pageSize = 10,
): Promise<HttpResult<Page<StandInterview>>> {
  return requestJson(
    fetchFn,
    `${STAFF_URLS.standInterviews(standId)}${queryString({ page, pageSize })}`,
    interviewsPageSchema,
  );
}

export function loadStandApplications(
  fetchFn: Fetch,
  standId: string,
  query: { status: ApplicationStatus | null; page: number; pageSize: number },
): Promise<HttpResult<Page<StaffApplication>>> {
  return requestJson(
    fetchFn,
    `${STAFF_URLS.standApplications(standId)}${queryString(query)}`,
    applicationsPageSchema,
  );
}

export async function loadCandidateApplications(
  fetchFn: Fetch,
  standId: string,
  candidateId: string,
): Promise<HttpResult<StaffApplication[]>> {
  const answer = await requestJson(
    fetchFn,
    STAFF_URLS.candidateApplications(standId, candidateId),
    staffApplicationsSchema,
  );
  return answer.ok ? { ok: true, data: answer.data.applications } : answer;
}

export function moveApplication(
  fetchFn: Fetch,
  applicationId: string,
  status: ApplicationStatus,
): Promise<HttpResult<StaffApplication>> {
  return requestJson(fetchFn, STAFF_URLS.applicationStatus(applicationId), staffApplicationSchema, {
    method: "POST",
    body: { status },
  });
}
