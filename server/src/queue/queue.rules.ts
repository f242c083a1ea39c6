/**
 * What the candidate side, the staff side and the upkeep of the queue share:
 * their dependencies and timings, role checks, the event log and a few derived
 * facts.
 */
import { ErrorCode, type RemovalReason, type SessionUser } from "@crossfair/shared";
import { AppError } from "../plugins/errors.js";
import type { QueueNotifier } from "./queue.notifier.js";
import type { QueueEventLog } from "./queue.event-log.js";
import type { QueueRepository } from "./queue.repository.js";
import type { QueueStore, StandSnapshot } from "./queue.store.js";

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
}

export interface QueueDeps {
  store: QueueStore;
  repository: QueueRepository;
  registrations: RegistrationGate;
  events: QueueEventLog;
  notifier: QueueNotifier;
  timings: QueueTimings;
  clock: () => number;
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
  snapshot: StandSnapshot,
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

/** Logs a declined or unanswered call; a candidate removed for it (too many no-shows) is told. */
export function recordNoShow(
  deps: Pick<QueueDeps, "events" | "notifier">,
  standId: string,
  candidateId: string,
  how: "declined" | "timed_out",
  removed: boolean,
): void {
  deps.events.append({
    stand: standId,
    type: how === "declined" ? "decline" : "no_show",
    candidateId: candidateId,
  });
  if (removed) {
    deps.events.append({
      stand: standId,
      type: "removed",
      candidateId: candidateId,
      data: { reason: "no_show" },
    });
    notifyRemoved(deps.notifier, candidateId, standId, "no_show");
  }
}
