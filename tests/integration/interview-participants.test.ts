/**
 * What a participant reads about their interview: their own part and the
 * other side's display name — the recruiter sees the candidate's, the
 * candidate the recruiter's — and nothing for anyone else. A candidate who
 * deleted their account leaves no name behind.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiErrorSchema, participantInterviewSchema } from "@crossfair/shared";
import { buildTestApp, type TestApp } from "../support/app.js";
import { signInCookie } from "../support/session.js";
import {
  ADMIN,
  FOOD,
  RECRUITER,
  STAND_ADMIN,
  call,
  hallOf,
  signUpCandidate,
  standIn,
  startInterview,
  userIdOf,
  type Account,
} from "./application-fixture.js";

describe("an interview as its participants read it", () => {
  let app: TestApp;
  let food: string;
  let recruiter: string;
  let recruiterId: string;

  beforeAll(async () => {
    app = await buildTestApp();
    food = standIn(await hallOf(app), FOOD).id;
    recruiter = await signInCookie(app, RECRUITER);
    recruiterId = await userIdOf(app, recruiter);
  });
  afterAll(async () => app?.dispose());

  const interviewWith = (candidate: Account) => startInterview(app, recruiter, food, candidate);
  const read = (interviewId: string, cookie?: string) =>
    call(app, "GET", `/api/interviews/${interviewId}`, cookie);

  it("gives the recruiter the candidate's name and the candidate the recruiter's", async () => {
    const candidate = await signUpCandidate(app, "Aline Dupont");
    const interviewId = await interviewWith(candidate);

    const byRecruiter = await read(interviewId, recruiter);
    expect(byRecruiter.statusCode).toBe(200);
    expect(participantInterviewSchema.parse(byRecruiter.json())).toMatchObject({
      interview: { id: interviewId, standId: food, candidateId: candidate.id },
      role: "recruiter",
      counterpart: { userId: candidate.id, role: "candidate", displayName: "Aline Dupont" },
    });

    const byCandidate = await read(interviewId, candidate.cookie);
    expect(byCandidate.statusCode).toBe(200);
    expect(participantInterviewSchema.parse(byCandidate.json())).toMatchObject({
      role: "candidate",
      counterpart: { userId: recruiterId, role: "recruiter", displayName: "Lotte Peeters" },
    });
    // A name and a role, no email or anything else about the other side.
    const counterpart = (byCandidate.json() as { counterpart: object }).counterpart;
    expect(Object.keys(counterpart).sort()).toEqual(["displayName", "role", "userId"]);
  });

  it("tells nobody else, not even a fair admin or another stand's admin", async () => {
    const candidate = await signUpCandidate(app, "Bruno Martin");
    const interviewId = await interviewWith(candidate);
    const other = await signUpCandidate(app, "Other Candidate");
    const outsiders = [
      other.cookie,
      await signInCookie(app, STAND_ADMIN),
      await signInCookie(app, ADMIN),
    ];
    for (const cookie of outsiders) {
      const response = await read(interviewId, cookie);
      expect(response.statusCode).toBe(403);
      expect(apiErrorSchema.parse(response.json()).error.code).toBe("forbidden");
      expect(response.body).not.toContain("Bruno Martin");
    }
    const anonymous = await read(interviewId);
    expect(anonymous.statusCode).toBe(401);
  });

  it("has no counterpart for the recruiter once the candidate deleted their account", async () => {
    const candidate = await signUpCandidate(app, "Chloé Leroy");
    const interviewId = await interviewWith(candidate);
    expect((await call(app, "DELETE", "/api/me", candidate.cookie)).statusCode).toBe(204);

    const byRecruiter = await read(interviewId, recruiter);
    expect(byRecruiter.statusCode).toBe(200);
    const view = participantInterviewSchema.parse(byRecruiter.json());
    expect(view).toMatchObject({ role: "recruiter", counterpart: null });
    expect(view.interview.candidateId).toBeNull();
    expect(byRecruiter.body).not.toContain("Chloé Leroy");
  });
});
