/**
 * The HTTP side of a recruiter's work at the console: a stand's interviews
 * and their private assessments, the applications staff move along the
 * pipeline, and the invitations to book a slot sent from that list. Each is a route of the shared contract called through `callApi`.
 */
import {
  APPLICATION_API,
  BOOKING_INVITATION_API,
  INTERVIEW_API,
  encodeQuery,
  type ApplicationStatus,
  type AssessmentBody,
  type BookingInvitation,
  type InterviewAssessment,
  type Page,
  type StaffApplication,
  type StandInterview,
} from "@crossfair/shared";
import { callApi, urlOf, type Fetch, type HttpResult } from "../http/http.client.js";

/** The console routes' URLs, from the contract (what tests match requests on). */
export const STAFF_URLS = {
  assessment: (interviewId: string) =>
    urlOf(INTERVIEW_API.assessment, { params: { id: interviewId } }),
  standInterviews: (standId: string) =>
    urlOf(INTERVIEW_API.standInterviews, { params: { standId } }),
  standApplications: (standId: string) => urlOf(APPLICATION_API.forStand, { params: { standId } }),
  candidateApplications: (standId: string, candidateId: string) =>
    urlOf(APPLICATION_API.ofCandidateAtStand, { params: { standId, candidateId } }),
  applicationStatus: (applicationId: string) =>
    urlOf(APPLICATION_API.move, { params: { id: applicationId } }),
  bookingInvitations: (standId: string) =>
    urlOf(BOOKING_INVITATION_API.invite, { params: { standId } }),
} as const;

/** `?a=1&b=2` from the defined values, or "" when there are none. */
export const queryString = encodeQuery;

/** A recruiter's console requests, over `fetch`. */
export class StaffApi {
  readonly #fetch: Fetch;

  constructor(fetchFn: Fetch = globalThis.fetch.bind(globalThis)) {
    this.#fetch = fetchFn;
  }

  loadAssessment(interviewId: string): Promise<HttpResult<InterviewAssessment>> {
    return callApi(this.#fetch, INTERVIEW_API.assessment, { params: { id: interviewId } });
  }

  saveAssessment(
    interviewId: string,
    body: AssessmentBody,
  ): Promise<HttpResult<InterviewAssessment>> {
    return callApi(this.#fetch, INTERVIEW_API.saveAssessment, {
      params: { id: interviewId },
      body,
    });
  }

  loadStandInterviews(
    standId: string,
    page = 1,
    pageSize = 10,
  ): Promise<HttpResult<Page<StandInterview>>> {
    return callApi(this.#fetch, INTERVIEW_API.standInterviews, {
      params: { standId },
      query: { page, pageSize },
    });
  }

  loadStandApplications(
    standId: string,
    query: { status: ApplicationStatus | null; page: number; pageSize: number },
  ): Promise<HttpResult<Page<StaffApplication>>> {
    return callApi(this.#fetch, APPLICATION_API.forStand, {
      params: { standId },
      query: {
        ...(query.status !== null ? { status: query.status } : {}),
        page: query.page,
        pageSize: query.pageSize,
      },
    });
  }

  async loadCandidateApplications(
    standId: string,
    candidateId: string,
  ): Promise<HttpResult<StaffApplication[]>> {
    const answer = await callApi(this.#fetch, APPLICATION_API.ofCandidateAtStand, {
      params: { standId, candidateId },
    });
    return answer.ok ? { ok: true, data: answer.data.applications } : answer;
  }

  moveApplication(
    applicationId: string,
    status: ApplicationStatus,
  ): Promise<HttpResult<StaffApplication>> {
    return callApi(this.#fetch, APPLICATION_API.move, {
      params: { id: applicationId },
      body: { status },
    });
  }

  /** Invites a candidate who applied or queued here to book a slot (they get a mail). */
  inviteToBook(standId: string, candidateId: string): Promise<HttpResult<BookingInvitation>> {
    return callApi(this.#fetch, BOOKING_INVITATION_API.invite, {
      params: { standId },
      body: { candidateId },
    });
  }
}
