import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { get } from "svelte/store";
import { STAFF_QUEUE_HEAD_SIZE, type StaffQueue, type StaffQueueEntry } from "@crossfair/shared";
import { FakeLink, OK_EMPTY, settle } from "../connection/connection.link.fake.js";
import { beyondHead, StaffConsoleManager } from "./staff-console.manager.js";

const STAND = "11111111-1111-4111-8111-111111111111";
const OTHER = "22222222-2222-4222-8222-222222222222";
const CAMILLE = "33333333-3333-4333-8333-333333333333";
const INTERVIEW = "44444444-4444-4444-8444-444444444444";

const camille: StaffQueueEntry = {
  candidateId: CAMILLE,
  ticket: 1,
  state: "waiting",
  frozen: false,
  online: true,
  noShows: 0,
  profile: {
    displayName: "Camille Dubois",
    country: "FR",
    region: "Hauts-de-France",
    languages: [{ language: "fr", level: "C2" }],
    sectors: ["logistics"],
    pitch: "Cariste expérimentée",
  },
  answers: [],
};

const queue = (extra: Partial<StaffQueue> = {}): StaffQueue => ({
  standId: STAND,
  open: true,
  paused: false,
  entries: [camille],
  queueLength: 1,
  waiting: 1,
  averageInterviewMs: 480_000,
  activeRecruiters: 1,
  ...extra,
});

