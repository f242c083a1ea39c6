import { describe, expect, it } from "vitest";
import { zonedToIso, type WebinarBody } from "@crossfair/shared";
import { AppError } from "../plugins/errors.js";
import { checkWebinarBody, isOver, requireScheduled, type FairCalendar } from "./webinar.rules.js";
import { mergeIntervals, peakOverlap } from "./webinar.report.js";

const fair: FairCalendar = {
  languages: ["fr", "nl"],
  timeZone: "Europe/Brussels",
  openingHours: [{ date: "2027-03-12", opens: "09:00", closes: "17:00" }],
};
const speaker = "4f1c0a52-3f0e-4b8a-9f59-1c0b7e2d9a11";
const at = (time: string) => zonedToIso(`2027-03-12T${time}`, fair.timeZone)!;
const body = (overrides: Partial<WebinarBody> = {}): WebinarBody => ({
  copy: {
    fr: { title: "Frontaliers", description: "" },
    nl: { title: "Grensarbeiders", description: "" },
  },
  spokenLanguage: "fr",
  startsAt: at("10:00"),
  minutes: 60,
  capacity: 50,
  speakerIds: [speaker],
  ...overrides,
});
const early = new Date(at("08:00"));

function failure(run: () => void): [string, string | undefined] {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return [error.code, error.field];
    throw error;
  }
  throw new Error("no error");
}

describe("scheduling rules", () => {
  it("accepts a session inside a day's hours, ending at closing time", () => {
    expect(() => checkWebinarBody(body({ startsAt: at("16:00") }), fair, early)).not.toThrow();
  });

  it("wants a title in each of the fair's languages, and none in others", () => {
    const { nl: _nl, ...frOnly } = body().copy;
    expect(failure(() => checkWebinarBody(body({ copy: frOnly }), fair, early))).toEqual([
      "validation_failed",
      "copy.nl",
    ]);
    const extra = { ...body().copy, de: { title: "Grenzgänger", description: "" } };
    expect(failure(() => checkWebinarBody(body({ copy: extra }), fair, early))).toEqual([
      "validation_failed",
      "copy.de",
    ]);
  });

  it("refuses a repeated speaker, hours outside the day, and a start not in the future", () => {
    expect(
      failure(() => checkWebinarBody(body({ speakerIds: [speaker, speaker] }), fair, early)),
    ).toEqual(["validation_failed", "speakerIds"]);
    expect(failure(() => checkWebinarBody(body({ startsAt: at("16:30") }), fair, early))).toEqual([
      "outside_opening_hours",
      "startsAt",
    ]);
    expect(failure(() => checkWebinarBody(body({ startsAt: at("08:30") }), fair, early))[0]).toBe(
      "outside_opening_hours",
    );
    const now = new Date(at("10:00"));
    expect(failure(() => checkWebinarBody(body(), fair, now))[0]).toBe("slot_in_past");
  });

  it("changes only scheduled sessions, and closes registration once over", () => {
    expect(() => requireScheduled("scheduled")).not.toThrow();
    for (const status of ["live", "ended", "cancelled"] as const) {
      expect(failure(() => requireScheduled(status))[0]).toBe("invalid_transition");
    }
    const end = new Date(at("11:00"));
    expect(isOver("live", end, new Date(at("10:30")))).toBe(false);
    expect(isOver("scheduled", end, end)).toBe(true);
    expect(isOver("cancelled", end, early)).toBe(true);
  });
});

describe("attendance arithmetic", () => {
  it("merges one viewer's overlapping and touching intervals", () => {
    expect(
      mergeIntervals([
        { start: 10, end: 30 },
        { start: 0, end: 20 },
        { start: 30, end: 35 },
        { start: 50, end: 50 },
        { start: 60, end: 70 },
      ]),
    ).toEqual([
      { start: 0, end: 35 },
      { start: 60, end: 70 },
    ]);
  });

  it("counts the peak of overlapping intervals, a leave before a join at the same moment", () => {
    expect(peakOverlap([])).toBe(0);
    expect(
      peakOverlap([
        { start: 0, end: 10 },
        { start: 10, end: 20 },
      ]),
    ).toBe(1);
    expect(
      peakOverlap([
        { start: 0, end: 30 },
        { start: 5, end: 15 },
        { start: 10, end: 12 },
        { start: 14, end: 40 },
      ]),
    ).toBe(3);
  });
});
