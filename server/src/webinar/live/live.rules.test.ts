/**
 * The live session's rules: roles, the joining window, seats, what may be
 * sent, the order of questions, the moderation columns, the flood bucket, and
 * the in-memory stage store's cap on promoted viewers.
 */
import { describe, expect, it, vi } from "vitest";
import type { WebinarQuestion } from "@crossfair/shared";
import { AppError } from "../../plugins/errors.js";
import {
  AUTO_END_AFTER_MS,
  FloodControl,
  LOBBY_OPENS_MS,
  questionChange,
  requireJoinable,
  requireLive,
  requireSeat,
  requireStaff,
  requireViewer,
  roleOf,
  sendRightsOf,
  visibleQuestions,
  type SessionTimes,
} from "./live.rules.js";
import { MemoryStageStore } from "./live.stage.js";

const codeOf = (run: () => void): string | null => {
  try {
    run();
    return null;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
};

const START = Date.parse("2026-12-08T10:00:00Z");
const session = (status: SessionTimes["status"]): SessionTimes => ({
  status,
  startsAt: START,
  endsAt: START + 45 * 60_000,
});

describe("roles", () => {
  it("names speakers, moderators (stand staff and fair admins) and candidate viewers", () => {
    expect(roleOf({ role: "recruiter", isSpeaker: true, isStandStaff: true })).toBe("speaker");
    expect(roleOf({ role: "recruiter", isSpeaker: false, isStandStaff: true })).toBe("moderator");
    expect(roleOf({ role: "stand_admin", isSpeaker: false, isStandStaff: true })).toBe("moderator");
    expect(roleOf({ role: "fair_admin", isSpeaker: false, isStandStaff: false })).toBe("moderator");
    expect(roleOf({ role: "candidate", isSpeaker: false, isStandStaff: false })).toBe("viewer");
  });

  it("refuses another stand's staff", () => {
    expect(codeOf(() => roleOf({ role: "recruiter", isSpeaker: false, isStandStaff: false }))).toBe(
      "forbidden",
    );
  });

  it("keeps moderation to staff and hands to viewers", () => {
    expect(codeOf(() => requireStaff("viewer"))).toBe("forbidden");
    expect(codeOf(() => requireStaff("moderator"))).toBeNull();
    expect(codeOf(() => requireViewer("speaker"))).toBe("forbidden");
    expect(codeOf(() => requireViewer("viewer"))).toBeNull();
  });

  it("lets speakers send everything, promoted viewers audio, the rest nothing", () => {
    expect(sendRightsOf("speaker", false)).toBe("all");
    expect(sendRightsOf("viewer", true)).toBe("audio");
    expect(sendRightsOf("viewer", false)).toBe("none");
    expect(sendRightsOf("moderator", true)).toBe("none");
  });
});

describe("the joining window", () => {
  it("opens the lobby 15 minutes before the start", () => {
    const scheduled = session("scheduled");
    expect(codeOf(() => requireJoinable(scheduled, START - LOBBY_OPENS_MS - 1))).toBe(
      "webinar_not_live",
    );
    expect(codeOf(() => requireJoinable(scheduled, START - LOBBY_OPENS_MS))).toBeNull();
    expect(codeOf(() => requireJoinable(scheduled, START + 60_000))).toBeNull();
  });

  it("is closed once ended or cancelled, and when a scheduled one's time passed", () => {
    expect(codeOf(() => requireJoinable(session("ended"), START))).toBe("webinar_ended");
    expect(codeOf(() => requireJoinable(session("cancelled"), START))).toBe("webinar_ended");
    const { endsAt } = session("scheduled");
    expect(codeOf(() => requireJoinable(session("scheduled"), endsAt))).toBe("webinar_ended");
  });

  it("lets a live session run over until it ends by itself", () => {
    const { endsAt } = session("live");
    expect(codeOf(() => requireJoinable(session("live"), endsAt + 60_000))).toBeNull();
    expect(codeOf(() => requireJoinable(session("live"), endsAt + AUTO_END_AFTER_MS))).toBe(
      "webinar_ended",
    );
  });

  it("takes media only once live", () => {
    expect(codeOf(() => requireLive(session("scheduled"), START))).toBe("webinar_not_live");
    expect(codeOf(() => requireLive(session("live"), START))).toBeNull();
    expect(codeOf(() => requireLive(session("ended"), START))).toBe("webinar_ended");
  });
});

describe("seats", () => {
  it("keeps a registered viewer's seat even when full, and refuses a new one when full", () => {
    expect(codeOf(() => requireSeat(true, 10, 10))).toBeNull();
    expect(codeOf(() => requireSeat(false, 9, 10))).toBeNull();
    expect(codeOf(() => requireSeat(false, 10, 10))).toBe("webinar_full");
  });
});

describe("questions", () => {
  const question = (id: string, extra: Partial<WebinarQuestion>): WebinarQuestion => ({
    id,
    userId: "u",
    displayName: "U",
    text: id,
    askedAt: 0,
    votes: 0,
    status: "open",
    pinned: false,
    hidden: false,
    ...extra,
  });
  const all = [
    question("old", { askedAt: 1 }),
    question("popular", { askedAt: 5, votes: 3 }),
    question("pinned", { askedAt: 9, pinned: true }),
    question("hidden", { askedAt: 2, votes: 9, hidden: true }),
    question("new", { askedAt: 7 }),
  ];

  it("shows pinned first, then by votes, then the oldest, and hides hidden ones from viewers", () => {
    expect(visibleQuestions(all, false).map((q) => q.id)).toEqual([
      "pinned",
      "popular",
      "old",
      "new",
    ]);
    expect(visibleQuestions(all, true).map((q) => q.id)).toEqual([
      "pinned",
      "hidden",
      "popular",
      "old",
      "new",
    ]);
  });

  it("unpins what it hides or answers, and shows what it pins", () => {
    expect(questionChange("hide", 0)).toEqual({ hidden: true, pinned: false });
    expect(questionChange("answer", 5)).toEqual({
      status: "answered",
      answeredAt: new Date(5),
      pinned: false,
    });
    expect(questionChange("reopen", 5)).toEqual({ status: "open", answeredAt: null });
    expect(questionChange("pin", 0)).toEqual({ pinned: true, hidden: false });
  });
});

describe("flood control", () => {
  it("lets a burst through, then one per refill, per user", () => {
    vi.useFakeTimers();
    try {
      const flood = new FloodControl(5, 3_000);
      for (let i = 0; i < 5; i += 1) expect(codeOf(() => flood.take("a"))).toBeNull();
      expect(codeOf(() => flood.take("a"))).toBe("rate_limited");
      expect(codeOf(() => flood.take("b"))).toBeNull();
      vi.advanceTimersByTime(3_000);
      expect(codeOf(() => flood.take("a"))).toBeNull();
      expect(codeOf(() => flood.take("a"))).toBe("rate_limited");
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("the memory stage store", () => {
  it("holds at most the cap of promoted viewers, and a promoted one again costs nothing", async () => {
    const stage = new MemoryStageStore();
    expect(await stage.promote("w", { userId: "a", displayName: "A" }, 2)).toBe(true);
    expect(await stage.promote("w", { userId: "b", displayName: "B" }, 2)).toBe(true);
    expect(await stage.promote("w", { userId: "a", displayName: "A" }, 2)).toBe(true);
    expect(await stage.promote("w", { userId: "c", displayName: "C" }, 2)).toBe(false);
    expect(await stage.demote("w", "a")).toBe(true);
    expect(await stage.promote("w", { userId: "c", displayName: "C" }, 2)).toBe(true);
    expect((await stage.promoted("w")).map((v) => v.userId).sort()).toEqual(["b", "c"]);
  });

  it("keeps hands oldest first and tells whether a raise or a lowering changed anything", async () => {
    const stage = new MemoryStageStore();
    expect(await stage.setHand("w", { userId: "b", displayName: "B", raisedAt: 2 }, true)).toBe(
      true,
    );
    expect(await stage.setHand("w", { userId: "a", displayName: "A", raisedAt: 1 }, true)).toBe(
      true,
    );
    expect(await stage.setHand("w", { userId: "a", displayName: "A", raisedAt: 3 }, true)).toBe(
      false,
    );
    expect((await stage.hands("w")).map((hand) => hand.userId)).toEqual(["a", "b"]);
    expect(await stage.setHand("w", { userId: "a", displayName: "", raisedAt: 0 }, false)).toBe(
      true,
    );
    await stage.clear("w");
    expect(await stage.hands("w")).toEqual([]);
  });
});
