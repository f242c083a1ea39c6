import { describe, expect, it } from "vitest";
import type { ParticipantInterview } from "@crossfair/shared";
import type { Fetch } from "../http/http.client.js";
import { counterpartName, InterviewApi, interviewUrl } from "./interview.api.js";

const loadParticipantInterview = (fetchFn: Fetch, interviewId: string) =>
  new InterviewApi(fetchFn).loadParticipantInterview(interviewId);

const INTERVIEW = "66666666-6666-4666-8666-666666666666";
const view: ParticipantInterview = {
  interview: {
    id: INTERVIEW,
    standId: "11111111-1111-4111-8111-111111111111",
    recruiterId: "55555555-5555-4555-8555-555555555555",
    candidateId: "44444444-4444-4444-8444-444444444444",
    vacancyId: null,
    status: "live",
    startedAt: "2026-11-23T10:00:00.000+00:00",
    plannedEndsAt: "2026-11-23T10:15:00.000+00:00",
    endedAt: null,
  },
  role: "candidate",
  counterpart: {
    userId: "55555555-5555-4555-8555-555555555555",
    role: "recruiter",
    displayName: "Lotte Peeters",
  },
};

/** A fetch that answers every request with one JSON body and records the URLs. */
function answering(status: number, body: unknown): { fetch: Fetch; urls: string[] } {
  const urls: string[] = [];
  const fetch: Fetch = async (input) => {
    urls.push(String(input));
    return new Response(JSON.stringify(body), {
      status,
      headers: { "content-type": "application/json" },
    });
  };
  return { fetch, urls };
}

describe("the interview as a participant reads it", () => {
  it("loads the participant's view and names the other side", async () => {
    const api = answering(200, view);
    const answer = await loadParticipantInterview(api.fetch, INTERVIEW);
    expect(api.urls).toEqual([interviewUrl(INTERVIEW)]);
    expect(answer).toEqual({ ok: true, data: view });
    expect(counterpartName(answer)).toBe("Lotte Peeters");
  });

  it("has no name while loading, for a deleted account or when refused", async () => {
    expect(counterpartName(null)).toBe("");
    expect(counterpartName({ ok: true, data: { ...view, counterpart: null } })).toBe("");
    const refused = await loadParticipantInterview(
      answering(403, { error: { code: "forbidden", message: "not yours" } }).fetch,
      INTERVIEW,
    );
    expect(refused).toMatchObject({ ok: false, code: "forbidden" });
    expect(counterpartName(refused)).toBe("");
  });

  it("refuses an answer without the other side", async () => {
    const { counterpart: _left, ...withoutCounterpart } = view;
    const answer = await loadParticipantInterview(
      answering(200, withoutCounterpart).fetch,
      INTERVIEW,
    );
    expect(answer.ok).toBe(false);
  });
});
