/**
 * The HTTP side of joining a queue: a stand's screening questions, in every
 * language they exist in (the one place they are loaded, for candidates and
 * for the stand admin editing them), through `callApi`.
 */
import { QUEUE_API, type ScreeningQuestions } from "@crossfair/shared";
import { callApi, urlOf, type Fetch, type HttpResult } from "../http/http.client.js";

export type ScreeningQuestion = ScreeningQuestions["questions"][number];

export function screeningQuestionsUrl(standId: string): string {
  return urlOf(QUEUE_API.screeningQuestions, { params: { standId } });
}

/** The queue's requests, over `fetch`. */
export class QueueApi {
  readonly #fetch: Fetch;

  constructor(fetchFn: Fetch = globalThis.fetch.bind(globalThis)) {
    this.#fetch = fetchFn;
  }

  async loadScreeningQuestions(standId: string): Promise<HttpResult<ScreeningQuestion[]>> {
    const answer = await callApi(this.#fetch, QUEUE_API.screeningQuestions, {
      params: { standId },
    });
    return answer.ok ? { ok: true, data: answer.data.questions } : answer;
  }
}
