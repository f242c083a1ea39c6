import { describe, expect, it } from "vitest";
import type { Fetch } from "../http/http.client.js";
import { QueueApi, screeningQuestionsUrl } from "./queue.api.js";

const loadScreeningQuestions = (standId: string, fetchFn: Fetch) =>
  new QueueApi(fetchFn).loadScreeningQuestions(standId);

const STAND = "0f8fad5b-d9cb-469f-a165-70867728950e";
const QUESTION = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("screening questions", () => {
  it("loads and validates a stand's questions", async () => {
    const urls: string[] = [];
    const questions = [{ id: QUESTION, question: { fr: "Permis cariste ?", en: "Forklift?" } }];
    const answer = await loadScreeningQuestions(STAND, async (input) => {
      urls.push(String(input));
      return json({ questions });
    });
    expect(urls).toEqual([screeningQuestionsUrl(STAND)]);
    expect(answer).toEqual({ ok: true, data: questions });
  });

  it("passes an API error's code on, and calls a malformed answer internal", async () => {
    expect(
      await loadScreeningQuestions(STAND, async () =>
        json({ error: { code: "not_found", message: "no such stand" } }, 404),
      ),
    ).toEqual({ ok: false, code: "not_found", message: "no such stand" });
    expect(
      await loadScreeningQuestions(STAND, async () => json({ questions: [{ id: 1 }] })),
    ).toMatchObject({ ok: false, code: "internal" });
  });
});
