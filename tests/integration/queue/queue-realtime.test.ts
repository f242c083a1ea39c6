/**
 * The live queue over real sockets on the embedded default: joining with
 * consent and screening answers, the staff console with shared profiles,
 * call next and accept into an interview, the reconnect grace, closing a
 * stand, the per-candidate cap, roles and coalesced updates.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startQueueFixture, type QueueFixture } from "./queue-fixture.js";
import { nextEvent } from "../../support/socket-client.js";
import { interviews } from "@crossfair/server/interview/interview.schema";
import type { TestApp } from "../../support/app.js";
import { signUpVerified } from "../../support/sign-up.js";

type Untyped = { emitWithAck(event: string, payload: unknown): Promise<unknown> };

describe("live queue over sockets", () => {
  let app: TestApp;
  let fixture: QueueFixture;
  const standId = (name: string) => fixture.standId(name);
  const connectAs = (email: string) => fixture.connectAs(email);
  const idOf = (email: string) => fixture.idOf(email);
  const sessionOf = (email: string) => fixture.sessionOf(email);
  const loggedEvents = () => fixture.loggedEvents();
  const questionIds = (stand: string) => fixture.questionIds(stand);

  beforeAll(async () => {
    fixture = await startQueueFixture();
    app = fixture.app;
  });
  afterAll(async () => fixture?.dispose());

  it("needs a signed-in candidate and explicit consent", async () => {
    const anonymous = await fixture.connectAnonymous();
    const food = standId("Flanders Food Factory");
    expect(
      await anonymous.emitWithAck("queue:join", { standId: food, consentToShareProfile: true }),
    ).toMatchObject({ ok: false, code: "unauthenticated" });

    const recruiter = await connectAs("recruiter@crossfair.test");
    expect(
      await recruiter.emitWithAck("queue:join", { standId: food, consentToShareProfile: true }),
    ).toMatchObject({ ok: false, code: "forbidden" });

    const candidate = await connectAs("candidate@crossfair.test");
    const untyped = candidate as unknown as Untyped;
    expect(
      await untyped.emitWithAck("queue:join", { standId: food, consentToShareProfile: false }),
    ).toMatchObject({ ok: false, code: "validation_failed", field: "consentToShareProfile" });
    expect(
      await untyped.emitWithAck("queue:join", {
        standId: "not-a-uuid",
        consentToShareProfile: true,
      }),
    ).toMatchObject({ ok: false, code: "validation_failed", field: "standId" });
  });

  it("asks the stand's screening questions before queueing", async () => {
    const candidate = await connectAs("candidate@crossfair.test");
    const logistics = standId("Hainaut Logistique");
    expect(
      await candidate.emitWithAck("queue:join", {
        standId: logistics,
        consentToShareProfile: true,
      }),
    ).toMatchObject({ ok: false, code: "screening_incomplete" });
  });

  it("runs join → console → call next → accept → interview → end, and logs every step", async () => {
    const food = standId("Flanders Food Factory");
    const candidate = await connectAs("candidate@crossfair.test");
    const recruiter = await connectAs("recruiter@crossfair.test");

    const standUpdate = nextEvent(candidate, "queue:delta", (update) => update.standId === food);
    // The console is open before the join: it is pushed the new entry at once, without the
    // profile while the join's consent is still on its way to PostgreSQL (the outbox, held back
    // here), and pushed again with it once the outbox has written it.
    expect(await recruiter.emitWithAck("staff:console", { standId: food })).toMatchObject({
      ok: true,
    });
    await app.outbox.stop();
    const withoutProfile = nextEvent(recruiter, "staff:queue", (queue) =>
      queue.entries.some((entry) => entry.profile === null),
    );
    const joined = await candidate.emitWithAck("queue:join", {
      standId: food,
      consentToShareProfile: true,
    });
    expect(joined).toMatchObject({ ok: true, entry: { standId: food, state: "waiting" } });
    if (!joined.ok) throw new Error("join failed");
    const again = await candidate.emitWithAck("queue:join", {
      standId: food,
      consentToShareProfile: true,
    });
    expect(again).toMatchObject({ ok: true, entry: { ticket: joined.entry.ticket } });
    expect((await standUpdate).changes).toContainEqual([
      joined.entry.ticket,
      1,
      expect.any(Number),
    ]);

    try {
      expect((await withoutProfile).entries).toMatchObject([
        { ticket: joined.entry.ticket, profile: null, answers: [] },
      ]);
      const withProfile = nextEvent(recruiter, "staff:queue", (queue) =>
        queue.entries.some((entry) => entry.profile !== null),
      );
      await app.outbox.drainOnce();
      expect((await withProfile).entries).toMatchObject([
        { ticket: joined.entry.ticket, profile: { displayName: "Camille Dubois" } },
      ]);
    } finally {
      app.outbox.start();
    }

    const console = await recruiter.emitWithAck("staff:console", { standId: food });
    expect(console).toMatchObject({
      ok: true,
      queue: {
        open: true,
        paused: false,
        activeRecruiters: 1,
        entries: [
          {
            ticket: joined.entry.ticket,
            state: "waiting",
            online: true,
            profile: { displayName: "Camille Dubois", country: "FR" },
          },
        ],
      },
    });
    expect(
      await recruiter.emitWithAck("staff:console", { standId: standId("Hainaut Logistique") }),
    ).toMatchObject({ ok: false, code: "forbidden" });

    const called = nextEvent(candidate, "queue:called");
    const callResult = await recruiter.emitWithAck("staff:callNext", { standId: food });
    expect(callResult).toMatchObject({ ok: true });
    const call = await called;
    expect(call).toMatchObject({ standId: food, recruiterName: "Lotte Peeters" });
    expect(call.deadline).toBeGreaterThan(Date.now());
    // One call or interview at a time per recruiter; the called candidate no longer waits.
    expect(await recruiter.emitWithAck("staff:callNext", { standId: food })).toMatchObject({
      ok: false,
      code: "recruiter_busy",
    });
    expect(await recruiter.emitWithAck("staff:console", { standId: food })).toMatchObject({
      ok: true,
      queue: { waiting: 0, queueLength: 1, entries: [{ state: "called" }] },
    });

    const answered = nextEvent(recruiter, "staff:callAnswered");
    const started = nextEvent(candidate, "queue:interviewStarted");
    const accepted = await candidate.emitWithAck("queue:respond", { standId: food, accept: true });
    expect(accepted).toMatchObject({ ok: true });
    const interviewId = accepted.ok ? accepted.interviewId : undefined;
    expect(interviewId).toBeTruthy();
    expect(await answered).toMatchObject({ outcome: "accepted", interviewId });
    expect(await started).toEqual({ standId: food, interviewId });

    // The row follows through the outbox.
    await app.outbox.drainOnce();
    const rows = await app.database.db.select().from(interviews);
    expect(rows.find((row) => row.id === interviewId)).toMatchObject({
      standId: food,
      status: "live",
    });

    const mine = await candidate.emitWithAck("queue:mine", {});
    expect(mine).toMatchObject({ ok: true, queues: [{ state: "interviewing", interviewId }] });

    // Ending the interview (through the interview service, as the room's "end" does) takes the
    // candidate out of the queue and feeds the stand's interview length.
    await app.interviews.end(interviewId!, await idOf("recruiter@crossfair.test"));
    await expect
      .poll(async () => candidate.emitWithAck("queue:mine", {}))
      .toEqual({ ok: true, queues: [] });
    const average = (await app.queue.standView(food, null)).averageInterviewMs;
    expect(average).toBeGreaterThanOrEqual(0);
    expect(average).toBeLessThan(60_000);

    const events = (await loggedEvents()).map((event) => event.type);
    expect(events).toEqual(
      expect.arrayContaining(["join", "call", "accept", "interview_start", "interview_end"]),
    );
  });

  it("keeps the place across a reconnect within the grace and drops it after", async () => {
    // Presence is per person: every socket of this candidate must be gone for the grace to run.
    fixture.closeSockets();
    const energy = standId("Dunkerque Énergie");
    const candidateId = await idOf("kandidaat@crossfair.test");
    const first = await connectAs("kandidaat@crossfair.test");
    const joined = await first.emitWithAck("queue:join", {
      standId: energy,
      consentToShareProfile: true,
    });
    if (!joined.ok) throw new Error("join failed");
    first.close();
    await new Promise((resolve) => setTimeout(resolve, 1_200));

    const second = await connectAs("kandidaat@crossfair.test");
    expect(await second.emitWithAck("queue:mine", {})).toMatchObject({
      ok: true,
      queues: [{ standId: energy, ticket: joined.entry.ticket, state: "waiting" }],
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await app.queue.queuesOf(candidateId)).toHaveLength(1);

    second.close();
    await expect
      .poll(async () => (await app.queue.queuesOf(candidateId)).length, {
        timeout: 8_000,
        interval: 250,
      })
      .toBe(0);
    const reasons = (await loggedEvents())
      .filter((event) => event.type === "removed")
      .map((event) => event.data?.reason);
    expect(reasons).toContain("connection_lost");
  });

  it("tells everyone waiting when a stand closes, and caps queues per candidate", async () => {
    const candidate = await connectAs("candidate@crossfair.test");
    const staff = await connectAs("standadmin@crossfair.test");
    const logistics = standId("Hainaut Logistique");
    const admin = await sessionOf("standadmin@crossfair.test");
    expect((await app.queue.staff.staffQueue(admin, logistics)).entries).toEqual([]);
    const info = await questionIds(logistics);
    const stands = ["Interim Grensregio", "Tournai Construction", "Kortrijk Tech Solutions"].map(
      standId,
    );
    for (const stand of stands) {
      expect(
        await candidate.emitWithAck("queue:join", { standId: stand, consentToShareProfile: true }),
      ).toMatchObject({ ok: true });
    }
    expect(
      await candidate.emitWithAck("queue:join", {
        standId: logistics,
        consentToShareProfile: true,
        answers: info.map((questionId) => ({ questionId, answer: "oui" })),
      }),
    ).toMatchObject({ ok: false, code: "queue_cap_reached" });
    await candidate.emitWithAck("queue:leave", { standId: stands[0]! });
    expect(
      await candidate.emitWithAck("queue:join", {
        standId: logistics,
        consentToShareProfile: true,
        answers: info.map((questionId) => ({ questionId, answer: "oui" })),
      }),
    ).toMatchObject({ ok: true });

    // Answers show with the profile, once the join's consent is in the database.
    await app.outbox.drainOnce();
    const console = await staff.emitWithAck("staff:console", { standId: logistics });
    expect(console).toMatchObject({
      ok: true,
      queue: { entries: [{ answers: [{ answer: "oui" }, { answer: "oui" }] }] },
    });
    const removed = nextEvent(candidate, "queue:removed", (event) => event.standId === logistics);
    expect(await staff.emitWithAck("staff:open", { standId: logistics, open: false })).toEqual({
      ok: true,
    });
    expect(await removed).toEqual({ standId: logistics, reason: "stand_closed" });
    expect(
      await candidate.emitWithAck("queue:join", {
        standId: logistics,
        consentToShareProfile: true,
        answers: info.map((questionId) => ({ questionId, answer: "oui" })),
      }),
    ).toMatchObject({ ok: false, code: "stand_closed" });
    await staff.emitWithAck("staff:open", { standId: logistics, open: true });
  });

  it("takes a deleted account out of every queue and disconnects its sockets", async () => {
    const stand = standId("Tournai Construction");
    const { cookie } = await signUpVerified(app, {
      email: "leaving@example.org",
      password: "a long password",
      displayName: "Lea",
    });
    const token = cookie.slice("cf_session=".length);
    const socket = await fixture.connectWithCookie(cookie);
    const waitingBefore = (await app.queue.standView(stand, null)).queueLength;
    expect(
      await socket.emitWithAck("queue:join", { standId: stand, consentToShareProfile: true }),
    ).toMatchObject({ ok: true });
    const disconnected = new Promise<string>((resolve) => socket.once("disconnect", resolve));

    const deleted = await app.http.inject({
      method: "DELETE",
      url: "/api/me",
      cookies: { cf_session: token },
    });
    expect(deleted.statusCode).toBe(204);
    expect(await disconnected).toBe("io server disconnect");
    expect((await app.queue.standView(stand, null)).queueLength).toBe(waitingBefore);
    const events = await loggedEvents();
    const removal = events.find((event) => event.standId === stand && event.type === "removed");
    expect(removal).toMatchObject({ candidateId: null, data: { reason: "account_deleted" } });
    // The join was still unwritten when the account went: it is kept, without the person.
    expect(
      events.filter(
        (event) => event.standId === stand && event.type === "join" && event.candidateId === null,
      ),
    ).toHaveLength(1);
  });

  it("coalesces a burst of changes into a few stand updates", async () => {
    const stand = standId("Lille Métropole Santé");
    const watcher = await connectAs("kandidaat@crossfair.test");
    await watcher.emitWithAck("queue:watch", { standId: stand });
    let updates = 0;
    watcher.on("queue:delta", (update) => {
      if (update.standId === stand) updates += 1;
    });
    const candidate = await connectAs("candidate@crossfair.test");
    for (let round = 0; round < 10; round += 1) {
      await candidate.emitWithAck("queue:join", { standId: stand, consentToShareProfile: true });
      await candidate.emitWithAck("queue:leave", { standId: stand });
    }
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(updates).toBeGreaterThanOrEqual(1);
    expect(updates).toBeLessThanOrEqual(4);
  });
});
