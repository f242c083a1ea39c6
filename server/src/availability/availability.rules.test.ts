import { describe, expect, it } from "vitest";
import { AppError } from "../plugins/errors.js";
import {
  cancellableUntil,
  cutIntoSlots,
  fairInstant,
  insideOpeningHours,
  isLate,
  openingWindow,
  overlaps,
  requireFuture,
} from "./availability.rules.js";

const BRUSSELS = "Europe/Brussels";
const HOURS = [{ date: "2026-12-08", opens: "09:00", closes: "17:00" }];
const at = (iso: string) => new Date(iso);
const range = (from: string, to: string) => ({ startsAt: at(from), endsAt: at(to) });
const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof AppError ? error.code : "not an AppError";
  }
  return "no error";
};

describe("cutting a range into slots", () => {
  it("cuts back to back, leaving a short end free", () => {
    const slots = cutIntoSlots(range("2026-12-08T09:00:00Z", "2026-12-08T09:50:00Z"), 15, 0);
    expect(slots.map((slot) => slot.startsAt.toISOString().slice(11, 16))).toEqual([
      "09:00",
      "09:15",
      "09:30",
    ]);
    expect(slots[2]!.endsAt.toISOString()).toBe("2026-12-08T09:45:00.000Z");
  });

  it("leaves the break between slots", () => {
    const slots = cutIntoSlots(range("2026-12-08T09:00:00Z", "2026-12-08T10:00:00Z"), 20, 10);
    expect(slots.map((slot) => slot.startsAt.toISOString().slice(11, 16))).toEqual([
      "09:00",
      "09:30",
    ]);
    // The last slot fits without the break after it.
    const tight = cutIntoSlots(range("2026-12-08T09:00:00Z", "2026-12-08T09:50:00Z"), 20, 10);
    expect(tight).toHaveLength(2);
  });

  it("refuses a range shorter than one slot", () => {
    expect(
      codeOf(() => cutIntoSlots(range("2026-12-08T09:00:00Z", "2026-12-08T09:09:00Z"), 10, 0)),
    ).toBe("validation_failed");
  });
});

describe("opening hours in the fair's time zone", () => {
  it("reads the day's hours on the fair's clocks (winter: UTC+1)", () => {
    expect(fairInstant("2026-12-08", "09:00", BRUSSELS).toISOString()).toBe(
      "2026-12-08T08:00:00.000Z",
    );
    expect(openingWindow(HOURS, "2026-12-08", BRUSSELS)).toEqual(
      range("2026-12-08T08:00:00Z", "2026-12-08T16:00:00Z"),
    );
    // Summer: UTC+2.
    expect(fairInstant("2026-07-01", "09:00", BRUSSELS).toISOString()).toBe(
      "2026-07-01T07:00:00.000Z",
    );
  });

  it("answers outside_opening_hours for a day the fair is closed", () => {
    expect(codeOf(() => openingWindow(HOURS, "2026-12-09", BRUSSELS))).toBe(
      "outside_opening_hours",
    );
  });

  it("tells whether a slot lies inside a day's hours", () => {
    const inside = range("2026-12-08T15:45:00Z", "2026-12-08T16:00:00Z");
    const late = range("2026-12-08T15:50:00Z", "2026-12-08T16:05:00Z");
    const early = range("2026-12-08T07:55:00Z", "2026-12-08T08:10:00Z");
    expect(insideOpeningHours(inside, HOURS, BRUSSELS)).toBe(true);
    expect(insideOpeningHours(late, HOURS, BRUSSELS)).toBe(false);
    expect(insideOpeningHours(early, HOURS, BRUSSELS)).toBe(false);
    expect(insideOpeningHours(inside, [], BRUSSELS)).toBe(false);
  });
});

describe("overlaps, the cut-off and the past", () => {
  it("counts shared time only: touching slots do not overlap", () => {
    const nine = range("2026-12-08T09:00:00Z", "2026-12-08T09:15:00Z");
    expect(overlaps(nine, range("2026-12-08T09:15:00Z", "2026-12-08T09:30:00Z"))).toBe(false);
    expect(overlaps(nine, range("2026-12-08T09:10:00Z", "2026-12-08T09:25:00Z"))).toBe(true);
    expect(overlaps(nine, range("2026-12-08T08:00:00Z", "2026-12-08T10:00:00Z"))).toBe(true);
  });

  it("ends cancelling the cut-off before the slot", () => {
    expect(cancellableUntil(at("2026-12-08T10:00:00Z"), 60).toISOString()).toBe(
      "2026-12-08T09:00:00.000Z",
    );
    expect(cancellableUntil(at("2026-12-08T10:00:00Z"), 0).toISOString()).toBe(
      "2026-12-08T10:00:00.000Z",
    );
  });

  it("refuses a slot that has started", () => {
    const start = at("2026-12-08T10:00:00Z");
    expect(codeOf(() => requireFuture(start, at("2026-12-08T10:00:00Z")))).toBe("slot_in_past");
    expect(codeOf(() => requireFuture(start, at("2026-12-08T09:59:59Z")))).toBe("no error");
  });
});

describe("a late candidate", () => {
  const start = at("2026-12-08T10:00:00Z");
  it("is one whose slot has started while still booked or being called", () => {
    expect(isLate(start, "booked", at("2026-12-08T09:59:59Z"))).toBe(false);
    expect(isLate(start, "booked", start)).toBe(true);
    expect(isLate(start, "called", at("2026-12-08T10:03:00Z"))).toBe(true);
  });

  it("is not one who came, did not come, or cancelled", () => {
    const later = at("2026-12-08T10:05:00Z");
    for (const status of ["attended", "no_show", "cancelled"] as const) {
      expect(isLate(start, status, later)).toBe(false);
    }
  });
});
