import { describe, expect, it } from "vitest";
import { DEFAULT_INTERVIEW_MS, averageMs, estimateWaitMs } from "./wait-estimate.js";

describe("estimateWaitMs", () => {
  it("grows with the position and shrinks with more recruiters", () => {
    const tenMinutes = 600_000;
    expect(estimateWaitMs(1, 1, tenMinutes)).toBe(300_000);
    expect(estimateWaitMs(2, 1, tenMinutes)).toBe(900_000);
    expect(estimateWaitMs(2, 2, tenMinutes)).toBe(300_000);
    expect(estimateWaitMs(5, 2, tenMinutes)).toBe(1_500_000);
  });

  it("has no estimate without an active recruiter or a position", () => {
    expect(estimateWaitMs(3, 0, 600_000)).toBeNull();
    expect(estimateWaitMs(0, 2, 600_000)).toBeNull();
  });

  it("uses the default interview length before the first interview", () => {
    expect(estimateWaitMs(1, 1, 0)).toBe(DEFAULT_INTERVIEW_MS / 2);
  });
});

describe("averageMs", () => {
  it("averages recent durations", () => {
    expect(averageMs([])).toBe(DEFAULT_INTERVIEW_MS);
    expect(averageMs([100, 200, 600])).toBe(300);
  });
});
