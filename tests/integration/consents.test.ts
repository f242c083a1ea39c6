/**
 * A candidate's consents: listing, giving (idempotently) and revoking them,
 * and what a revocation does at once: the candidate leaves the stand's queue
 * (so its staff console, pushed over the socket and read afresh, no longer
 * shows them, their profile or their answers), and its applications list and
 * the CV route stop showing the profile without waiting for any cache to
 * expire; a consent still on its way through the queue's outbox stays revoked.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiErrorSchema,
  myConsentsSchema,
  pageSchema,
  profileConsentAnswerSchema,
  staffApplicationSchema,
  type StaffQueue,
} from "@crossfair/shared";
import { signInCookie } from "../support/session.js";
import { nextEvent } from "../support/socket-client.js";
import { minimalPdf, multipart } from "../support/uploads.js";
import { startQueueFixture, type QueueFixture } from "./queue/queue-fixture.js";
import {
  FOOD,
  LOGISTICS,
  RECRUITER,
  STAND_ADMIN,
  call,
  hallOf,
  signUpCandidate,
  vacancyIn,
  type Account,
} from "./application-fixture.js";

const profileBody = {
  country: "FR",
  region: "Nord",
  languages: [{ language: "fr", level: "C2" }],
  sectors: ["food"],
  pitch: "Line operator, night shifts welcome.",
};

describe("consents", () => {
  let fixture: QueueFixture;
  let food: string;
  let recruiter: string;
  let standAdmin: string;

  const withProfile = async (displayName: string): Promise<Account> => {
    const candidate = await signUpCandidate(fixture.app, displayName);
    const saved = await call(fixture.app, "PUT", "/api/me/profile", candidate.cookie, profileBody);
    expect(saved.statusCode, saved.body).toBe(200);
    return candidate;
  };
  const consentsOf = async (candidate: Account) =>
    myConsentsSchema.parse(
      (await call(fixture.app, "GET", "/api/me/consents", candidate.cookie)).json(),
    ).consents;
  const revoke = (candidate: Account, standId: string) =>
    call(fixture.app, "DELETE", `/api/me/consents/${standId}`, candidate.cookie);
  const entryOf = (queue: StaffQueue, candidateId: string) =>
    queue.entries.find((entry) => entry.candidateId === candidateId);

  beforeAll(async () => {
    fixture = await startQueueFixture();
    food = fixture.standId(FOOD);
    recruiter = await signInCookie(fixture.app, RECRUITER);
    standAdmin = await signInCookie(fixture.app, STAND_ADMIN);
  });
  afterAll(async () => fixture?.dispose());

  it("gives a consent once, revokes it, and keeps the revoked one on record", async () => {
    const candidate = await signUpCandidate(fixture.app);
    const given = await call(fixture.app, "POST", "/api/me/consents", candidate.cookie, {
      standId: food,
    });
    expect(given.statusCode).toBe(201);
    const consent = profileConsentAnswerSchema.parse(given.json()).consent;
    expect(consent).toMatchObject({ standId: food, organisationName: FOOD, revokedAt: null });
    const again = await call(fixture.app, "POST", "/api/me/consents", candidate.cookie, {
      standId: food,
    });
    expect(again.statusCode).toBe(200);
    expect(profileConsentAnswerSchema.parse(again.json()).consent).toEqual(consent);
    expect(await consentsOf(candidate)).toEqual([consent]);

    expect((await revoke(candidate, food)).statusCode).toBe(204);
    const [revoked] = await consentsOf(candidate);
    expect(revoked?.revokedAt).not.toBeNull();
    // Revoking what is not active changes nothing.
    expect((await revoke(candidate, food)).statusCode).toBe(204);
    expect(await consentsOf(candidate)).toEqual([revoked]);

    const renewed = await call(fixture.app, "POST", "/api/me/consents", candidate.cookie, {
      standId: food,
    });
    expect(renewed.statusCode).toBe(201);
    const history = await consentsOf(candidate);
    expect(history).toHaveLength(2);
    expect(history.filter((entry) => entry.revokedAt === null)).toHaveLength(1);
  });

  it("refuses unknown stands, other roles and anonymous callers", async () => {
    const candidate = await signUpCandidate(fixture.app);
    const unknown = await call(fixture.app, "POST", "/api/me/consents", candidate.cookie, {
      standId: "00000000-0000-4000-8000-000000000000",
    });
    expect(unknown.statusCode).toBe(404);
    const malformed = await call(fixture.app, "POST", "/api/me/consents", candidate.cookie, {
      standId: "food",
    });
    expect(apiErrorSchema.parse(malformed.json()).error.code).toBe("validation_failed");
    expect((await call(fixture.app, "GET", "/api/me/consents", recruiter)).statusCode).toBe(403);
    expect((await call(fixture.app, "GET", "/api/me/consents")).statusCode).toBe(401);
    expect((await call(fixture.app, "DELETE", `/api/me/consents/${food}`)).statusCode).toBe(401);
  });

  it("takes the candidate out of the stand's queue when the consent is revoked, with their profile and answers", async () => {
    const logistics = fixture.standId(LOGISTICS);
    const questions = await fixture.questionIds(logistics);
    const answers = questions.map((questionId) => ({ questionId, answer: "oui, la nuit" }));
    const candidate = await withProfile("Queue Revoker");
    const candidateSocket = await fixture.connectWithCookie(candidate.cookie);
    const staffSocket = await fixture.connectWithCookie(standAdmin);
    const join = () =>
      candidateSocket.emitWithAck("queue:join", {
        standId: logistics,
        consentToShareProfile: true,
        answers,
      });
    const consoleEntry = async () => {
      const read = await staffSocket.emitWithAck("staff:console", { standId: logistics });
      if (!read.ok) throw new Error(JSON.stringify(read));
      return entryOf(read.queue, candidate.id);
    };
    expect((await join()).ok).toBe(true);
    // The join's consent and answers reach PostgreSQL through the outbox, a moment later.
    await fixture.app.outbox.drainOnce();
    expect(await consoleEntry()).toMatchObject({
      profile: { displayName: "Queue Revoker" },
      answers: questions.map(() => ({ answer: "oui, la nuit" })),
    });

    const removed = nextEvent(candidateSocket, "queue:removed");
    const pushed = nextEvent(
      staffSocket,
      "staff:queue",
      (queue) => queue.standId === logistics && entryOf(queue, candidate.id) === undefined,
    );
    expect((await revoke(candidate, logistics)).statusCode).toBe(204);
    expect(await removed).toEqual({ standId: logistics, reason: "consent_revoked" });
    // Pushed within the broadcaster's flush, and so when read afresh.
    await pushed;
    expect(await consoleEntry()).toBeUndefined();
    expect(await candidateSocket.emitWithAck("queue:mine", {})).toEqual({ ok: true, queues: [] });
    const removals = (await fixture.loggedEvents()).filter(
      (event) =>
        event.standId === logistics &&
        event.candidateId === candidate.id &&
        event.type === "removed",
    );
    expect(removals.map((event) => event.data?.reason)).toEqual(["consent_revoked"]);

    // Joining again is consenting again: the profile and the answers show again.
    expect((await join()).ok).toBe(true);
    await fixture.app.outbox.drainOnce();
    expect(await consoleEntry()).toMatchObject({
      profile: { displayName: "Queue Revoker" },
      answers: questions.map(() => ({ answer: "oui, la nuit" })),
    });
    await candidateSocket.emitWithAck("queue:leave", { standId: logistics });
  });

  it("keeps a consent revoked right after joining revoked once the outbox writes the join's", async () => {
    const candidate = await withProfile("Quick Revoker");
    const candidateSocket = await fixture.connectWithCookie(candidate.cookie);
    const recruiterSocket = await fixture.connectWithCookie(recruiter);
    // Held back: the revocation comes before the join's consent is in PostgreSQL.
    await fixture.app.outbox.stop();
    try {
      const removed = nextEvent(candidateSocket, "queue:removed");
      expect(
        (
          await candidateSocket.emitWithAck("queue:join", {
            standId: food,
            consentToShareProfile: true,
          })
        ).ok,
      ).toBe(true);
      expect((await revoke(candidate, food)).statusCode).toBe(204);
      expect(await removed).toEqual({ standId: food, reason: "consent_revoked" });
      await fixture.app.outbox.drainOnce();
    } finally {
      fixture.app.outbox.start();
    }
    expect((await consentsOf(candidate)).filter((consent) => consent.revokedAt === null)).toEqual(
      [],
    );
    const read = await recruiterSocket.emitWithAck("staff:console", { standId: food });
    if (!read.ok) throw new Error(JSON.stringify(read));
    expect(entryOf(read.queue, candidate.id)).toBeUndefined();
    // Nor does the stand see the profile anywhere else (the CV route asks for consent too).
    const cv = await call(
      fixture.app,
      "GET",
      `/api/stands/${food}/candidates/${candidate.id}/cv`,
      recruiter,
    );
    expect(cv.statusCode).toBe(403);
  });

  it("hides the profile from the applications list and the CV from the stand at once", async () => {
    const candidate = await withProfile("Cv Revoker");
    const upload = multipart(minimalPdf());
    const uploaded = await fixture.app.http.inject({
      method: "POST",
      url: "/api/me/cv",
      payload: upload.payload,
      headers: { ...upload.headers, cookie: candidate.cookie },
    });
    expect(uploaded.statusCode).toBe(201);
    const hall = await hallOf(fixture.app);
    const applied = await call(
      fixture.app,
      "POST",
      `/api/vacancies/${vacancyIn(hall, FOOD)}/applications`,
      candidate.cookie,
      { message: "Please consider me" },
    );
    expect(applied.statusCode).toBe(201);

    const cvUrl = `/api/stands/${food}/candidates/${candidate.id}/cv`;
    const listed = async () =>
      pageSchema(staffApplicationSchema)
        .parse(
          (
            await call(
              fixture.app,
              "GET",
              `/api/stands/${food}/applications?pageSize=100`,
              recruiter,
            )
          ).json(),
        )
        .items.find((item) => item.candidate.id === candidate.id);
    // Applying gave the consent: the stand sees the profile and the CV.
    expect((await listed())?.candidate.profile?.pitch).toBe(profileBody.pitch);
    expect((await call(fixture.app, "GET", cvUrl, recruiter)).statusCode).toBe(200);

    expect((await revoke(candidate, food)).statusCode).toBe(204);
    const cv = await call(fixture.app, "GET", cvUrl, recruiter);
    expect(cv.statusCode).toBe(403);
    expect(apiErrorSchema.parse(cv.json()).error.code).toBe("forbidden");
    // The application itself stays; only what the consent covered is gone.
    expect(await listed()).toMatchObject({
      message: "Please consider me",
      candidate: { id: candidate.id, displayName: "Cv Revoker", profile: null },
    });
  });
});
