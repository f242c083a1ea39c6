/**
 * The interview as one of its participants reads it over HTTP: their own
 * part and the other side's display name, for the page heading ("Interview
 * with …") and the stand staff's panel beside the call, through `callApi`.
 */
import { INTERVIEW_API, type ParticipantInterview } from "@crossfair/shared";
import { callApi, urlOf, type Fetch, type HttpResult } from "../http/http.client.js";

export const interviewUrl = (interviewId: string): string =>
  urlOf(INTERVIEW_API.participantView, { params: { id: interviewId } });

/** A participant's interview requests, over `fetch`. */
export class InterviewApi {
  readonly #fetch: Fetch;

  constructor(fetchFn: Fetch = globalThis.fetch.bind(globalThis)) {
    this.#fetch = fetchFn;
  }

  loadParticipantInterview(interviewId: string): Promise<HttpResult<ParticipantInterview>> {
    return callApi(this.#fetch, INTERVIEW_API.participantView, {
      params: { id: interviewId },
      what: "interview",
    });
  }
}

/** Whom the participant talks to, by name; empty while unknown or when the account is gone. */
export function counterpartName(answer: HttpResult<ParticipantInterview> | null): string {
  return answer?.ok ? (answer.data.counterpart?.displayName ?? "") : "";
}
