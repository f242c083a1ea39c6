/**
 * The live queue store: Redis in production and across processes (one Redis,
 * or Redis/Valkey Cluster), an in-process store for the embedded default. Both
 * implement the same semantics, held to one contract test suite; every method
 * is atomic.
 *
 * Everything of one fair lives together (in Redis, under one hash tag), so
 * every method names the fair. The work of a change never grows with the
 * length of a queue: positions are read by rank, watchers get per-stand
 * deltas with a version number, staff read the head of a queue.
 *
 * What must last is appended to the fair's outbox in the same atomic step as
 * the live change (consent, screening answers, queue events, interview start
 * and end); `QueueOutboxDrainer` (queue.outbox.ts) writes it to PostgreSQL.
 */
import type { Language, QueueEntryState } from "@crossfair/shared";
import type { QueueEventType } from "./queue.repository.js";

/** A stand within its fair: the unit every stand-level operation addresses. */
export interface StandRef {
  fairId: string;
  standId: string;
}

export interface QueueEntry {
  candidateId: string;
  /** Position in the order of joining; a no-show goes back to the same ticket. */
  ticket: number;
  state: QueueEntryState;
  languages: Language[];
  noShows: number;
  joinedAt: number;
  /** How often a call went to someone behind this entry (bounded, see `MAX_LANGUAGE_SKIPS`). */
  skips: number;
  /** While called: when the call expires (epoch ms) and who called. */
  callDeadline?: number;
  recruiterId?: string;
  interviewId?: string;
  /** While a booked slot's call rings or its interview runs: the booking. */
  bookingId?: string;
  /** The place exists for the booking alone: an unanswered call ends it, never back to a line. */
  bookedOnly?: boolean;
  /** A booked call's interview ends with its slot (epoch ms), whenever it is accepted. */
  plannedEndsAt?: number;
}

export interface StandEntry extends QueueEntry {
  /** Called or interviewing at another stand: keeps the place, skipped by calls. */
  frozen: boolean;
  /** Last time the candidate was seen connected (epoch ms). */
  lastSeen: number;
}

export interface RecruiterPresence {
  recruiterId: string;
  paused: boolean;
  languages: Language[];
  /** Last heartbeat (epoch ms). */
  seen: number;
}

/** A stand's counts, read in O(1). */
export interface StandCounts {
  open: boolean;
  /** Bumped by every change of the stand's entries or open flag. */
  version: number;
  /** Every entry, whatever its state. */
  queueLength: number;
  /** Entries in state `waiting` (frozen ones included: they keep their place). */
  waiting: number;
  called: number;
  interviewing: number;
}

/**
 * One change of one stand, as every watcher receives it: which tickets entered
 * (+1) or left (-1) the waiting line, and the counts after it. Deltas commute:
 * a client keeping "waiting entries ahead of my ticket" adds the changes of
 * tickets below its own, in any order, each version once.
 */
export interface StandDelta extends StandCounts {
  fairId: string;
  standId: string;
  changes: [ticket: number, change: 1 | -1][];
}

/** What a watcher needs to start from (or resync to): counts and, for a queued candidate, the line ahead. */
export interface StandView extends StandCounts {
  recruiters: RecruiterPresence[];
  /** Recent interview durations, newest first (at most 20). */
  recentDurationsMs: number[];
  /** For the candidate asked about: their entry and how many `waiting` entries have a lower ticket. */
  mine: { entry: QueueEntry; ahead: number } | null;
}

/** The staff console's read: the counts and the first `limit` entries in order. */
export interface StandHead extends StandView {
  entries: StandEntry[];
}

/** Every entry of a stand: O(queue length), for dashboards polled on a timer and tests, never per change. */
export interface StandSnapshot extends StandView {
  entries: StandEntry[];
}

export interface CandidateSnapshot {
  entries: (QueueEntry & { standId: string })[];
  busy: { standId: string; state: "called" | "interviewing" } | null;
}

export type JoinOutcome =
  | { status: "joined" | "already"; entry: QueueEntry }
  | { status: "stand_closed" }
  | { status: "cap_reached" };

export type CallOutcome =
  | { status: "called"; candidateId: string; entry: QueueEntry }
  | { status: "empty" }
  | { status: "stand_closed" }
  /** The recruiter paused their console (the flag of `upsertRecruiter`). */
  | { status: "paused" }
  /** The recruiter already has an open call or interview (one at a time, in every tab). */
  | { status: "recruiter_busy" };

