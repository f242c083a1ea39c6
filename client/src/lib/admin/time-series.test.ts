import { describe, expect, it } from "vitest";
import { TimeSeriesBuffer } from "./time-series.js";

type Key = "waiting" | "interviewing";
const point = (at: number, waiting: number, interviewing = 0) => ({
  at,
  values: { waiting, interviewing },
});

describe("time series buffer", () => {
  it("keeps points oldest first", () => {
    const series = new TimeSeriesBuffer<Key>({ windowMs: 60_000, maxPoints: 10 });
    series.push(point(1_000, 1));
    series.push(point(4_000, 2, 1));
    expect(series.points).toEqual([point(1_000, 1), point(4_000, 2, 1)]);
  });

  it("drops points that fell out of the window", () => {
    const series = new TimeSeriesBuffer<Key>({ windowMs: 10_000, maxPoints: 100 });
    for (const at of [0, 3_000, 6_000, 9_000, 12_000, 15_000]) series.push(point(at, at / 1000));
    expect(series.points.map((p) => p.at)).toEqual([6_000, 9_000, 12_000, 15_000]);
  });

  it("keeps at most maxPoints, the newest", () => {
    const series = new TimeSeriesBuffer<Key>({ windowMs: 1_000_000, maxPoints: 3 });
    for (let at = 1; at <= 5; at += 1) series.push(point(at * 1000, at));
    expect(series.points.map((p) => p.values.waiting)).toEqual([3, 4, 5]);
  });

  it("drops a late answer that is not newer than the newest point", () => {
    const series = new TimeSeriesBuffer<Key>({ windowMs: 60_000, maxPoints: 10 });
    expect(series.push(point(5_000, 1))).toBe(true);
    expect(series.push(point(4_000, 9))).toBe(false);
    expect(series.push(point(5_000, 9))).toBe(false);
    expect(series.push(point(Number.NaN, 9))).toBe(false);
    expect(series.points).toEqual([point(5_000, 1)]);
  });

  it("copies the values so later changes to the caller's object do not leak in", () => {
    const series = new TimeSeriesBuffer<Key>({ windowMs: 60_000, maxPoints: 10 });
    const values = { waiting: 1, interviewing: 2 };
    series.push({ at: 1, values });
    values.waiting = 99;
    expect(series.points[0]?.values.waiting).toBe(1);
    series.clear();
    expect(series.points).toEqual([]);
  });

  it("refuses a window or size that can hold nothing", () => {
    expect(() => new TimeSeriesBuffer({ windowMs: 0, maxPoints: 1 })).toThrow(RangeError);
    expect(() => new TimeSeriesBuffer({ windowMs: 1, maxPoints: 0 })).toThrow(RangeError);
  });
});