describe("StaffConsoleManager", () => {
  let link: FakeLink;
  let manager: StaffConsoleManager;

  async function opened(): Promise<void> {
    const opening = manager.open(STAND);
    link.one("staff:console").answer({ ok: true, queue: queue() });
    await opening;
  }

  beforeEach(() => {
    link = new FakeLink();
    manager = new StaffConsoleManager(link, { now: () => 5_000 });
  });

  afterEach(() => manager.destroy());

  it("opens the console of a stand and shows its queue", async () => {
    const opening = manager.open(STAND);
    expect(get(manager)).toMatchObject({ standId: STAND, status: "loading" });
    expect(link.requests[0]?.payload).toEqual({ standId: STAND });
    link.one("staff:console").answer({ ok: true, queue: queue() });
    await opening;
    expect(get(manager)).toMatchObject({ status: "ready", queue: queue(), error: null });
  });

  it("reports a refused console (not this stand's staff)", async () => {
    const opening = manager.open(STAND);
    link.one("staff:console").answer({ ok: false, code: "forbidden", message: "no" });
    await opening;
    expect(get(manager)).toMatchObject({
      status: "error",
      queue: null,
      error: { code: "forbidden", message: "no" },
    });
  });

  it("keeps the live staff:queue of its own stand only", async () => {
    await opened();
    link.fire("staff:queue", queue({ standId: OTHER, entries: [] }));
    expect(get(manager).queue?.entries).toHaveLength(1);
    link.fire("staff:queue", queue({ entries: [], activeRecruiters: 2 }));
    expect(get(manager).queue).toMatchObject({ entries: [], activeRecruiters: 2 });
  });

  it("shows the head of a long queue in full and counts the rest", async () => {
    await opened();
    const head = Array.from({ length: STAFF_QUEUE_HEAD_SIZE }, (_, index) => ({
      ...camille,
      candidateId: `33333333-3333-4333-8333-${String(index).padStart(12, "0")}`,
      ticket: index + 1,
    }));
    link.fire("staff:queue", queue({ entries: head, queueLength: 1_000, waiting: 940 }));
    const shown = get(manager).queue;
    expect(shown?.entries.map((entry) => entry.ticket)).toEqual(head.map((entry) => entry.ticket));
    expect(shown).toMatchObject({ queueLength: 1_000, waiting: 940 });
    expect(beyondHead(shown!)).toBe(1_000 - STAFF_QUEUE_HEAD_SIZE);
    // A short queue is shown whole.
    link.fire("staff:queue", queue());
    expect(beyondHead(get(manager).queue!)).toBe(0);
  });

  it("calls the next candidate, remembers who, and refuses a double click", async () => {
    await opened();
    const calling = manager.callNext();
    expect(get(manager).pending).toBe("callNext");
    expect(await manager.callNext()).toMatchObject({ ok: false, code: "conflict" });
    const request = link.one("staff:callNext");
    expect(request.payload).toEqual({ standId: STAND });
    request.answer({ ok: true, candidateId: CAMILLE });
    expect(await calling).toEqual({ ok: true, candidateId: CAMILLE });
    expect(get(manager)).toMatchObject({
      pending: null,
      lastCall: { candidateId: CAMILLE, at: 5_000 },
    });
  });

  it("records that nobody could be called", async () => {
    await opened();
    const calling = manager.callNext();
    link.one("staff:callNext").answer({ ok: true, candidateId: null });
    await calling;
    expect(get(manager).lastCall).toEqual({ candidateId: null, at: 5_000 });
  });

  it("shows a refused action's error and clears it on the next success", async () => {
    await opened();
    const calling = manager.callNext();
    link.one("staff:callNext").answer({ ok: false, code: "stand_closed" });
    await calling;
    expect(get(manager)).toMatchObject({ pending: null, error: { code: "stand_closed" } });
    const pausing = manager.setPaused(true);
    link.one("staff:pause").answer(OK_EMPTY);
    await pausing;
    expect(get(manager).error).toBeNull();
  });

  it("pauses, resumes, closes and opens the stand", async () => {
    await opened();
    const pausing = manager.setPaused(true);
    expect(link.requests[0]?.payload).toEqual({ standId: STAND, paused: true });
    link.one("staff:pause").answer(OK_EMPTY);
    await pausing;
    expect(get(manager).queue?.paused).toBe(true);

    const closing = manager.setOpen(false);
    expect(link.requests[0]?.payload).toEqual({ standId: STAND, open: false });
    link.one("staff:open").answer(OK_EMPTY);
    await closing;
    expect(get(manager).queue?.open).toBe(false);
  });

  it("keeps the last answer to a call of its stand", async () => {
    await opened();
    const answer = {
      standId: STAND,
      candidateId: CAMILLE,
      outcome: "accepted",
      interviewId: INTERVIEW,
    } as const;
    link.fire("staff:callAnswered", { ...answer, standId: OTHER });
    expect(get(manager).lastAnswer).toBeNull();
    link.fire("staff:callAnswered", answer);
    expect(get(manager).lastAnswer).toEqual(answer);
  });

  it("refuses actions while no console is open", async () => {
    expect(await manager.callNext()).toMatchObject({ ok: false, code: "conflict" });
    expect(link.requests).toEqual([]);
  });

  it("re-opens the console after a reconnect, and ignores the old answer", async () => {
    const opening = manager.open(STAND);
    const stale = link.one("staff:console");
    link.reconnect();
    link.one("staff:console").answer({ ok: true, queue: queue({ activeRecruiters: 3 }) });
    stale.answer({ ok: true, queue: queue({ activeRecruiters: 1 }) });
    await opening;
    await settle();
    expect(get(manager).queue?.activeRecruiters).toBe(3);
  });

  it("waits for the connection before opening, and stops after close", async () => {
    link.connected = false;
    await manager.open(STAND);
    expect(link.requests).toEqual([]);
    link.reconnect();
    link.one("staff:console").answer({ ok: true, queue: queue() });
    await settle();
    expect(get(manager).status).toBe("ready");

    manager.close();
    expect(get(manager)).toMatchObject({ standId: null, status: "idle" });
    expect(link.one("staff:closeConsole").payload).toEqual({ standId: STAND });
    link.reconnect();
    expect(link.requests).toEqual([]);
    link.fire("staff:queue", queue());
    expect(get(manager).queue).toBeNull();
  });

  it("removes its listeners on destroy", () => {
    manager.destroy();
    expect(link.listenerCount()).toBe(0);
  });
});
