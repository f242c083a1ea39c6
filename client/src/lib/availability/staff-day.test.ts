import { describe, expect, it } from "vitest";
import type { StaffSlot } from "@crossfair/shared";
import { bookingPhase, fairToday, nextSlotId, staffDayView } from "./staff-day.js";

const ZONE = "Europe/Brussels";
const at = (iso: string) => Date.parse(iso);
const slot = (
  id: string,
  startsAt: string,
  endsAt: string,
  booking?: Partial<NonNullable<StaffSlot["booking"]>>,
): StaffSlot => ({
  id,
  startsAt,
  endsAt,
  recruiter: null,
  booking: booking
    ? {
        id: "44444444-4444-4444-8444-444444444444",
        status: "booked",
        bookedAt: "2026-12-01T09:00:00.000Z",
        candidate: { id: "55555555-5555-4555-8555-555555555555", profile: null },
        present: false,
        late: false,
        ...booking,
      }
    : null,
});

// 8 December: 09:00–09:15 and 09:15–09:30 in Brussels (UTC+1); 9 December 10:00.
const SLOTS = [
  slot("late", "2026-12-09T09:00:00.000Z", "2026-12-09T09:15:00.000Z"),
  slot("b", "2026-12-08T08:15:00.000Z", "2026-12-08T08:30:00.000Z"),
  slot("a", "2026-12-08T08:00:00.000Z", "2026-12-08T08:15:00.000Z", { status: "attended" }),
];

describe("the staff's day", () => {
  it("reads today on the fair's clocks, not the browser's", () => {
    // 23:30 UTC on the 7th is already the 8th in Brussels.
    expect(fairToday(ZONE, at("2026-12-07T23:30:00Z"))).toBe("2026-12-08");
    expect(fairToday("America/New_York", at("2026-12-08T03:00:00Z"))).toBe("2026-12-07");
  });

  it("shows today by default, in time order, with the other days to choose", () => {
    const view = staffDayView(SLOTS, ZONE, null, at("2026-12-08T07:00:00Z"));
    expect(view).toMatchObject({ today: "2026-12-08", day: "2026-12-08" });
    expect(view.days).toEqual(["2026-12-08", "2026-12-09"]);
    expect(view.slots.map((s) => s.id)).toEqual(["a", "b"]);
    expect(view.nextSlotId).toBe("a");

    const other = staffDayView(SLOTS, ZONE, "2026-12-09", at("2026-12-08T07:00:00Z"));
    expect(other.slots.map((s) => s.id)).toEqual(["late"]);
  });

  it("keeps today among the days when it has no slots", () => {
    const view = staffDayView(SLOTS, ZONE, null, at("2026-12-05T10:00:00Z"));
    expect(view.days).toEqual(["2026-12-05", "2026-12-08", "2026-12-09"]);
    expect(view.slots).toEqual([]);
    expect(view.nextSlotId).toBe("a");
  });

  it("highlights the slot on now, then the next one, and none when all are over", () => {
    expect(nextSlotId(SLOTS, at("2026-12-08T08:05:00Z"))).toBe("a");
    expect(nextSlotId(SLOTS, at("2026-12-08T08:15:00Z"))).toBe("b");
    expect(nextSlotId(SLOTS, at("2026-12-08T12:00:00Z"))).toBe("late");
    expect(nextSlotId(SLOTS, at("2026-12-10T00:00:00Z"))).toBeNull();
  });

  it("reads an attended booking as in interview while its slot runs", () => {
    const attended = SLOTS[2]!;
    expect(bookingPhase(attended, at("2026-12-08T08:05:00Z"))).toBe("in_interview");
    expect(bookingPhase(attended, at("2026-12-08T08:15:00Z"))).toBe("attended");
    expect(bookingPhase(SLOTS[1]!, at("2026-12-08T08:05:00Z"))).toBeNull();
  });
});
