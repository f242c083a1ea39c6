/**
 * The rules of a live group session, free of storage and transport: who a
 * person is in a session, when it may be joined, what each role may do, how
 * many fit on the stage, the order questions are shown in, and the flood
 * bucket on asking and chatting. `live.service.ts` asks them; the unit test
 * (`live.rules.test.ts`) holds them to their word.
 */
import { TokenBucket } from "limiter";
import {
  ErrorCode,
  type UserRole,
  type WebinarQuestion,
  type WebinarRole,
  type WebinarStatus,
} from "@crossfair/shared";
import { AppError } from "../../plugins/errors.js";

/** The lobby opens this long before the start: speakers set up, viewers wait. */
export const LOBBY_OPENS_MS = 15 * 60_000;
/** A session nobody ended ends this long after its planned end (the auto-end job). */
export const AUTO_END_AFTER_MS = 10 * 60_000;
/** Promoted viewers on the stage at once, beside the (at most three) speakers. */
export const MAX_PROMOTED = 2;
/** Asking and chatting, per user: a burst, then one every few seconds. */
export const FLOOD_BURST = 5;
export const FLOOD_REFILL_MS = 3_000;
/** The chat messages a joining member gets. */
export const CHAT_HISTORY = 50;

export interface SessionTimes {
  status: WebinarStatus;
  startsAt: number;
  /** The planned end: start plus length. */
  endsAt: number;
}

export interface Person {
  role: UserRole;
  isSpeaker: boolean;
  /** On the staff of the session's stand (any staff role). */
  isStandStaff: boolean;
}

/**
 * Speaker if named; moderator for the stand's other staff and every fair
 * admin; viewer for a candidate; anyone else (another stand's recruiter) is
 * not part of the session: `forbidden`.
 */
export function roleOf(person: Person): WebinarRole {
  if (person.isSpeaker) return "speaker";
  if (person.isStandStaff || person.role === "fair_admin") return "moderator";
  if (person.role === "candidate") return "viewer";
  throw new AppError(ErrorCode.forbidden, "this session is for candidates and the stand's staff");
}

export const isStaff = (role: WebinarRole) => role !== "viewer";

/** Moderating, going live, ending, promoting: speakers and moderators only. */
export function requireStaff(role: WebinarRole): void {
  if (!isStaff(role)) throw new AppError(ErrorCode.forbidden, "only for speakers and moderators");
}

/** Raising a hand: viewers only (staff are heard or moderate already). */
export function requireViewer(role: WebinarRole): void {
  if (isStaff(role)) throw new AppError(ErrorCode.forbidden, "only viewers raise their hand");
}

/** Not ended or cancelled, and not past the moment it ends by itself. */
export function requireOpen(session: SessionTimes, now: number): void {
  if (session.status === "ended" || session.status === "cancelled") {
    throw new AppError(ErrorCode.webinarEnded, "this session is over");
  }
  if (now >= session.endsAt + AUTO_END_AFTER_MS) {
    throw new AppError(ErrorCode.webinarEnded, "this session is over");
  }
  if (session.status === "scheduled" && now >= session.endsAt) {
    throw new AppError(ErrorCode.webinarEnded, "this session's time passed without it starting");
  }
}

/** Joining and going live: open from the lobby (15 minutes before the start) until the end. */
export function requireJoinable(session: SessionTimes, now: number): void {
  requireOpen(session, now);
  if (session.status === "scheduled" && now < session.startsAt - LOBBY_OPENS_MS) {
    throw new AppError(ErrorCode.webinarNotLive, "the session opens 15 minutes before its start");
  }
}

/** Sending media: only once a speaker or moderator made the session live. */
export function requireLive(session: SessionTimes, now: number): void {
  requireOpen(session, now);
  if (session.status !== "live") {
    throw new AppError(ErrorCode.webinarNotLive, "the session is not live yet");
  }
}

/** A viewer who is not registered gets a seat while seats are left. */
export function requireSeat(registered: boolean, registeredCount: number, capacity: number): void {
  if (!registered && registeredCount >= capacity) {
    throw new AppError(ErrorCode.webinarFull, "this session is full");
  }
}

/** What a member may send: a speaker everything, a promoted viewer audio, anyone else nothing. */
export function sendRightsOf(role: WebinarRole, promoted: boolean): "none" | "audio" | "all" {
  if (role === "speaker") return "all";
  return role === "viewer" && promoted ? "audio" : "none";
}

/** Pinned first, then the most votes, then the oldest. */
export function questionOrder(a: WebinarQuestion, b: WebinarQuestion): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  if (a.votes !== b.votes) return b.votes - a.votes;
  return a.askedAt - b.askedAt;
}

/** What a viewer sees of a session's questions: none hidden, in order. */
export function visibleQuestions(questions: WebinarQuestion[], staff: boolean): WebinarQuestion[] {
  return questions.filter((question) => staff || !question.hidden).sort(questionOrder);
}

/** The columns a moderation action sets. */
export function questionChange(
  action: "hide" | "show" | "answer" | "reopen" | "pin" | "unpin",
  now: number,
): { hidden?: boolean; status?: "open" | "answered"; answeredAt?: Date | null; pinned?: boolean } {
  switch (action) {
    case "hide":
      return { hidden: true, pinned: false };
    case "show":
      return { hidden: false };
    case "answer":
      return { status: "answered", answeredAt: new Date(now), pinned: false };
    case "reopen":
      return { status: "open", answeredAt: null };
    case "pin":
      return { pinned: true, hidden: false };
    case "unpin":
      return { pinned: false };
  }
}

/**
 * The per-user flood bucket on asking and chatting (`rate_limited` when
 * empty), beside the socket's own event bucket. Per process, as the socket
 * limits are: a user on two processes gets a bucket on each.
 */
export class FloodControl {
  readonly #buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly burst = FLOOD_BURST,
    private readonly refillMs = FLOOD_REFILL_MS,
  ) {}

  take(userId: string): void {
    let bucket = this.#buckets.get(userId);
    if (!bucket) {
      bucket = new TokenBucket({
        bucketSize: this.burst,
        tokensPerInterval: 1,
        interval: this.refillMs,
      });
      bucket.content = this.burst;
      this.#buckets.set(userId, bucket);
    }
    if (!bucket.tryRemoveTokens(1)) {
      throw new AppError(ErrorCode.rateLimited, "too many questions or messages, slow down");
    }
    // The map forgets full buckets now and then, so it holds only the people writing now.
    if (this.#buckets.size > 10_000) this.#forgetFull();
  }

  #forgetFull(): void {
    for (const [userId, bucket] of this.#buckets) {
      bucket.drip();
      if (bucket.content >= this.burst) this.#buckets.delete(userId);
    }
  }
}
