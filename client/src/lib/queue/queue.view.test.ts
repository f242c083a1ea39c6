import { describe, expect, it } from "vitest";
import type { StandQueueCounts } from "@crossfair/shared";
import { ordinalCategory, secondsLeft, toQueueView, waitMinutes } from "./queue.view.js";

const STAND = "11111111-1111-4111-8111-111111111111";
const counts: StandQueueCounts = {
  standId: STAND,
  open: true,
  version: 3,
  queueLength: 9,
  waiting: 7,
  activeRecruiters: 2,
  averageInterviewMs: 600_000,
};

describe("queue view rules", () => {
  it("has no position or estimate before the stand's first update", () => {
    const view = toQueueView(
      { standId: STAND, ticket: 3, state: "waiting", frozen: false, noShows: 0 },
      undefined,
      2,
    );
    expect(view).toMatchObject({ position: null, waitMs: null, queueLength: null });
  });

  it("places a waiting candidate after the ones ahead, frozen or snoozed ones nowhere", () => {
    const waiting = {
      standId: STAND,
      ticket: 3,
      state: "waiting",
      frozen: false,
      noShows: 0,
    } as const;
    expect(toQueueView(waiting, counts, 4)).toMatchObject({
      position: 5,
      waitMs: 2 * 600_000 + 300_000,
      queueLength: 9,
      standOpen: true,
    });
    expect(toQueueView(waiting, counts, null).position).toBeNull();
    expect(toQueueView({ ...waiting, frozen: true }, counts, 4).position).toBeNull();
    expect(toQueueView({ ...waiting, state: "snoozed" }, counts, 4).waitMs).toBeNull();
  });

  it("picks English, French, Dutch and German ordinal forms", () => {
    expect([1, 2, 3, 4, 11, 21, 22].map((n) => ordinalCategory(n, "en"))).toEqual([
      "one",
      "two",
      "few",
      "other",
      "other",
      "one",
      "two",
    ]);
    expect([1, 2].map((n) => ordinalCategory(n, "fr"))).toEqual(["one", "other"]);
    expect(ordinalCategory(1, "nl")).toBe("other");
    expect(ordinalCategory(3, "de")).toBe("other");
  });

  it("rounds waits to whole minutes, never below one", () => {
    expect(waitMinutes(10_000)).toBe(1);
    expect(waitMinutes(12 * 60_000 + 20_000)).toBe(12);
  });

  it("rounds the seconds left up, so zero means over", () => {
    expect(secondsLeft(29_001)).toBe(30);
    expect(secondsLeft(0)).toBe(0);
    expect(secondsLeft(-5)).toBe(0);
  });
});
