/**
 * The Slots panel live: it reads the slots again every interval while open,
 * soon after the console's queue changes (never more often than the gap),
 * keeps the last good slots when a refresh fails, and stops when closed.
 */
import { writable } from "svelte/store";
import { describe, expect, it } from "vitest";
import type { StaffSlot } from "@crossfair/shared";
import { ManualTimers, settle } from "../admin/poller.fakes.js";
import type { HttpResult } from "../http/http.client.js";
import { SLOTS_QUEUE_GAP_MS, SLOTS_REFRESH_MS, SlotsManager } from "./slots.manager.js";

const STAND = "11111111-1111-4111-8111-111111111111";

const slot = (id: string, present: boolean): StaffSlot => ({
  id,
  startsAt: "2026-12-08T09:00:00.000Z",
  endsAt: "2026-12-08T09:15:00.000Z",
  recruiter: null,
  booking: {
    id: "44444444-4444-4444-8444-444444444444",
    status: "booked",
    bookedAt: "2026-12-01T09:00:00.000Z",
    candidate: { id: "55555555-5555-4555-8555-555555555555", profile: null },
    present,
    late: false,
  },
});

function liveSetup() {
  const timers = new ManualTimers();
  const queue = writable<object | null>(null);
  const answers: HttpResult<{ timeZone: string; slots: StaffSlot[] }>[] = [];
  let asked = 0;
  const api = {
    async standSlots() {
      asked += 1;
      return (
        answers.shift() ?? { ok: true as const, data: { timeZone: "Europe/Brussels", slots: [] } }
      );
    },
    publish: async () => ({ ok: false as const, code: "internal" as const, message: "" }),
    withdraw: async () => ({ ok: true as const, data: undefined }),
  };
  const manager = new SlotsManager(api, null, { queue, timers });
  return { timers, queue, answers, manager, asked: () => asked };
}

describe("the live Slots panel", () => {
  it("reads the slots again every interval while open, and says when they arrived", async () => {
    const { timers, answers, manager, asked } = liveSetup();
    timers.time = 1_000;
    await manager.open(STAND, false);
    expect(asked()).toBe(1);
    expect(manager.state.receivedAt).toBe(1_000);
    expect(timers.delays).toEqual([SLOTS_REFRESH_MS]);

    answers.push({ ok: true, data: { timeZone: "Europe/Brussels", slots: [slot("a", true)] } });
    timers.time += SLOTS_REFRESH_MS;
    await timers.fire();
    expect(asked()).toBe(2);
    expect(manager.state.slots[0]?.booking?.present).toBe(true);
    expect(manager.state.receivedAt).toBe(1_000 + SLOTS_REFRESH_MS);
  });

  it("keeps the last good slots on screen when a refresh fails, without going back to loading", async () => {
    const { timers, answers, manager } = liveSetup();
    answers.push({ ok: true, data: { timeZone: "Europe/Brussels", slots: [slot("a", true)] } });
    await manager.open(STAND, false);
    const states: string[] = [];
    const stop = manager.subscribe((state) => states.push(state.status));
    answers.push({ ok: false, code: "unavailable", message: "" });
    await timers.fire();
    expect(manager.state).toMatchObject({ status: "ready", error: "unavailable" });
    expect(manager.state.slots).toHaveLength(1);
    expect(states).not.toContain("loading");
    // The next good answer clears the warning.
    await timers.fire();
    expect(manager.state.error).toBeNull();
    stop();
  });

  it("refreshes soon after the console's queue changes, at most once per gap", async () => {
    const { timers, queue, manager, asked } = liveSetup();
    timers.time = 50_000;
    await manager.open(STAND, false);
    expect(asked()).toBe(1);
    // Right after a load: waits out the gap instead of asking again at once.
    queue.set({ entries: [] });
    await settle();
    expect(asked()).toBe(1);
    expect(timers.delays.at(-1)).toBe(SLOTS_QUEUE_GAP_MS);
    timers.time += SLOTS_QUEUE_GAP_MS;
    await timers.fire();
    expect(asked()).toBe(2);
    // Later, a push asks at once, and the interval starts again from there.
    timers.time += SLOTS_QUEUE_GAP_MS;
    queue.set({ entries: [{}] });
    await settle();
    expect(asked()).toBe(3);
    expect(timers.delays.at(-1)).toBe(SLOTS_REFRESH_MS);
  });

  it("stops when closed: no timer, no more reads on queue pushes", async () => {
    const { timers, queue, manager, asked } = liveSetup();
    await manager.open(STAND, false);
    manager.close();
    expect(timers.callbacks).toHaveLength(0);
    timers.time += 60_000;
    queue.set({ entries: [] });
    await timers.fire();
    expect(asked()).toBe(1);
    expect(manager.state.status).toBe("idle");
  });
});