export type BookedCallOutcome =
  | { status: "called"; entry: QueueEntry }
  /** This booking's call was made already (a retried job): nothing changed. */
  | { status: "already"; entry: QueueEntry }
  | { status: "recruiter_busy" }
  /** Called or interviewing at this or another stand: try again a little later. */
  | { status: "candidate_busy" };

/**
 * `expired_*`: the candidate accepted too late, which counts as not answering.
 * `bookingId`: the booked slot the call was for.
 */
export type AnswerOutcome =
  | { status: "accepted"; entry: QueueEntry; recruiterId: string; bookingId?: string }
  | {
      status: "returned" | "expired_returned";
      entry: QueueEntry;
      recruiterId: string;
      bookingId?: string;
    }
  | { status: "removed" | "expired_removed"; recruiterId: string; bookingId?: string }
  | { status: "not_called" };

export interface ExpiredCall {
  standId: string;
  candidateId: string;
  recruiterId: string;
  outcome: "returned" | "removed";
  bookingId?: string;
}

export interface AbsentCandidate {
  candidateId: string;
  standIds: string[];
}

export interface ScreeningAnswerInput {
  questionId: string;
  answer: string;
}

export interface JoinInput extends StandRef {
  candidateId: string;
  languages: readonly Language[];
  /** Most queues one candidate may wait in at once, at this fair. */
  cap: number;
  now: number;
  /** Recorded with the place, in the outbox: the consent to share the profile, and the answers. */
  answers: readonly ScreeningAnswerInput[];
}

export interface CallNextInput extends StandRef {
  recruiterId: string;
  /** Languages the recruiter interviews in; empty means no preference. */
  languages: readonly Language[];
  deadline: number;
  /** Candidates not seen since then are offline and are not called. */
  onlineSince: number;
  now: number;
}

/** A booked candidate's call at slot time: their place here is made if they hold none. */
export interface CallBookedInput extends StandRef {
  candidateId: string;
  recruiterId: string;
  /** The candidate's languages, for a place made for the booking. */
  languages: readonly Language[];
  bookingId: string;
  /** The end of the booked call's grace. */
  deadline: number;
  /** The slot's end: when its interview is planned to end. */
  plannedEndsAt: number;
  now: number;
}

export interface AnswerInput extends StandRef {
  candidateId: string;
  accept: boolean;
  now: number;
  /** The id the interview gets when the call is accepted (made by the caller, written through the outbox). */
  interviewId: string;
  /** When the interview is planned to end (epoch ms), recorded with its start. */
  plannedEndsAt: number;
}

/** Why a place was taken away by someone else than the candidate; absent means they left. */
export interface LeaveInput extends StandRef {
  candidateId: string;
  now: number;
  reason?:
    | "connection_lost"
    | "registration_rejected"
    | "consent_revoked"
    | "account_deleted"
    | "account_suspended";
  /** Only when the candidate was not seen since then (the reconnect grace ran out). */
  absentSince?: number;
}

export interface FinishInput extends StandRef {
  candidateId: string;
  interviewId: string;
  recruiterId: string;
  startedAt: number;
  now: number;
}

/** Calls may go to someone behind a candidate who shares no language with the recruiter, this often at most. */
export const MAX_LANGUAGE_SKIPS = 3;
/** How far down the line call-next looks for a shared language (and for anyone online). */
export const CALL_SCAN_LIMIT = 50;

// ---- the outbox --------------------------------------------------------------

/** What must reach PostgreSQL, appended atomically with the live change. */
export type OutboxRecord =
  | {
      kind: "event";
      type: QueueEventType;
      standId: string;
      candidateId: string | null;
      recruiterId?: string;
      data?: Record<string, unknown>;
    }
  | { kind: "consent"; standId: string; candidateId: string }
  | { kind: "answers"; standId: string; candidateId: string; answers: ScreeningAnswerInput[] }
  | {
      kind: "interview_start";
      interviewId: string;
      standId: string;
      candidateId: string;
      recruiterId: string;
      /** Epoch ms; absent in records appended before interviews had a planned end. */
      plannedEndsAt?: number;
    }
  | {
      kind: "interview_end";
      interviewId: string;
      standId: string;
      candidateId: string;
      recruiterId: string;
      startedAt: number;
    };

/** One atomic change's records; `id` is unique within the fair and orders the fair's entries. */
export interface OutboxEntry {
  fairId: string;
  id: string;
  /** When the change happened (epoch ms). */
  at: number;
  records: OutboxRecord[];
}

