import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CallCountdown } from "./queue.call-countdown.js";
import { FOOD, freshCall } from "./queue.fixtures.js";

describe("CallCountdown", () => {
  let clock: number;
  let ticks: number;
  let missed: string[];
  let countdown: CallCountdown;

  beforeEach(() => {
    vi.useFakeTimers();
    clock = 1_000_000;
    ticks = 0;
    missed = [];
    countdown = new CallCountdown({
      now: () => clock,
      tickMs: 250,
      onTick: () => (ticks += 1),
      onMissed: (standId) => missed.push(standId),
    });
  });

  afterEach(() => {
    countdown.clear();
    vi.useRealTimers();
  });

  it("starts with the whole window left and ticks only while there is a call", () => {
    expect(countdown.call).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
    countdown.start(FOOD, clock + 30_000, "Lotte Peeters");
    expect(countdown.call).toEqual(freshCall(FOOD, clock + 30_000));
    expect(vi.getTimerCount()).toBe(1);
    countdown.clear();
    expect(countdown.call).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("counts down by the injected clock", () => {
    countdown.start(FOOD, clock + 30_000, null);
    clock += 10_400;
    vi.advanceTimersByTime(250);
    expect(countdown.call?.remainingMs).toBe(19_600);
    expect(ticks).toBe(1);
  });

  it("ignores a call whose deadline has already passed", () => {
    countdown.start(FOOD, clock, null);
    expect(countdown.call).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("keeps the window and the recruiter's name when the same call is seen again", () => {
    const deadline = clock + 30_000;
    countdown.start(FOOD, deadline, "Lotte Peeters");
    clock += 5_000;
    countdown.start(FOOD, deadline, null);
    expect(countdown.call).toMatchObject({
      recruiterName: "Lotte Peeters",
      windowMs: 30_000,
      remainingMs: 25_000,
    });
  });

  it("reports a call missed at its deadline, clears it and stops ticking", () => {
    countdown.start(FOOD, clock + 30_000, null);
    clock += 30_000;
    vi.advanceTimersByTime(250);
    expect(missed).toEqual([FOOD]);
    expect(ticks).toBe(0);
    expect(countdown.call).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("keeps a call being answered past its deadline", () => {
    countdown.start(FOOD, clock + 30_000, null);
    countdown.setAnswering(true);
    clock += 31_000;
    vi.advanceTimersByTime(250);
    expect(missed).toEqual([]);
    expect(countdown.call).toMatchObject({ answering: true, remainingMs: 0 });
    countdown.setAnswering(false);
    expect(countdown.call?.answering).toBe(false);
  });
});
