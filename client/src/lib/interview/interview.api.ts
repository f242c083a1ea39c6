/**
 * The interview as one of its participants reads it over HTTP: their own
 * part and the other side's display name, for the page heading ("Interview
 * with …") and the stand staff's panel beside the call. The answer is
 * checked against the shared schema.
 */
import { participantInterviewSchema, type ParticipantInterview } from "@crossfair/shared";
import { requestJson, type Fetch, type HttpResult } from "../http/http.client.js";

export const interviewUrl = (interviewId: string): string =>
  `/api/interviews/${encodeURIComponent(interviewId)}`;

export function loadParticipantInterview(
  fetchFn: Fetch,
  interviewId: string,
): Promise<HttpResult<ParticipantInterview>> {
  return requestJson(fetchFn, interviewUrl(interviewId), participantInterviewSchema, {
    what: "interview",
  });
}

/** Whom the participant talks to, by name; empty while unknown or when the account is gone. */
export function counterpartName(answer: HttpResult<ParticipantInterview> | null): string {
  return answer?.ok ? (answer.data.counterpart?.displayName ?? "") : "";
}
