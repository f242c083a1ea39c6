import { describe, expect, it } from "vitest";
import { isJoinable, isPast, placesLeft, webinarTimeLabel, webinarTitle } from "./webinar.view.js";

const start = Date.parse("2027-03-12T09:00:00Z");
const session = {
  status: "scheduled" as const,
  startsAt: new Date(start).toISOString(),
  endsAt: new Date(start + 30 * 60_000).toISOString(),
  copy: {
    fr: { title: "Frontaliers", description: "" },
    nl: { title: "Grensarbeid", description: "" },
  },
  capacity: 5,
  registeredCount: 7,
};

describe("webinar view", () => {
  it("opens the join link 15 minutes ahead, while live, and not once over", () => {
    expect(isJoinable(session, start - 16 * 60_000)).toBe(false);
    expect(isJoinable(session, start - 15 * 60_000)).toBe(true);
    expect(isJoinable(session, start + 30 * 60_000)).toBe(false);
    expect(isJoinable({ ...session, status: "live" }, start - 60 * 60_000)).toBe(true);
    expect(isJoinable({ ...session, status: "cancelled" }, start)).toBe(false);
    expect(isPast(session, start + 30 * 60_000)).toBe(true);
  });

  it("names the session in the reader's language or the nearest, on the fair's clocks", () => {
    expect(webinarTitle(session, "nl")).toBe("Grensarbeid");
    expect(webinarTitle(session, "de")).toBe("Frontaliers");
    expect(placesLeft(session)).toBe(0);
    expect(webinarTimeLabel(session, "Europe/Brussels")).toBe("2027-03-12 10:00–10:30");
  });
});
