/**
 * Calls at a stand over real sockets: recruiters arriving and leaving, a
 * declined call, a candidate leaving while called, an accepted call whose
 * interview cannot start, and a call that runs out of time.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startQueueFixture, type QueueFixture } from "./queue-fixture.js";
import { nextEvent } from "../../support/socket-client.js";
import type { TestApp } from "../../support/app.js";

describe("calls at a stand", () => {
  let app: TestApp;
  let fixture: QueueFixture;
  const standId = (name: string) => fixture.standId(name);
  const connectAs = (email: string) => fixture.connectAs(email);
  const idOf = (email: string) => fixture.idOf(email);
  const sessionOf = (email: string) => fixture.sessionOf(email);
  const loggedEvents = () => fixture.loggedEvents();

  beforeAll(async () => {
    fixture = await startQueueFixture();
    app = fixture.app;
  });
  afterAll(async () => fixture?.dispose());

  it("tells watchers when a recruiter starts and stops taking candidates", async () => {
    fixture.closeSockets();
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
});
