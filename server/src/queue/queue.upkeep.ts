/**
 * What happens to queue places without their candidate asking: connections
 * seen and lost (the reconnect grace), the sweep that expires unanswered calls
 * and lapsed graces, and removals decided elsewhere (an account deleted or
 * suspended, a fair registration rejected, a consent revoked). Reachable as
 * `QueueService.upkeep`; presence (queue.presence.ts) drives the first two on
 * every process. The store records every removal in its outbox.
 */
import type { RemovalReason } from "@crossfair/shared";
import { noShowRemoved, notifyRemoved, type QueueDeps } from "./queue.rules.js";
import type { LeaveInput } from "./queue.store.js";

export interface SweepOptions {
  /**
   * Whether lapsed reconnect graces are expired too. Presence holds it back
   * after a store outage until heartbeats have refreshed everyone again, so a
   * Redis that comes back does not remove everybody as "connection lost".
   */
  absent?: boolean;
}

/** How often the caches a join reads are read again in bulk, well within their two minutes. */
const WARM_EVERY_MS = 60_000;

export class QueueUpkeep {
  /** When each live fair's caches were last warmed. */
  readonly #warmedAt = new Map<string, number>();

  constructor(private readonly deps: QueueDeps) {}

  /**
   * Reads, once a minute per live fair, what every join asks (approvals,
   * candidates' languages) in two queries, so the joins of the peak ask
   * PostgreSQL nothing. A failed read leaves the caches as they were.
   */
  async warmCaches(): Promise<void> {
    const now = this.deps.clock();
    for (const fairId of await this.deps.repository.liveFairIds()) {
      if (now - (this.#warmedAt.get(fairId) ?? -Infinity) < WARM_EVERY_MS) continue;
      this.#warmedAt.set(fairId, now);
      await Promise.all([
        this.deps.registrations.warm?.(fairId),
        this.deps.repository.warmLanguages(fairId),
      ]);
    }
  }

  /** Removes a (deleted) candidate from every queue; the log keeps the removals without the person. */
  async forgetCandidate(candidateId: string): Promise<void> {
    for (const fairId of await this.deps.repository.liveFairIds()) {
      const { entries } = await this.deps.store.candidateSnapshot(fairId, candidateId);
      for (const entry of entries) {
        await this.#takeOut({
          fairId,
          standId: entry.standId,
          candidateId,
          reason: "account_deleted",
        });
      }
    }
  }

  /**
   * Ends every queue place of a suspended candidate, each removal on record
   * with its reason and the person (the account still exists). Their sockets
   * are already cut, so they are not told; a pending call is answered "left".
   */
  async endPlacesOfSuspended(candidateId: string): Promise<void> {
    for (const fairId of await this.deps.repository.liveFairIds()) {
      const { entries } = await this.deps.store.candidateSnapshot(fairId, candidateId);
      for (const entry of entries) {
        const ref = { fairId, standId: entry.standId, candidateId };
        await this.#takeOut({ ...ref, reason: "account_suspended" });
      }
    }
    this.deps.notifier.candidateChanged(candidateId);
  }

  /**
   * Ends a stand's queue because the stand may no longer take candidates (its
   * fair closed, or the organiser rejected it): everyone waiting is told and
   * taken out, each removal on record; an interview under way goes on. An
   * empty queue is left as it is (joins are refused anyway). True when there
   * was a queue to end.
   */
  async endStandQueue(standId: string, fairId: string): Promise<boolean> {
    const ref = { fairId, standId };
    const view = await this.deps.store.standView(ref);
    if (view.queueLength === 0) return false;
    const removed = await this.deps.store.setStandOpen(ref, false, null, this.deps.clock());
    for (const candidateId of removed) {
      notifyRemoved(this.deps.notifier, candidateId, standId, "stand_closed");
    }
    this.deps.notifier.standChanged(standId);
    return true;
  }

