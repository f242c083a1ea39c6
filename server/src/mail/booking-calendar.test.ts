import { describe, expect, it } from "vitest";
import { bookingCalendar, bookingUid, parseSender } from "./booking-calendar.js";

/** The calendar's properties, lines unfolded (RFC 5545 §3.1): name → values. */
function properties(ics: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const line of ics.replace(/\r?\n[ \t]/g, "").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const name = line.slice(0, colon).split(";")[0]!;
    found.set(name, [...(found.get(name) ?? []), line.slice(colon + 1)]);
  }
  return found;
}

const input = {
  bookingId: "0b7c1d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e",
  startsAt: new Date("2027-03-12T09:00:00Z"),
  endsAt: new Date("2027-03-12T09:15:00Z"),
  summary: "Entretien : Acme, Lille; Kortrijk",
  url: "https://fair.example.org/#/stands/1c8c8a36-1d89-4d0b-9d55-5b1f5a3f0e11",
  organizer: { name: "Crossfair", email: "no-reply@fair.example.org" },
  attendee: { name: "Léa Dubois", email: "lea@crossfair.test" },
};

describe("a booking's calendar file", () => {
  it("is a REQUEST in UTC, naming the stand and linking its page", () => {
    const invite = bookingCalendar({ ...input, kind: "booked" });
    expect(invite.method).toBe("REQUEST");
    const ics = properties(invite.content);
    expect(ics.get("METHOD")).toEqual(["REQUEST"]);
    expect(ics.get("UID")).toEqual([
      "booking-0b7c1d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e@fair.example.org",
    ]);
    expect(ics.get("SEQUENCE")).toEqual(["0"]);
    expect(ics.get("DTSTART")).toEqual(["20270312T090000Z"]);
    expect(ics.get("DTEND")).toEqual(["20270312T091500Z"]);
    expect(ics.get("SUMMARY")).toEqual(["Entretien : Acme\\, Lille\\; Kortrijk"]);
    expect(ics.get("URL")).toEqual([input.url]);
    expect(ics.get("ORGANIZER")).toEqual(["mailto:no-reply@fair.example.org"]);
    expect(ics.get("ATTENDEE")?.map((value) => value.toLowerCase())).toEqual([
      "mailto:lea@crossfair.test",
    ]);
  });

  it("is replaced by its CANCEL: same UID, higher SEQUENCE", () => {
    const booked = properties(bookingCalendar({ ...input, kind: "booked" }).content);
    const cancelled = properties(bookingCalendar({ ...input, kind: "cancelled" }).content);
    expect(cancelled.get("METHOD")).toEqual(["CANCEL"]);
    expect(cancelled.get("STATUS")).toEqual(["CANCELLED"]);
    expect(cancelled.get("UID")).toEqual(booked.get("UID"));
    expect(Number(cancelled.get("SEQUENCE")![0])).toBeGreaterThan(
      Number(booked.get("SEQUENCE")![0]),
    );
    expect(cancelled.get("DTSTART")).toEqual(booked.get("DTSTART"));
  });

  it("takes its UID's host from the public address, and its organiser from MAIL_FROM", () => {
    expect(bookingUid("b", "http://localhost:3000/#/x")).toBe("booking-b@localhost");
    expect(parseSender("Crossfair <no-reply@fair.example.org>")).toEqual({
      name: "Crossfair",
      email: "no-reply@fair.example.org",
    });
    expect(parseSender("no-reply@fair.example.org")).toEqual({
      name: "Crossfair",
      email: "no-reply@fair.example.org",
    });
  });
});
