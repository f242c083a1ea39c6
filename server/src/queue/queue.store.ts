/**
 * The live queue store: Redis in production and across processes, an
 * in-process store for the embedded default. Both implement the same
 * semantics, held to one contract test suite; every method is atomic.
 *
 * The store knows tickets, states and timestamps only; consent, screening,
 * profiles, events and notifications are the queue service's job.
 */
import type { Language, QueueEntryState } from "@crossfair/shared";

export interface QueueEntry {
  candidateId: string;
  /** Position in the order of joining; a no-show goes back to the same ticket. */
  ticket: number;
  state: QueueEntryState;
  languages: Language[];
  noShows: number;
  joinedAt: number;
  /** While called: when the call expires (epoch ms) and who called. */
  callDeadline?: number;
  recruiterId?: string;
  interviewId?: string;
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

export interface StandSnapshot {
  open: boolean;
  entries: StandEntry[];
  recruiters: RecruiterPresence[];
  /** Recent interview durations, newest first (at most 20). */
  recentDurationsMs: number[];
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
  | { status: "stand_closed" };

/** `expired_*`: the candidate accepted too late, which counts as not answering. */
export type AnswerOutcome =
  | { status: "accepted"; entry: QueueEntry; recruiterId: string }
  | { status: "returned" | "expired_returned"; entry: QueueEntry; recruiterId: string }
  | { status: "removed" | "expired_removed"; recruiterId: string }
  | { status: "not_called" };

export interface ExpiredCall {
  standId: string;
  candidateId: string;
  recruiterId: string;
  outcome: "returned" | "removed";
}

export interface AbsentCandidate {
  candidateId: string;
  standIds: string[];
}

export interface JoinInput {
  standId: string;
  candidateId: string;
  languages: readonly Language[];
  /** Most queues one candidate may wait in at once. */
  cap: number;
  now: number;
}

export interface CallNextInput {
  standId: string;
  recruiterId: string;
  /** Languages the recruiter interviews in; empty means no preference. */
  languages: readonly Language[];
  deadline: number;
  /** Candidates not seen since then are offline and are not called. */
  onlineSince: number;
}

export interface QueueStore {
  readonly kind: "memory" | "redis";
  ping(): Promise<void>;
  close(): Promise<void>;

  join(input: JoinInput): Promise<JoinOutcome>;
  /** Null when not in the queue; else who was calling the candidate ("" when nobody). */
  leave(standId: string, candidateId: string): Promise<{ calledBy: string } | null>;
  setSnoozed(
    standId: string,
    candidateId: string,
    snoozed: boolean,
  ): Promise<{ status: "ok" | "busy"; entry: QueueEntry } | { status: "not_in_queue" }>;
  callNext(input: CallNextInput): Promise<CallOutcome>;
  answerCall(
    standId: string,
    candidateId: string,
    accept: boolean,
    now: number,
  ): Promise<AnswerOutcome>;
  attachInterview(standId: string, candidateId: string, interviewId: string): Promise<boolean>;
  /** Back to waiting at the same place (starting the interview failed). */
  requeue(standId: string, candidateId: string): Promise<boolean>;
  finishInterview(standId: string, candidateId: string, durationMs: number): Promise<boolean>;
  /** Closing removes every entry not in an interview and returns their candidate ids. */
  setStandOpen(standId: string, open: boolean): Promise<string[]>;

  upsertRecruiter(standId: string, recruiter: RecruiterPresence): Promise<void>;
  removeRecruiter(standId: string, recruiterId: string): Promise<void>;
  /** Marks candidates (who are in some queue) as seen now. */
  touchCandidates(candidateIds: readonly string[], now: number): Promise<void>;
  /**
   * Connected candidates, queued or not, for the live dashboard: refreshed by
   * every process's heartbeat, dropped when their connection closes, and
   * fading out after a while when their process dies without saying so.
   */
  markConnected(candidateIds: readonly string[], now: number): Promise<void>;
  markDisconnected(candidateId: string): Promise<void>;
  /** How many candidates were marked connected since `since`; older marks are forgotten. */
  countConnected(since: number): Promise<number>;

  expireCalls(now: number): Promise<ExpiredCall[]>;
  /** Removes candidates not seen since `cutoff` from every queue (not while interviewing). */
  expireAbsent(cutoff: number): Promise<AbsentCandidate[]>;

  standSnapshot(standId: string): Promise<StandSnapshot>;
  candidateSnapshot(candidateId: string): Promise<CandidateSnapshot>;
}