export interface QueueOutbox {
  /**
   * Fairs whose outbox may hold entries (in Redis a set beside the streams,
   * since a cluster cannot list keys across slots).
   */
  fairs(): Promise<string[]>;
  /**
   * Up to `count` entries for this consumer to write: new ones, and entries
   * another consumer read but did not acknowledge within `claimIdleMs` (it
   * crashed). An entry stays pending until acknowledged.
   */
  read(
    fairId: string,
    consumer: string,
    count: number,
    claimIdleMs: number,
  ): Promise<OutboxEntry[]>;
  /** Called only after the entries' rows are committed; removes them. */
  ack(fairId: string, ids: readonly string[]): Promise<void>;
  /** Entries not yet acknowledged, and the age of the oldest (null when none). */
  lag(fairId: string, now: number): Promise<{ pending: number; oldestAgeMs: number | null }>;
}

// ---- the store -----------------------------------------------------------------

export interface QueueStore {
  readonly kind: "memory" | "redis";
  readonly outbox: QueueOutbox;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Every change's per-stand delta, in the order the changes happened in this process. */
  onDeltas(listener: (deltas: StandDelta[]) => void): void;

  join(input: JoinInput): Promise<JoinOutcome>;
  /** Null when not in the queue (or not absent, with `absentSince`); else who was calling ("" when nobody). */
  leave(input: LeaveInput): Promise<{ calledBy: string } | null>;
  setSnoozed(
    ref: StandRef,
    candidateId: string,
    snoozed: boolean,
    now: number,
  ): Promise<{ status: "ok" | "busy"; entry: QueueEntry } | { status: "not_in_queue" }>;
  callNext(input: CallNextInput): Promise<CallOutcome>;
  /** Calls a booked candidate at slot time (stand open or not); the same booking again answers `already`. */
  callBooked(input: CallBookedInput): Promise<BookedCallOutcome>;
  /** Accepting moves the entry to `interviewing` with `interviewId` and records the interview's start. */
  answerCall(input: AnswerInput): Promise<AnswerOutcome>;
  /** Ends the interview's place (if still there) and always records the interview's end. */
  finishInterview(input: FinishInput): Promise<boolean>;
  /** Closing removes every entry not in an interview and returns their candidate ids. */
  /** `byRecruiterId` is null when no one at the stand decided it (the fair closed, the stand was rejected). */
  setStandOpen(
    ref: StandRef,
    open: boolean,
    byRecruiterId: string | null,
    now: number,
  ): Promise<string[]>;

  upsertRecruiter(ref: StandRef, recruiter: RecruiterPresence): Promise<void>;
  removeRecruiter(ref: StandRef, recruiterId: string): Promise<void>;
  /** Marks candidates who are in some queue of these fairs as seen now (others are left alone). */
  touchCandidates(
    fairIds: readonly string[],
    candidateIds: readonly string[],
    now: number,
  ): Promise<void>;
  /**
   * Connected candidates, queued or not, for the live dashboard: refreshed by
   * every process's heartbeat, dropped when their connection closes, and
   * fading out after a while when their process dies without saying so.
   */
  markConnected(candidateIds: readonly string[], now: number): Promise<void>;
  markDisconnected(candidateId: string): Promise<void>;
  /** How many candidates were marked connected since `since`; older marks are forgotten. */
  countConnected(since: number): Promise<number>;
  /** Which of these candidates were marked connected since `since` (a read: nothing is forgotten). */
  connectedAmong(candidateIds: readonly string[], since: number): Promise<Set<string>>;
  /** Candidates with at least one place at the fair's stands. */
  countQueuedCandidates(fairId: string): Promise<number>;

  expireCalls(fairId: string, now: number): Promise<ExpiredCall[]>;
  /**
   * Candidates not seen since `cutoff` (not while interviewing: their mark is
   * moved to the cutoff instead), with their stands; the caller takes each
   * place with `leave({ absentSince: cutoff })`, which checks again.
   */
  absentCandidates(fairId: string, cutoff: number): Promise<AbsentCandidate[]>;

  standCounts(ref: StandRef): Promise<StandCounts>;
  standView(ref: StandRef, candidateId?: string): Promise<StandView>;
  standHead(ref: StandRef, limit: number): Promise<StandHead>;
  standSnapshot(ref: StandRef): Promise<StandSnapshot>;
  candidateSnapshot(fairId: string, candidateId: string): Promise<CandidateSnapshot>;
}
