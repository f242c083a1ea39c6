/**
 * What the candidate side, the staff side and the upkeep of the queue share:
 * their dependencies and timings, role checks and a few derived facts. What
 * must last is recorded by the store itself, in its outbox.
 */
import { ErrorCode, type RemovalReason, type SessionUser } from "@crossfair/shared";
import type { DomainEvents } from "../events/domain-events.js";
import { AppError } from "../plugins/errors.js";
import type { QueueNotifier } from "./queue.notifier.js";
import type { QueueRepository, StandInfo } from "./queue.repository.js";
import type { QueueStore, RecruiterPresence, StandRef } from "./queue.store.js";

export interface QueueTimings {
  /** How long a called candidate has to accept. */
  callTimeoutMs: number;
  /** How long a disconnected candidate keeps their places. */
  reconnectGraceMs: number;
  /** Not seen for this long counts as offline: not called, but still in the queue. */
  onlineWindowMs: number;
  /** A recruiter without a heartbeat for this long no longer counts as active. */
  recruiterActiveMs: number;
}

/** What the queue needs from fair registrations: whether a candidate may join a fair's queues. */
export interface RegistrationGate {
  /** Resolves when the candidate is admitted; throws `registration_required` otherwise. */
  admit(fairId: string, candidateId: string, needsApproval: boolean): Promise<void>;
  /** Reads the fair's approvals ahead of its joins (a cache warm-up). */
  warm?(fairId: string): Promise<void>;
}

/**
 * What the queue reads of the other domains (stands, staff, candidates'
 * languages and shared profiles, screening answers) and caches: the port
 * `QueueRepository` serves from PostgreSQL, and unit tests fake in memory.
 */
export type QueueDirectory = Pick<
  QueueRepository,
  | "standInfo"
  | "fairOfStand"
  | "liveFairIds"
  | "staffMembership"
  | "candidateLanguages"
  | "warmLanguages"
  | "sharedProfiles"
  | "screeningAnswers"
>;

/** How a booked slot's call ended: accepted (an interview), declined, or not answered in its grace. */
export interface BookedCallAnswer {
  bookingId: string;
  standId: string;
  candidateId: string;
  outcome: "attended" | "declined" | "no_show";
  interviewId?: string;
}

export interface BookedCallListener {
  answered(answer: BookedCallAnswer): void;
}

/** The availability domain's answer to "is a booked slot of this recruiter's due?". */
export interface BookedSlotDue {
  dueFor(
    standId: string,
    recruiterId: string,
    from: Date,
    to: Date,
  ): Promise<{ startsAt: Date; recruiterId: string | null } | null>;
}

export interface QueueDeps {
  store: QueueStore;
  repository: QueueDirectory;
  registrations: RegistrationGate;
  notifier: QueueNotifier;
  timings: QueueTimings;
  clock: () => number;
  /** Booked slots due soon; none in unit tests. */
  slots?: BookedSlotDue;
  /** Told when a booked slot's call ends (accepted, declined, not answered). */
  bookedCalls?: BookedCallListener;
  /** Where the queue tells the other domains what it did (`queue.called`); none in unit tests. */
  events?: Pick<DomainEvents, "emit">;
}

export function requireUser(user: SessionUser | null): SessionUser {
  if (!user) throw new AppError(ErrorCode.unauthenticated, "sign in first");
  return user;
}

export function requireRole(user: SessionUser | null, role: SessionUser["role"]): SessionUser {
  const signedIn = requireUser(user);
  if (signedIn.role !== role) throw new AppError(ErrorCode.forbidden, `only a ${role} can do this`);
  return signedIn;
}

export function activeRecruiters(
  snapshot: { recruiters: readonly RecruiterPresence[] },
  now: number,
  timings: QueueTimings,
): number {
  return snapshot.recruiters.filter(
    (recruiter) => !recruiter.paused && recruiter.seen >= now - timings.recruiterActiveMs,
  ).length;
}

export function notifyRemoved(
  notifier: QueueNotifier,
  candidateId: string,
  standId: string,
  reason: RemovalReason,
): void {
  notifier.removed(candidateId, { standId, reason });
  notifier.candidateChanged(candidateId);
}

/** A declined or unanswered call that removed the candidate (too many no-shows): they are told. */
export function noShowRemoved(
  notifier: QueueNotifier,
  standId: string,
  candidateId: string,
  removed: boolean,
): void {
  if (removed) notifyRemoved(notifier, candidateId, standId, "no_show");
}

/** The stand's fair, from the cached stand facts; unknown stands are `not_found`. */
export async function standRef(repository: QueueDirectory, standId: string): Promise<StandRef> {
  const fairId = await repository.fairOfStand(standId);
  if (!fairId) throw new AppError(ErrorCode.notFound, "no such stand");
  return { fairId, standId };
}

export type { StandInfo };
