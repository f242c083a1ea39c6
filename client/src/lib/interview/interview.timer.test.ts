import { describe, expect, it } from "vitest";
import { INTERVIEW_WARNING_MS } from "@crossfair/shared";
import { formatClock, InterviewTimer, type TimerClock } from "./interview.timer.js";

const MINUTE = 60_000;

/** A clock that moves only when told, running the timer's ticks as it goes. */
function manualClock(start = 1_000_000) {
  let now = start;
  const ticks = new Set<() => void>();
  const clock: TimerClock = {
    now: () => now,
    every(fn) {
      ticks.add(fn);
      return () => ticks.delete(fn);
    },
  };
  return {
    clock,
    ticking: () => ticks.size,
    advance(ms: number) {
      now += ms;
      for (const tick of ticks) tick();
    },
  };
}

describe("formatClock", () => {
  it("shows minutes and seconds, past the hour too", () => {
    expect(formatClock(0)).toBe("00:00");
    expect(formatClock(9_999)).toBe("00:09");
    expect(formatClock(15 * MINUTE)).toBe("15:00");
    expect(formatClock(75 * MINUTE + 3_000)).toBe("75:03");
    expect(formatClock(-5)).toBe("00:00");
  });
});

describe("InterviewTimer", () => {
  it("shows nothing until a join gives it a planned end", () => {
    const { clock, ticking } = manualClock();
    const timer = new InterviewTimer(clock);
    expect(timer.state).toEqual({ stage: "none", display: "", announcement: "" });
    timer.plan(null, clock.now());
    expect(timer.state.stage).toBe("none");
    expect(ticking()).toBe(0);
  });

  it("counts down the time left on its own clock, whatever the server's clock says", () => {
    const { clock, advance } = manualClock();
    const timer = new InterviewTimer(clock);
    // The server's clock is an hour ahead: 15 minutes left all the same.
    const serverTime = clock.now() + 60 * MINUTE;
    timer.plan(serverTime + 15 * MINUTE, serverTime);
    expect(timer.state).toEqual({ stage: "running", display: "15:00", announcement: "" });
    advance(1);
    expect(timer.state.display).toBe("15:00");
    advance(999);
    expect(timer.state.display).toBe("14:59");
    advance(4 * MINUTE);
    expect(timer.state.display).toBe("10:59");
  });

  it("warns gently at two minutes left, announcing it once", () => {
    const { clock, advance } = manualClock();
    const timer = new InterviewTimer(clock);
    const seen: string[] = [];
    timer.subscribe((state) => seen.push(state.announcement));
    timer.plan(clock.now() + 10 * MINUTE, clock.now());
    advance(10 * MINUTE - INTERVIEW_WARNING_MS - 1);
    expect(timer.state).toMatchObject({ stage: "running", display: "02:01", announcement: "" });
    advance(1);
    expect(timer.state).toEqual({ stage: "warning", display: "02:00", announcement: "warning" });
    for (let second = 0; second < 60; second++) advance(1_000);
    expect(timer.state).toMatchObject({ stage: "warning", display: "01:00" });
    // The announcement changed once; every later second left it as it was.
    expect(seen.filter((said, index) => said !== seen[index - 1])).toEqual(["", "warning"]);
  });

  it("counts the time over from the planned end, and never stops by itself", () => {
    const { clock, advance, ticking } = manualClock();
    const timer = new InterviewTimer(clock);
    timer.plan(clock.now() + 3 * MINUTE, clock.now());
    advance(3 * MINUTE - 1);
    expect(timer.state).toMatchObject({ stage: "warning", display: "00:01" });
    advance(1);
    expect(timer.state).toEqual({ stage: "over", display: "00:00", announcement: "over" });
    advance(90_000);
    expect(timer.state).toEqual({ stage: "over", display: "01:30", announcement: "over" });
    advance(60 * MINUTE);
    expect(timer.state.display).toBe("61:30");
    expect(ticking()).toBe(1);
  });

  it("starts in the warning when joined late, and follows a new plan from a rejoin", () => {
    const { clock, advance } = manualClock();
    const timer = new InterviewTimer(clock);
    timer.plan(clock.now() + 90_000, clock.now());
    expect(timer.state).toEqual({ stage: "warning", display: "01:30", announcement: "warning" });
    // Rejoining (another process answers, its clock 5 s behind) keeps one tick going.
    const serverTime = clock.now() - 5_000;
    timer.plan(serverTime + 90_000, serverTime);
    advance(1_000);
    expect(timer.state).toMatchObject({ stage: "warning", display: "01:29" });
  });

  it("stops with the call", () => {
    const { clock, advance, ticking } = manualClock();
    const timer = new InterviewTimer(clock);
    timer.plan(clock.now() + MINUTE, clock.now());
    timer.stop();
    expect(ticking()).toBe(0);
    advance(2 * MINUTE);
    expect(timer.state).toEqual({ stage: "none", display: "", announcement: "" });
  });
});
