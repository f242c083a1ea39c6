/** The HTTP side of joining a queue: a stand's screening questions, in every language they exist in. */
import { screeningQuestionsSchema, type ScreeningQuestions } from "@crossfair/shared";
import { requestJson, type Fetch, type HttpResult } from "../http/http.client.js";

export type ScreeningQuestion = ScreeningQuestions["questions"][number];

export function screeningQuestionsUrl(standId: string): string {
  return `/api/stands/${encodeURIComponent(standId)}/screening-questions`;
}

export async function loadScreeningQuestions(
  standId: string,
  fetchFn: Fetch = globalThis.fetch.bind(globalThis),
): Promise<HttpResult<ScreeningQuestion[]>> {
  const answer = await requestJson(
    fetchFn,
    screeningQuestionsUrl(standId),
    screeningQuestionsSchema,
  );
  return answer.ok ? { ok: true, data: answer.data.questions } : answer;
}
