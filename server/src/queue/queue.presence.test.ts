/**
 * Presence holds lapsed graces back after the store was out of reach: sweeps
 * pass `absent: false` until beats and sweeps have gone through for a whole
 * online window again (and for the first window after start).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Logger } from "pino";
import { QueuePresence } from "./queue.presence.js";
import type { QueueService } from "./queue.service.js";

const HEARTBEAT_MS = 1_000;
const WINDOW_MS = 2_500;

function fakeService() {
  const sweeps: boolean[] = [];
  let failing = false;
  let hang: Promise<void> | null = null;
  const store = async () => {
    if (hang) await hang;
    if (failing) throw new Error("store unreachable");
  };
  const service = {
    upkeep: {
      candidatesSeen: vi.fn(store),
      candidateGone: vi.fn(store),
      warmCaches: vi.fn(async () => undefined),
      sweep: vi.fn(async (options: { absent?: boolean } = {}) => {
        await store();
        sweeps.push(options.absent ?? true);
      }),
    },
    staff: { recruiterSeen: vi.fn(store), recruiterGone: vi.fn(store), membership: vi.fn() },
  } as unknown as QueueService;
  return {
    service,
    /** `absent` of the sweeps that went through since the last call. */
    takeSweeps: () => sweeps.splice(0),
    fail: (value: boolean) => (failing = value),
    hangUntil: (promise: Promise<void> | null) => (hang = promise),
  };
}

const log = { warn() {}, info() {} } as unknown as Logger;

describe("QueuePresence after a store outage", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("expires graces only once an online window has passed since the start", async () => {
    const fake = fakeService();
    const presence = new QueuePresence(fake.service, log, HEARTBEAT_MS, WINDOW_MS);
    presence.start();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(fake.takeSweeps()).toEqual([false, false]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(fake.takeSweeps()).toEqual([true, true]);
    presence.stop();
  });

  it("holds graces back from the first failure until a window after the first success", async () => {
    const fake = fakeService();
    const presence = new QueuePresence(fake.service, log, HEARTBEAT_MS, WINDOW_MS);
    presence.start();
    await vi.advanceTimersByTimeAsync(4_000);
    fake.takeSweeps();

    fake.fail(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fake.takeSweeps()).toEqual([]);
    fake.fail(false);
    // Back at the next tick: that sweep and those within a window after it keep graces.
    await vi.advanceTimersByTimeAsync(3_000);
    expect(fake.takeSweeps()).toEqual([false, false, false]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(fake.takeSweeps()).toEqual([true, true]);
    presence.stop();
  });

  it("treats a store that hangs for a window as an outage, and never piles calls up", async () => {
    const fake = fakeService();
    const presence = new QueuePresence(fake.service, log, HEARTBEAT_MS, WINDOW_MS);
    presence.start();
    await vi.advanceTimersByTimeAsync(4_000);
    fake.takeSweeps();
    const calls = vi.mocked(fake.service.upkeep.sweep).mock.calls.length;

    let release = () => {};
    fake.hangUntil(new Promise<void>((resolve) => (release = resolve)));
    await vi.advanceTimersByTimeAsync(10_000);
    // One sweep started and hangs; the ticks meanwhile start no other.
    expect(vi.mocked(fake.service.upkeep.sweep).mock.calls.length).toBe(calls + 1);
    fake.hangUntil(null);
    release();
    await vi.advanceTimersByTimeAsync(2_000);
    // The hung sweep was started while all was well; those after it wait for the window.
    expect(fake.takeSweeps()).toEqual([true, false, false]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(fake.takeSweeps()).toEqual([true, true]);
    presence.stop();
  });
});
