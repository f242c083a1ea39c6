import { describe, expect, it } from "vitest";
import { datesBetween, isoToZoned, offsetMinutes, zonedToIso } from "./zoned-time.js";

describe("fair-zone times", () => {
  it("gives a wall time in the fair's zone its offset, summer and winter", () => {
    expect(zonedToIso("2026-06-10T09:00", "Europe/Brussels")).toBe("2026-06-10T09:00:00+02:00");
    expect(zonedToIso("2026-01-15T17:30", "Europe/Brussels")).toBe("2026-01-15T17:30:00+01:00");
    expect(zonedToIso("2026-01-15T17:30", "UTC")).toBe("2026-01-15T17:30:00+00:00");
    expect(zonedToIso("2026-01-15T08:00", "America/New_York")).toBe("2026-01-15T08:00:00-05:00");
    expect(zonedToIso("2026-01-15T08:00", "Asia/Kolkata")).toBe("2026-01-15T08:00:00+05:30");
  });

  it("names the same instant as the UTC reading", () => {
    const iso = zonedToIso("2026-06-10T09:00", "Europe/Brussels") ?? "";
    expect(new Date(iso).toISOString()).toBe("2026-06-10T07:00:00.000Z");
  });

  it("handles the nights the clocks change", () => {
    // 2026-03-29 02:30 does not exist in Brussels (02:00 → 03:00).
    const skipped = zonedToIso("2026-03-29T02:30", "Europe/Brussels") ?? "";
    expect(new Date(skipped).toISOString()).toMatch(/^2026-03-29T0[01]:30:00\.000Z$/);
    expect(zonedToIso("2026-03-29T03:30", "Europe/Brussels")).toBe("2026-03-29T03:30:00+02:00");
    expect(zonedToIso("2026-10-25T12:00", "Europe/Brussels")).toBe("2026-10-25T12:00:00+01:00");
  });

  it("refuses text that is not a wall time", () => {
    expect(zonedToIso("", "UTC")).toBeNull();
    expect(zonedToIso("2026-02-30T10:00", "UTC")).toBeNull();
    expect(zonedToIso("2026-02-10 10:00", "UTC")).toBeNull();
    expect(zonedToIso("2026-02-10T24:00", "UTC")).toBeNull();
  });

  it("reads an instant back on the fair's clocks", () => {
    expect(isoToZoned("2026-06-10T07:00:00.000Z", "Europe/Brussels")).toBe("2026-06-10T09:00");
    expect(isoToZoned("2026-06-10T09:00:00+02:00", "Europe/London")).toBe("2026-06-10T08:00");
    expect(isoToZoned("not a date", "UTC")).toBe("");
    for (const local of ["2026-01-01T00:00", "2026-07-31T23:59", "2026-10-25T01:15"]) {
      expect(isoToZoned(zonedToIso(local, "Europe/Brussels") ?? "", "Europe/Brussels")).toBe(local);
    }
  });

  it("knows a zone's offset at an instant", () => {
    expect(offsetMinutes(Date.parse("2026-06-10T07:00:00Z"), "Europe/Brussels")).toBe(120);
    expect(offsetMinutes(Date.parse("2026-12-10T07:00:00Z"), "Europe/Brussels")).toBe(60);
  });

  it("lists the fair's days", () => {
    expect(datesBetween("2026-06-10T09:00", "2026-06-12T17:00")).toEqual([
      "2026-06-10",
      "2026-06-11",
      "2026-06-12",
    ]);
    expect(datesBetween("2026-06-12", "2026-06-10")).toEqual([]);
    expect(datesBetween("2026-01-01", "2026-12-31", 3)).toHaveLength(3);
    expect(datesBetween("", "2026-01-01")).toEqual([]);
  });
});
