/**
 * The candidate's positions through the manager: the first read, the deltas
 * after it (the delta protocol at client level), re-reads, and which stands
 * stay watched. The line's own rules are in stand-line.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { get } from "svelte/store";
import { DEFAULT_INTERVIEW_MS, type MyQueue } from "@crossfair/shared";
import { FakeLink, OK_EMPTY, settle } from "../connection/connection.link.fake.js";
import { answeredCandidate, entry, FOOD, LOGISTICS, update } from "./queue.fixtures.js";
import { QueueManager } from "./queue.manager.js";
import { FakeStand } from "./stand-line.fake.js";
import { GAP_MS } from "./stand-line.js";

describe("QueueManager positions and watches", () => {
  let link: FakeLink;
  let manager: QueueManager;

  const candidateWith = (queues: MyQueue[]) => answeredCandidate(link, manager, queues);

  beforeEach(() => {
    vi.useFakeTimers();
    link = new FakeLink();
    manager = new QueueManager(link);
  });

  afterEach(() => {
    manager.destroy();
    vi.useRealTimers();
  });

  it("derives position and wait estimate from the read and the deltas after it", async () => {
    manager.setCandidate(true);
    link.one("queue:mine").answer({ ok: true, queues: [entry(FOOD, 4)] });
    await settle();
    link.one("queue:watch").answer({
      ok: true,
      update: update(FOOD, {
        version: 7,
        ahead: 2,
        waiting: 3,
        queueLength: 5,
        activeRecruiters: 2,
      }),
    });
    await settle();
    const [queue] = get(manager).queues;
    expect(queue).toMatchObject({ position: 3, queueLength: 5, activeRecruiters: 2 });
    // floor((3 - 1) / 2) = 1 interview ahead, plus half of the current one.
    expect(queue?.waitMs).toBe(15 * 60_000);

    link.fire("queue:delta", {
      ...update(FOOD, { version: 9, waiting: 1, queueLength: 3 }),
      versions: [8, 9],
      changes: [
        [2, -1, 8],
        [3, -1, 9],
        [6, 1, 9], // behind ticket 4: changes nothing ahead
      ],
    });
    expect(get(manager).queues[0]).toMatchObject({ position: 1, waitMs: 5 * 60_000 });
    expect(get(manager).stands[FOOD]).toMatchObject({ version: 9, queueLength: 3 });
  });

  it("has no position while snoozed or frozen, and no estimate without a recruiter", async () => {
    manager.setCandidate(true);
    link.one("queue:mine").answer({ ok: true, queues: [entry(FOOD, 4), entry(LOGISTICS, 2)] });
    await settle();
    const [food, logistics] = link.take("queue:watch");
    food?.answer({ ok: true, update: update(FOOD, { ahead: 0, activeRecruiters: 0 }) });
    logistics?.answer({ ok: true, update: update(LOGISTICS, { ahead: 1 }) });
    await settle();
    expect(get(manager).queues[0]).toMatchObject({ position: 1, waitMs: null });
    expect(get(manager).queues[1]).toMatchObject({ position: 2 });

    link.fire("queue:mine", {
      queues: [entry(FOOD, 4, { state: "snoozed" }), entry(LOGISTICS, 2, { frozen: true })],
    });
    const [snoozed, frozen] = get(manager).queues;
    expect(snoozed).toMatchObject({ state: "snoozed", position: null, waitMs: null });
    expect(frozen).toMatchObject({ frozen: true, position: null, waitMs: null });
    // Neither needs a new read: the ticket is the same and nobody went back to waiting.
    expect(link.take("queue:watch")).toEqual([]);
  });

  it("uses the default interview length for a stand with no finished interview yet", async () => {
    manager.setCandidate(true);
    link.one("queue:mine").answer({ ok: true, queues: [entry(FOOD, 1)] });
    await settle();
    link.one("queue:watch").answer({
      ok: true,
      update: update(FOOD, { ahead: 0, averageInterviewMs: 0 }),
    });
    await settle();
    expect(get(manager).queues[0]?.waitMs).toBe(DEFAULT_INTERVIEW_MS / 2);
  });

  describe("the delta protocol", () => {
    let food: FakeStand;

    /** Queued at FOOD with ticket 10, the first read answered as of now. */
    async function queuedAtFood(): Promise<void> {
      food = new FakeStand(FOOD, [1, 3, 4, 10, 12]);
      manager.setCandidate(true);
      link.one("queue:mine").answer({ ok: true, queues: [entry(FOOD, 10)] });
      await settle();
      link.one("queue:watch").answer({ ok: true, update: food.view(10) });
      await settle();
    }

    const freshPosition = () => (food.view(10).ahead ?? 0) + 1;

    it("gives the same position from deltas of two processes as from a fresh read", async () => {
      await queuedAtFood();
      const versions = [
        food.toggle(3),
        food.toggle(2),
        food.step([1, -1], [20, 1]),
        food.toggle(5),
        food.toggle(12),
        food.toggle(6),
      ];
      // Process A pushed the odd versions, process B the even ones, out of order.
      for (const carried of [
        [versions[1]!],
        [versions[4]!, versions[0]!],
        [versions[5]!, versions[3]!],
        [versions[2]!],
      ])
        link.fire("queue:delta", food.delta(carried));
      expect(get(manager).queues[0]?.position).toBe(freshPosition());
      expect(get(manager).stands[FOOD]).toEqual(food.counts());
      vi.advanceTimersByTime(10 * GAP_MS);
      expect(link.take("queue:watch")).toEqual([]);
    });

    it("reads the stand once after a missed version, then matches a fresh read", async () => {
      await queuedAtFood();
      const [v1, , v3] = [food.toggle(3), food.toggle(2), food.toggle(1)]; // v2's push is lost
      link.fire("queue:delta", food.delta([v1]));
      link.fire("queue:delta", food.delta([v3]));
      expect(get(manager).queues[0]?.position).not.toBe(freshPosition());
      vi.advanceTimersByTime(GAP_MS - 1);
      expect(link.take("queue:watch")).toEqual([]);
      vi.advanceTimersByTime(1);
      const resync = link.one("queue:watch");
      // Changes keep coming while the read is on its way.
      const during = food.toggle(11);
      const answer = food.view(10);
      const after = food.toggle(4);
      link.fire("queue:delta", food.delta([after]));
      link.fire("queue:delta", food.delta([during]));
      resync.answer({ ok: true, update: answer });
      await settle();
      expect(get(manager).queues[0]?.position).toBe(freshPosition());
      vi.advanceTimersByTime(10 * GAP_MS);
      expect(link.take("queue:watch")).toEqual([]);
    });

    it("takes a join's and a return's view from their answers, with no watch of its own", async () => {
      food = new FakeStand(FOOD, [1, 3, 4, 12]);
      await candidateWith([]);
      const joining = manager.join(FOOD, []);
      food.toggle(10);
      link.one("queue:join").answer({ ok: true, entry: entry(FOOD, 10), update: food.view(10) });
      await joining;
      link.fire("queue:delta", food.delta([food.toggle(3)]));
      expect(get(manager).queues[0]?.position).toBe(freshPosition());

      const snoozing = manager.snooze(FOOD);
      food.toggle(10);
      link.one("queue:snooze").answer({ ok: true, entry: entry(FOOD, 10, { state: "snoozed" }) });
      await snoozing;
      const ready = manager.ready(FOOD);
      food.toggle(10);
      link.one("queue:snooze").answer({ ok: true, entry: entry(FOOD, 10), update: food.view(10) });
      await ready;
      link.fire("queue:delta", food.delta([food.toggle(1)]));
      expect(get(manager).queues[0]?.position).toBe(freshPosition());
      vi.advanceTimersByTime(10 * GAP_MS);
      expect(link.take("queue:watch")).toEqual([]);

      // An answer without its view (the read after the change failed): the client reads.
      const rejoining = manager.join(LOGISTICS, []);
      link.one("queue:join").answer({ ok: true, entry: entry(LOGISTICS, 2) });
      await rejoining;
      expect(link.one("queue:watch").payload).toEqual({ standId: LOGISTICS });
    });

    it("reads again when the candidate goes back to waiting", async () => {
      await queuedAtFood();
      link.fire("queue:mine", { queues: [entry(FOOD, 10, { state: "called" })] });
      expect(link.take("queue:watch")).toEqual([]);
      link.fire("queue:mine", { queues: [entry(FOOD, 10, { noShows: 1 })] });
      const reread = link.one("queue:watch");
      food.toggle(1);
      reread.answer({ ok: true, update: food.view(10) });
      await settle();
      expect(get(manager).queues[0]?.position).toBe(freshPosition());
    });

    it("ignores a read answered for the candidate's old ticket", async () => {
      await queuedAtFood();
      link.fire("queue:mine", { queues: [entry(FOOD, 10, { state: "snoozed" })] });
      link.fire("queue:mine", { queues: [entry(FOOD, 10)] });
      const forOldTicket = link.one("queue:watch");
      link.fire("queue:mine", { queues: [entry(FOOD, 13)] });
      const forNewTicket = link.one("queue:watch");
      expect(get(manager).queues[0]?.position).toBeNull();
      forOldTicket.answer({ ok: true, update: food.view(10) });
      await settle();
      expect(get(manager).queues[0]?.position).toBeNull();
      forNewTicket.answer({ ok: true, update: food.view(13) });
      await settle();
      expect(get(manager).queues[0]?.position).toBe(6); // 1, 3, 4, 10 and 12 ahead
    });

    it("applies deltas that came before the first read's answer", async () => {
      food = new FakeStand(FOOD, [1, 3, 10]);
      manager.setCandidate(true);
      link.one("queue:mine").answer({ ok: true, queues: [entry(FOOD, 10)] });
      await settle();
      const first = link.one("queue:watch");
      const answer = food.view(10);
      link.fire("queue:delta", food.delta([food.toggle(2), food.toggle(5)]));
      expect(get(manager).queues[0]?.position).toBeNull();
      first.answer({ ok: true, update: answer });
      await settle();
      expect(get(manager).queues[0]?.position).toBe(freshPosition());
      expect(get(manager).stands[FOOD]?.version).toBe(2);
    });

    it("reads every watched stand again after a reconnect", async () => {
      await queuedAtFood();
      const stop = manager.viewStand(LOGISTICS);
      link.one("queue:watch").answer({ ok: true, update: update(LOGISTICS, { version: 40 }) });
      await settle();
      link.reconnect();
      expect(link.take("queue:watch").map((request) => request.payload.standId)).toEqual([
        FOOD,
        LOGISTICS,
      ]);
      link.one("queue:mine").answer({ ok: true, queues: [entry(FOOD, 10)] });
      await settle();
      expect(link.take("queue:watch")).toEqual([]); // already read in this connection
      stop();
    });
  });

  it("watches a viewed stand and unwatches it when its page closes, unless queued there", async () => {
    await candidateWith([entry(FOOD, 4)]);
    const stopLogistics = manager.viewStand(LOGISTICS);
    link.one("queue:watch").answer({ ok: true, update: update(LOGISTICS, { queueLength: 3 }) });
    await settle();
    expect(get(manager).stands[LOGISTICS]?.queueLength).toBe(3);
    stopLogistics();
    stopLogistics(); // a second stop changes nothing
    expect(link.one("queue:unwatch").payload).toEqual({ standId: LOGISTICS });
    expect(get(manager).stands[LOGISTICS]).toBeUndefined();

    const stopFood = manager.viewStand(FOOD);
    expect(link.take("queue:watch")).toEqual([]); // already watched as a queue
    stopFood();
    expect(link.take("queue:unwatch")).toEqual([]);
  });

  it("unwatches a stand once left, unless its page is open", async () => {
    await candidateWith([entry(FOOD, 4), entry(LOGISTICS, 2)]);
    const stopLogistics = manager.viewStand(LOGISTICS);
    for (const standId of [FOOD, LOGISTICS]) {
      const leaving = manager.leave(standId);
      link.one("queue:leave").answer(OK_EMPTY);
      await leaving;
    }
    expect(link.one("queue:unwatch").payload).toEqual({ standId: FOOD });
    expect(Object.keys(get(manager).stands)).toEqual([LOGISTICS]);
    stopLogistics();
    expect(link.one("queue:unwatch").payload).toEqual({ standId: LOGISTICS });
  });
});