  /**
   * Takes a candidate out of every queue at one fair's stands at once (the
   * organiser rejected their registration), telling them as for any removal.
   * Their queues at other fairs' stands stay.
   */
  async leaveFair(candidateId: string, fairId: string): Promise<void> {
    const { entries } = await this.deps.store.candidateSnapshot(fairId, candidateId);
    for (const entry of entries) {
      const ref = { fairId, standId: entry.standId, candidateId };
      if (await this.#takeOut({ ...ref, reason: "registration_rejected" })) {
        notifyRemoved(this.deps.notifier, candidateId, entry.standId, "registration_rejected");
      }
    }
  }

  /**
   * A consent revoked for a stand takes the candidate out of its queue: staff
   * may no longer see them. True when they had a place there.
   */
  async consentRevoked(candidateId: string, standId: string): Promise<boolean> {
    const fairId = await this.deps.repository.fairOfStand(standId);
    if (!fairId) return false;
    const ref = { fairId, standId, candidateId };
    if (!(await this.#takeOut({ ...ref, reason: "consent_revoked" }))) return false;
    notifyRemoved(this.deps.notifier, candidateId, standId, "consent_revoked");
    return true;
  }

  /** Candidates connected to this process: keeps their places and counts them as connected. */
  async candidatesSeen(candidateIds: readonly string[]): Promise<void> {
    const now = this.deps.clock();
    const fairIds = await this.deps.repository.liveFairIds();
    await this.deps.store.touchCandidates(fairIds, candidateIds, now);
    await this.deps.store.markConnected(candidateIds, now);
  }

  /** A candidate's last connection to this process closed: their reconnect grace starts now. */
  async candidateGone(candidateId: string): Promise<void> {
    const fairIds = await this.deps.repository.liveFairIds();
    await this.deps.store.touchCandidates(fairIds, [candidateId], this.deps.clock());
    await this.deps.store.markDisconnected(candidateId);
  }

  /** Expires unanswered calls and lapsed reconnect graces; safe to run on every process. */
  async sweep(options: SweepOptions = {}): Promise<void> {
    const now = this.deps.clock();
    for (const fairId of await this.deps.repository.liveFairIds()) {
      for (const expired of await this.deps.store.expireCalls(fairId, now)) {
        this.deps.notifier.candidateChanged(expired.candidateId);
        if (expired.bookingId) {
          const { bookingId, standId, candidateId } = expired;
          this.deps.bookedCalls?.answered({ bookingId, standId, candidateId, outcome: "no_show" });
        }
        this.deps.notifier.callAnswered(expired.standId, expired.recruiterId, {
          standId: expired.standId,
          candidateId: expired.candidateId,
          outcome: "timed_out",
        });
        noShowRemoved(
          this.deps.notifier,
          expired.standId,
          expired.candidateId,
          expired.outcome === "removed",
        );
      }
      if (options.absent === false) continue;
      const cutoff = now - this.deps.timings.reconnectGraceMs;
      for (const absent of await this.deps.store.absentCandidates(fairId, cutoff)) {
        for (const standId of absent.standIds) {
          const ref = { fairId, standId, candidateId: absent.candidateId };
          if (await this.#takeOut({ ...ref, reason: "connection_lost", absentSince: cutoff })) {
            notifyRemoved(this.deps.notifier, absent.candidateId, standId, "connection_lost");
          }
        }
      }
    }
  }

  /** Removes a place the candidate did not give up themselves; a pending call is answered "left". */
  async #takeOut(input: Omit<LeaveInput, "now">): Promise<boolean> {
    const left = await this.deps.store.leave({ ...input, now: this.deps.clock() });
    if (!left) return false;
    if (left.calledBy) {
      this.deps.notifier.callAnswered(input.standId, left.calledBy, {
        standId: input.standId,
        candidateId: input.candidateId,
        outcome: "left",
      });
    }
    return true;
  }
}

export type { RemovalReason };
