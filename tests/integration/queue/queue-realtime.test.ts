/**
 * The live queue over real sockets on the embedded default: joining with
 * consent and screening answers, the staff console with shared profiles,
 * call next, accept into an interview, no-shows, the reconnect grace, closing
 * a stand, the per-candidate cap, roles, coalesced updates and the event log.
 */
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fairHallSchema, sessionUserSchema, type FairHall } from "@crossfair/shared";
import { queueEvents, screeningQuestions } from "@crossfair/server/queue/queue.schema";
import { interviews } from "@crossfair/server/interview/interview.schema";
import { buildTestApp, type TestApp } from "../../support/app.js";
import { signInCookie } from "../../support/session.js";
import { connectClient, nextEvent, type TestSocket } from "../../support/socket-client.js";

type Untyped = { emitWithAck(event: string, payload: unknown): Promise<unknown> };

describe("live queue over sockets", () => {
  let app: TestApp;
  let baseUrl: string;
  let hall: FairHall;
  const sockets: TestSocket[] = [];
  const standId = (name: string) => {
    const stand = hall.stands.find((entry) => entry.organisationName === name);
    if (!stand) throw new Error(`no stand ${name}`);
    return stand.id;
  };
  const connectAs = async (email: string) => {
    const { socket } = await connectClient(baseUrl, await signInCookie(app, email));
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    app = await buildTestApp({
      QUEUE_CALL_TIMEOUT_SECONDS: "5",
      QUEUE_RECONNECT_GRACE_SECONDS: "2",
      QUEUE_HEARTBEAT_SECONDS: "1",
    });
    await app.http.listen({ host: "127.0.0.1", port: 0 });
    baseUrl = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
    hall = fairHallSchema.parse((await app.http.inject({ url: "/api/fairs/current/hall" })).json());
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await app?.dispose();
  });

  it("tells watchers when a recruiter starts and stops taking candidates", async () => {
    const food = standId("Flanders Food Factory");
    const watcher = await connectAs("kandidaat@crossfair.test");
    expect(await watcher.emitWithAck("queue:watch", { standId: food })).toMatchObject({
      ok: true,
      update: { activeRecruiters: 0 },
    });
    const recruiter = await connectAs("recruiter@crossfair.test");
    const arrived = nextEvent(watcher, "queue:stand", (update) => update.activeRecruiters === 1);
    await recruiter.emitWithAck("staff:console", { standId: food });
    await arrived;
    const left = nextEvent(watcher, "queue:stand", (update) => update.activeRecruiters === 0);
    expect(await recruiter.emitWithAck("staff:closeConsole", { standId: food })).toEqual({
      ok: true,
    });
    await left;
    await watcher.emitWithAck("queue:unwatch", { standId: food });
    recruiter.close();
  });

  it("needs a signed-in candidate and explicit consent", async () => {
    const { socket: anonymous } = await connectClient(baseUrl);
    sockets.push(anonymous);
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

    const standUpdate = nextEvent(candidate, "queue:stand", (update) => update.standId === food);
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
    expect((await standUpdate).waitingTickets).toContain(joined.entry.ticket);

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
    expect(await recruiter.emitWithAck("staff:callNext", { standId: food })).toEqual({
      ok: true,
      candidateId: null,
    });

    const answered = nextEvent(recruiter, "staff:callAnswered");
    const started = nextEvent(candidate, "queue:interviewStarted");
    const accepted = await candidate.emitWithAck("queue:respond", { standId: food, accept: true });
    expect(accepted).toMatchObject({ ok: true });
    const interviewId = accepted.ok ? accepted.interviewId : undefined;
    expect(interviewId).toBeTruthy();
    expect(await answered).toMatchObject({ outcome: "accepted", interviewId });
    expect(await started).toEqual({ standId: food, interviewId });

    const rows = await app.database.db.select().from(interviews);
    expect(rows.find((row) => row.id === interviewId)).toMatchObject({
      standId: food,
      status: "live",
    });

    const mine = await candidate.emitWithAck("queue:mine", {});
    expect(mine).toMatchObject({ ok: true, queues: [{ state: "interviewing", interviewId }] });

    const user = await candidate.emitWithAck("queue:mine", {});
    if (!user.ok) throw new Error("mine failed");
    const candidateId = rows.find((row) => row.id === interviewId)?.candidateId ?? "";
    await app.queue.interviewEnded(food, candidateId, 6 * 60_000);
    expect(await candidate.emitWithAck("queue:mine", {})).toEqual({ ok: true, queues: [] });
    expect(await app.queue.standUpdate(food)).toMatchObject({ averageInterviewMs: 6 * 60_000 });

    const events = (await loggedEvents()).map((event) => event.type);
    expect(events).toEqual(
      expect.arrayContaining(["join", "call", "accept", "interview_start", "interview_end"]),
    );
  });

  it("treats a first decline as a no-show that keeps the place and removes on the second", async () => {
    const food = standId("Flanders Food Factory");
    const candidate = await connectAs("kandidaat@crossfair.test");
    const recruiter = await connectAs("recruiter@crossfair.test");
    await recruiter.emitWithAck("staff:console", { standId: food });
    const joined = await candidate.emitWithAck("queue:join", {
      standId: food,
      consentToShareProfile: true,
    });
    if (!joined.ok) throw new Error("join failed");

    await recruiter.emitWithAck("staff:callNext", { standId: food });
    expect(await candidate.emitWithAck("queue:respond", { standId: food, accept: false })).toEqual({
      ok: true,
    });
    expect(await candidate.emitWithAck("queue:mine", {})).toMatchObject({
      queues: [{ ticket: joined.entry.ticket, state: "waiting", noShows: 1 }],
    });

    await recruiter.emitWithAck("staff:callNext", { standId: food });
    const removed = nextEvent(candidate, "queue:removed");
    await candidate.emitWithAck("queue:respond", { standId: food, accept: false });
    expect(await removed).toEqual({ standId: food, reason: "no_show" });
    expect(
      await candidate.emitWithAck("queue:respond", { standId: food, accept: true }),
    ).toMatchObject({
      ok: false,
      code: "not_called",
    });
  });

  it("tells the recruiter when the called candidate leaves instead of answering", async () => {
    const food = standId("Flanders Food Factory");
    const candidate = await connectAs("candidate@crossfair.test");
    const recruiter = await connectAs("recruiter@crossfair.test");
    await recruiter.emitWithAck("staff:console", { standId: food });
    await candidate.emitWithAck("queue:join", { standId: food, consentToShareProfile: true });
    const called = nextEvent(candidate, "queue:called");
    await recruiter.emitWithAck("staff:callNext", { standId: food });
    await called;
    const answered = nextEvent(recruiter, "staff:callAnswered");
    expect(await candidate.emitWithAck("queue:leave", { standId: food })).toEqual({ ok: true });
    expect(await answered).toMatchObject({ standId: food, outcome: "left" });
  });

  it("keeps the place and tells the recruiter when an accepted call cannot start an interview", async () => {
    const stand = standId("Kortrijk Tech Solutions");
    const candidate = await connectAs("kandidaat@crossfair.test");
    const outsider = await connectAs("recruiter@crossfair.test");
    const outsiderId = await idOf("recruiter@crossfair.test");
    const joined = await candidate.emitWithAck("queue:join", {
      standId: stand,
      consentToShareProfile: true,
    });
    if (!joined.ok) throw new Error("join failed");
    // A call put straight into the store by someone who is not this stand's staff: starting the
    // interview is refused by the interview service, which is the failure under test.
    await app.queueStore.callNext({
      standId: stand,
      recruiterId: outsiderId,
      languages: [],
      deadline: Date.now() + 30_000,
      onlineSince: Date.now() - 10_000,
    });
    const answered = nextEvent(outsider, "staff:callAnswered");
    expect(
      await candidate.emitWithAck("queue:respond", { standId: stand, accept: true }),
    ).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(await answered).toMatchObject({ standId: stand, outcome: "failed" });
    expect(await candidate.emitWithAck("queue:mine", {})).toMatchObject({
      queues: [{ standId: stand, ticket: joined.entry.ticket, state: "waiting", noShows: 0 }],
    });
    await candidate.emitWithAck("queue:leave", { standId: stand });
  });

  it("counts an unanswered call as a no-show once its time runs out", async () => {
    const stand = standId("Kortrijk Tech Solutions");
    const candidate = await connectAs("kandidaat@crossfair.test");
    const recruiter = await sessionOf("recruiter@crossfair.test");
    const joined = await candidate.emitWithAck("queue:join", {
      standId: stand,
      consentToShareProfile: true,
    });
    if (!joined.ok) throw new Error("join failed");
    // Called straight through the store with a 1 s deadline (the setting's minimum is 5 s), so
    // the test exercises the sweeper and its notifications without waiting out a real call.
    const call = await app.queueStore.callNext({
      standId: stand,
      recruiterId: recruiter.id,
      languages: [],
      deadline: Date.now() + 1_000,
      onlineSince: Date.now() - 10_000,
    });
    expect(call).toMatchObject({ status: "called" });
    const mine = nextEvent(
      candidate,
      "queue:mine",
      (update) => update.queues.some((queue) => queue.standId === stand && queue.noShows === 1),
      6_000,
    );
    expect((await mine).queues.find((queue) => queue.standId === stand)).toMatchObject({
      state: "waiting",
      ticket: joined.entry.ticket,
    });
    const events = (await loggedEvents()).filter((event) => event.standId === stand);
    expect(events.map((event) => event.type)).toContain("no_show");
    await candidate.emitWithAck("queue:leave", { standId: stand });
  });

  it("keeps the place across a reconnect within the grace and drops it after", async () => {
    // Presence is per person: every socket of this candidate must be gone for the grace to run.
    for (const socket of sockets.splice(0)) socket.close();
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

  it("coalesces a burst of changes into a few stand updates", async () => {
    const stand = standId("Lille Métropole Santé");
    const watcher = await connectAs("kandidaat@crossfair.test");
    await watcher.emitWithAck("queue:watch", { standId: stand });
    let updates = 0;
    watcher.on("queue:stand", (update) => {
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

  /** The event log is written behind the queue; wait for it before reading. */
  async function loggedEvents() {
    await app.queue.events.flush();
    return app.database.db.select().from(queueEvents);
  }
  async function idOf(email: string): Promise<string> {
    return (await sessionOf(email)).id;
  }
  async function sessionOf(email: string) {
    const cookie = await signInCookie(app, email);
    const me = await app.http.inject({ url: "/api/auth/me", headers: { cookie } });
    return sessionUserSchema.parse((me.json() as { user: unknown }).user);
  }
  async function questionIds(stand: string): Promise<string[]> {
    const rows = await app.database.db.select().from(screeningQuestions);
    return rows.filter((row) => row.standId === stand).map((row) => row.id);
  }
});
