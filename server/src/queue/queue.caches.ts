/**
 * The queue's per-process caches kept fresh across server processes. Each
 * process caches what every queue operation reads (QueueRepository: stand
 * facts, staff memberships, shared profiles; RegistrationService: approvals)
 * for a few seconds. When one of those facts changes, its domain emits a
 * domain event; the queue follows it in every process (`everywhere`) and
 * drops its copy. So a revoked consent, an accepted invitation, a removed
 * recruiter, an approved stand or a rejected registration counts everywhere
 * at once, not when a cache entry happens to expire (the TTL only bounds a
 * lost message).
 */
import type { DomainEvents } from "../events/domain-events.js";

/** The caches the events reach, in every process. */
export interface ForgettingCaches {
  repository: {
    forgetProfile(standId: string, candidateId: string): void;
    forgetStaffMembership(standId: string, userId: string): void;
    forgetStand(standId: string): void;
    forgetFair(fairId: string): void;
  };
  registrations: { forgetApproval(fairId: string, candidateId: string): void };
}

export function followCachedFacts(events: DomainEvents, caches: ForgettingCaches): void {
  const { repository, registrations } = caches;
  const everywhere = { everywhere: true };
  const profile = ({ standId, candidateId }: { standId: string; candidateId: string }) =>
    repository.forgetProfile(standId, candidateId);
  const membership = ({ standId, userId }: { standId: string; userId: string }) =>
    repository.forgetStaffMembership(standId, userId);
  events.on("consent.changed", profile, everywhere);
  events.on("consent.recorded", profile, everywhere);
  events.on("staff.changed", membership, everywhere);
  events.on("staff.removed", membership, everywhere);
  events.on("stand.changed", ({ standId }) => repository.forgetStand(standId), everywhere);
  events.on("fair.changed", ({ fairId }) => repository.forgetFair(fairId), everywhere);
  events.on(
    "registration.decided",
    ({ fairId, candidateId }) => registrations.forgetApproval(fairId, candidateId),
    everywhere,
  );
}
