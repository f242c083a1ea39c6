/**
 * `GET /api/me/interviews`: a candidate reads their own ended interviews for
 * their agenda, with the stand's name and the fair's zone, never the staff's
 * assessment (outcome, rating, notes) nor who assessed; another candidate and
 * staff see none of them; hostile queries get a typed 4xx. On PGlite and PostgreSQL.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiErrorSchema, myInterviewsSchema, type FairHall } from "@crossfair/shared";
import { buildTestApp, type TestApp } from "../support/app.js";
import { onEveryDatabase } from "../support/every-database.js";
import { interviewThroughQueue } from "../support/interview-start.js";
import { signInCookie } from "../support/session.js";
import { signUpCandidate } from "../support/stands.js";

function myInterviewsSuite(backend: string, env: () => Record<string, string>) {
  describe(`the candidate's past interviews on ${backend}`, () => {
    let app: TestApp;
    let recruiter: string;
    let candidate: string;
    let otherCandidate: string;
    let standId: string;
    let fairId: string;
    let interviewId: string;

    const mine = async (cookie: string, query = "") =>
      app.http.inject({ url: `/api/me/interviews${query}`, headers: { cookie } });

    beforeAll(async () => {
      app = await buildTestApp(env());
      recruiter = await signInCookie(app, "recruiter@crossfair.test");
      const hall = (await app.http.inject({ url: "/api/fairs/current/hall" })).json() as FairHall;
      fairId = hall.fair.id;
      standId = hall.stands.find((stand) => stand.organisationName === "Flanders Food Factory")!.id;
      candidate = (await signUpCandidate(app)).cookie;
      otherCandidate = (await signUpCandidate(app)).cookie;
      interviewId = await interviewThroughQueue(app, {
        recruiterCookie: recruiter,
        candidateCookie: candidate,
        standId,
      });
    }, 60_000);
    afterAll(async () => app?.dispose());

    it("lists no live interview, then the ended one without the staff's assessment", async () => {
      const live = myInterviewsSchema.parse((await mine(candidate)).json());
      expect(live.interviews.map((entry) => entry.id)).not.toContain(interviewId);

      const assessed = await app.http.inject({
        method: "PUT",
        url: `/api/interviews/${interviewId}/assessment`,
        headers: { cookie: recruiter, "content-type": "application/json" },
        payload: { outcome: "advance", rating: 5, privateNotes: "SECRET-NOTE forklift" },
      });
      expect(assessed.statusCode, assessed.body).toBe(200);
      const ended = await app.http.inject({
        method: "POST",
        url: `/api/interviews/${interviewId}/end`,
        headers: { cookie: recruiter },
      });
      expect(ended.statusCode, ended.body).toBe(200);

      // The row's end is written through the queue's outbox, a moment later.
      await expect
        .poll(
          async () =>
            myInterviewsSchema.parse((await mine(candidate, `?fairId=${fairId}`)).json())
              .interviews,
          { timeout: 10_000, interval: 100 },
        )
        .toContainEqual(
          expect.objectContaining({
            id: interviewId,
            standId,
            fairId,
            standName: "Flanders Food Factory",
          }),
        );
      const response = await mine(candidate);
      const [entry] = myInterviewsSchema.parse(response.json()).interviews;
      expect(Date.parse(entry!.endedAt)).toBeGreaterThanOrEqual(Date.parse(entry!.startedAt));
      expect(entry!.timeZone).toMatch(/\//);
      expect(Object.keys(entry!).sort()).toEqual(
        ["endedAt", "fairId", "id", "standId", "standName", "startedAt", "timeZone"].sort(),
      );
      expect(response.body).not.toMatch(/SECRET-NOTE|advance|rating|outcome|recruiter/i);
    });

    it("shows another candidate none of it, and another fair's filter nothing", async () => {
      const other = myInterviewsSchema.parse((await mine(otherCandidate)).json());
      expect(other.interviews).toEqual([]);
      const elsewhere = await mine(candidate, "?fairId=00000000-0000-4000-8000-000000000000");
      expect(myInterviewsSchema.parse(elsewhere.json()).interviews).toEqual([]);
    });

    it("answers staff forbidden and nobody unauthenticated", async () => {
      expect((await mine(recruiter)).json()).toMatchObject({ error: { code: "forbidden" } });
      const anonymous = await app.http.inject({ url: "/api/me/interviews" });
      expect(anonymous.json()).toMatchObject({ error: { code: "unauthenticated" } });
    });

    it("answers hostile queries with a typed 4xx", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.string(),
            fc.constantFrom("\u0000", "' OR 1=1 --", "__proto__", "x".repeat(90)),
          ),
          fc.constantFrom("fairId", "fairId[]", "__proto__", "page"),
          async (value, key) => {
            const query = `?${encodeURIComponent(key)}=${encodeURIComponent(value.slice(0, 80))}`;
            const response = await mine(candidate, query);
            expect(response.statusCode, query).toBeLessThan(500);
            if (response.statusCode >= 400) {
              expect(apiErrorSchema.safeParse(response.json()).success).toBe(true);
            }
          },
        ),
        { numRuns: 60 },
      );
    }, 60_000);
  });
}

await onEveryDatabase(myInterviewsSuite);
