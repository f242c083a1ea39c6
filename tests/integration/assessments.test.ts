/**
 * Interview assessments: the interview's recruiter, a stand admin of its
 * stand and a fair admin record and read outcome, rating and private notes;
 * the candidate never reads them (not even about their own interview), nor
 * does staff of another stand or a fellow recruiter. The stand's interview
 * list shows outcome and rating, never the notes.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  PRIVATE_NOTES_MAX_LENGTH,
  apiErrorSchema,
  interviewAssessmentSchema,
  pageSchema,
  standInterviewSchema,
} from "@crossfair/shared";
import { users } from "@crossfair/server/auth/auth.schema";
import { standStaff } from "@crossfair/server/stand/stand.schema";
import { eq } from "drizzle-orm";
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

describe("interview assessments", () => {
  let app: TestApp;
  let food: string;
  let recruiter: string;
  let recruiterId: string;
  let otherStandAdmin: string;
  let admin: string;

  /** A new account on the food stand's staff with the given stand role. */
  const foodStaff = async (role: "stand_admin" | "recruiter"): Promise<Account> => {
    const account = await signUpCandidate(app, `Food ${role}`);
    await app.database.db.update(users).set({ role }).where(eq(users.id, account.id));
    await app.database.db
      .insert(standStaff)
      .values({ standId: food, userId: account.id, role, languages: ["nl"] });
    return account;
  };
  const interviewWith = (candidate: Account) => startInterview(app, recruiter, food, candidate);
  const assessmentUrl = (interviewId: string) => `/api/interviews/${interviewId}/assessment`;

  beforeAll(async () => {
    app = await buildTestApp();
    food = standIn(await hallOf(app), FOOD).id;
    recruiter = await signInCookie(app, RECRUITER);
    otherStandAdmin = await signInCookie(app, STAND_ADMIN);
    admin = await signInCookie(app, ADMIN);
    recruiterId = await userIdOf(app, recruiter);
  });
  afterAll(async () => app?.dispose());

  it("lets the interview's recruiter record and change an assessment, field by field", async () => {
    const candidate = await signUpCandidate(app);
    const interviewId = await interviewWith(candidate);
    const empty = interviewAssessmentSchema.parse(
      (await call(app, "GET", assessmentUrl(interviewId), recruiter)).json(),
    );
    expect(empty).toEqual({
      interviewId,
      standId: food,
      candidateId: candidate.id,
      outcome: null,
      rating: null,
      privateNotes: "",
      assessedBy: null,
      assessedAt: null,
    });

    const saved = await call(app, "PUT", assessmentUrl(interviewId), recruiter, {
      outcome: "advance",
      rating: 4,
      privateNotes: "Knows HACCP; ask about night shifts.",
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(interviewAssessmentSchema.parse(saved.json())).toMatchObject({
      outcome: "advance",
      rating: 4,
      privateNotes: "Knows HACCP; ask about night shifts.",
      assessedBy: { id: recruiterId, displayName: "Lotte Peeters" },
    });

    const cleared = interviewAssessmentSchema.parse(
      (await call(app, "PUT", assessmentUrl(interviewId), recruiter, { rating: null })).json(),
    );
    expect(cleared).toMatchObject({ outcome: "advance", rating: null });
    expect(cleared.privateNotes).toBe("Knows HACCP; ask about night shifts.");
    expect(
      await call(app, "GET", assessmentUrl(interviewId), recruiter).then((r) => r.json()),
    ).toEqual(cleared);
  });

  it("never shows an assessment to the candidate, staff of another stand or a fellow recruiter", async () => {
    const candidate = await signUpCandidate(app);
    const interviewId = await interviewWith(candidate);
    await call(app, "PUT", assessmentUrl(interviewId), recruiter, { privateNotes: "private" });
    const colleague = await foodStaff("recruiter");
    for (const cookie of [candidate.cookie, otherStandAdmin, colleague.cookie]) {
      const read = await call(app, "GET", assessmentUrl(interviewId), cookie);
      expect(read.statusCode).toBe(403);
      expect(apiErrorSchema.parse(read.json()).error.code).toBe("forbidden");
      expect(read.body).not.toContain("private");
      const write = await call(app, "PUT", assessmentUrl(interviewId), cookie, { rating: 1 });
      expect(write.statusCode).toBe(403);
    }
    expect((await call(app, "GET", assessmentUrl(interviewId))).statusCode).toBe(401);
    const unchanged = interviewAssessmentSchema.parse(
      (await call(app, "GET", assessmentUrl(interviewId), recruiter)).json(),
    );
    expect(unchanged.rating).toBeNull();
  });

  it("lets a stand admin of the stand and a fair admin assess too", async () => {
    const candidate = await signUpCandidate(app);
    const interviewId = await interviewWith(candidate);
    const standAdmin = await foodStaff("stand_admin");
    const byStandAdmin = await call(app, "PUT", assessmentUrl(interviewId), standAdmin.cookie, {
      outcome: "hold",
    });
    expect(byStandAdmin.statusCode).toBe(200);
    expect(interviewAssessmentSchema.parse(byStandAdmin.json()).assessedBy).toEqual({
      id: standAdmin.id,
      displayName: "Food stand_admin",
    });
    const byAdmin = await call(app, "PUT", assessmentUrl(interviewId), admin, {
      outcome: "reject",
      rating: 2,
    });
    expect(interviewAssessmentSchema.parse(byAdmin.json())).toMatchObject({
      outcome: "reject",
      rating: 2,
      assessedBy: { displayName: "Fair Admin" },
    });
  });

  it("refuses out-of-range ratings, unknown outcomes, overlong notes and unknown interviews", async () => {
    const interviewId = await interviewWith(await signUpCandidate(app));
    for (const body of [
      { rating: 6 },
      { rating: 0 },
      { rating: 2.5 },
      { outcome: "maybe" },
      { privateNotes: "x".repeat(PRIVATE_NOTES_MAX_LENGTH + 1) },
      { privateNotes: "nul \u0000 byte" },
    ]) {
      const refused = await call(app, "PUT", assessmentUrl(interviewId), recruiter, body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      expect(apiErrorSchema.parse(refused.json()).error.code).toBe("validation_failed");
    }
    expect((await call(app, "GET", assessmentUrl(randomUUID()), recruiter)).statusCode).toBe(404);
  });

  it("lists the stand's interviews with outcome and rating for its staff, without the notes", async () => {
    const candidate = await signUpCandidate(app, "Listed Candidate");
    const interviewId = await interviewWith(candidate);
    await call(app, "PUT", assessmentUrl(interviewId), recruiter, {
      outcome: "advance",
      rating: 5,
      privateNotes: "secret note",
    });
    const listed = await call(app, "GET", `/api/stands/${food}/interviews?pageSize=100`, recruiter);
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain("secret note");
    const page = pageSchema(standInterviewSchema).parse(listed.json());
    expect(page.items.find((item) => item.id === interviewId)).toEqual({
      id: interviewId,
      candidate: { id: candidate.id, displayName: "Listed Candidate" },
      recruiter: { id: recruiterId, displayName: "Lotte Peeters" },
      startedAt: expect.any(String),
      endedAt: null,
      outcome: "advance",
      rating: 5,
    });
    expect(page.total).toBeGreaterThanOrEqual(1);
    expect(
      (await call(app, "GET", `/api/stands/${food}/interviews`, otherStandAdmin)).statusCode,
    ).toBe(403);
    expect(
      (await call(app, "GET", `/api/stands/${food}/interviews`, candidate.cookie)).statusCode,
    ).toBe(403);
    expect((await call(app, "GET", `/api/stands/${food}/interviews`, admin)).statusCode).toBe(200);
  });
});
