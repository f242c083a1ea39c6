import { describe, expect, it } from "vitest";
import { dayLabel, groupByDay, slotTimeLabel } from "./slot-times.js";

const slot = (startsAt: string, endsAt: string) => ({ startsAt, endsAt });

describe("slot times on the fair's clocks", () => {
  it("labels a slot in the fair's zone, whatever the reader's", () => {
    const winter = slot("2026-12-08T09:00:00.000Z", "2026-12-08T09:15:00.000Z");
    expect(slotTimeLabel(winter, "Europe/Brussels")).toBe("10:00–10:15");
    expect(slotTimeLabel(winter, "UTC")).toBe("09:00–09:15");
  });

  it("groups by the fair's calendar day, in time order", () => {
    // 23:30 UTC on the 8th is already the 9th in Brussels.
    const late = slot("2026-12-08T23:30:00.000Z", "2026-12-08T23:45:00.000Z");
    const morning = slot("2026-12-08T08:00:00.000Z", "2026-12-08T08:15:00.000Z");
    const days = groupByDay([late, morning], "Europe/Brussels");
    expect(days).toEqual([
      { date: "2026-12-08", slots: [morning] },
      { date: "2026-12-09", slots: [late] },
    ]);
  });

  it("names the day in the reader's language", () => {
    expect(dayLabel("2026-12-08", "en")).toBe("Tuesday, December 8");
    expect(dayLabel("2026-12-08", "nl")).toBe("dinsdag 8 december");
  });
});
