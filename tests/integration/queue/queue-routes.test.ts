/** The queue's HTTP routes: screening questions of a stand, and the stands a staff member runs. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fairHallSchema, myStandsSchema, screeningQuestionsSchema } from "@crossfair/shared";
import { buildTestApp, type TestApp } from "../../support/app.js";
import { signInCookie } from "../../support/session.js";

describe("queue routes", () => {
  let app: TestApp;
  let standIds: Map<string, string>;

  beforeAll(async () => {
    app = await buildTestApp();
    const hall = fairHallSchema.parse(
      (await app.http.inject({ url: "/api/fairs/current/hall" })).json(),
    );
    standIds = new Map(hall.stands.map((stand) => [stand.organisationName, stand.id]));
  });
  afterAll(async () => app?.dispose());

  it("lists a stand's screening questions in order, in every language given", async () => {
    const response = await app.http.inject({
      url: `/api/stands/${standIds.get("Hainaut Logistique")}/screening-questions`,
    });
    expect(response.statusCode).toBe(200);
    const { questions } = screeningQuestionsSchema.parse(response.json());
    expect(questions.map((question) => question.question.en)).toEqual([
      "Do you hold a valid forklift licence?",
      "Are you available for night shifts?",
    ]);
    const none = await app.http.inject({
      url: `/api/stands/${standIds.get("Tournai Construction")}/screening-questions`,
    });
    expect(none.json()).toEqual({ questions: [] });
  });

  it("answers 404 for an unknown stand and 400 for a malformed id", async () => {
    const unknown = await app.http.inject({
      url: "/api/stands/00000000-0000-4000-8000-000000000000/screening-questions",
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: "not_found" } });
    const malformed = await app.http.inject({ url: "/api/stands/nope/screening-questions" });
    expect(malformed.json()).toMatchObject({
      error: { code: "validation_failed", field: "params.standId" },
    });
  });

  it("lists the stands a staff member runs, and none for a candidate", async () => {
    const recruiter = await app.http.inject({
      url: "/api/me/stands",
      headers: { cookie: await signInCookie(app, "recruiter@crossfair.test") },
    });
    expect(myStandsSchema.parse(recruiter.json()).stands).toEqual([
      {
        standId: standIds.get("Flanders Food Factory"),
        organisationName: "Flanders Food Factory",
        role: "recruiter",
      },
    ]);
    const candidate = await app.http.inject({
      url: "/api/me/stands",
      headers: { cookie: await signInCookie(app, "candidate@crossfair.test") },
    });
    expect(candidate.json()).toEqual({ stands: [] });
    const anonymous = await app.http.inject({ url: "/api/me/stands" });
    expect(anonymous.statusCode).toBe(401);
  });
});
