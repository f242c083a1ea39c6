/**
 * What happens to queue places without their candidate asking: connections
 * seen and lost (the reconnect grace), the sweep that expires unanswered calls
 * and lapsed graces, and removals decided elsewhere (an account deleted, a
 * fair registration rejected). Reachable as `QueueService.upkeep`; presence
 * (queue.presence.ts) drives the first two on every process.
 */
import { notifyRemoved, recordNoShow, type QueueDeps } from "./queue.rules.js";

export class QueueUpkeep {
  constructor(private readonly deps: QueueDeps) {}

  /** Removes a (deleted) candidate from every queue; the log keeps the removals without the person. */
  async forgetCandidate(candidateId: string): Promise<void> {
    const { entries } = await this.deps.store.candidateSnapshot(candidateId);
    for (const entry of entries) {
      if (!(await this.#takeOut(entry.standId, candidateId))) continue;
      this.deps.events.append({
        stand: entry.standId,
        type: "removed",
        candidateId: null,
        data: { reason: "account_deleted" },
      });
    }
  }

  /**
   * Takes a candidate out of every queue at one fair's stands at once (the
   * organiser rejected their registration), telling them as for any removal.
   * Their queues at other fairs' stands stay.
   */
  async leaveFair(candidateId: string, fairId: string): Promise<void> {
    const { entries } = await this.deps.store.candidateSnapshot(candidateId);
    for (const entry of entries) {
      if ((await this.deps.repository.standInfo(entry.standId))?.fairId !== fairId) continue;
      if (!(await this.#takeOut(entry.standId, candidateId))) continue;
      this.deps.events.append({
        stand: entry.standId,
        type: "removed",
        candidateId,
        data: { reason: "registration_rejected" },
      });
      notifyRemoved(this.deps.notifier, candidateId, entry.standId, "registration_rejected");
    }
  }

  /** Candidates connected to this process: keeps their places and counts them as connected. */
  async candidatesSeen(candidateIds: readonly string[]): Promise<void> {
    const now = this.deps.clock();
    await this.deps.store.touchCandidates(candidateIds, now);
    await this.deps.store.markConnected(candidateIds, now);
  }

  /** A candidate's last connection to this process closed: their reconnect grace starts now. */
  async candidateGone(candidateId: string): Promise<void> {
    await this.deps.store.touchCandidates([candidateId], this.deps.clock());
    await this.deps.store.markDisconnected(candidateId);
  }

  /** Expires unanswered calls and lapsed reconnect graces; safe to run on every process. */
  async sweep(): Promise<void> {
    const now = this.deps.clock();
    for (const expired of await this.deps.store.expireCalls(now)) {
      this.deps.notifier.standChanged(expired.standId);
      this.deps.notifier.candidateChanged(expired.candidateId);
      this.deps.notifier.callAnswered(expired.standId, expired.recruiterId, {
        standId: expired.standId,
        candidateId: expired.candidateId,
        outcome: "timed_out",
      });
      recordNoShow(
        this.deps,
        expired.standId,
        expired.candidateId,
        "timed_out",
        expired.outcome === "removed",
      );
    }
    for (const absent of await this.deps.store.expireAbsent(
      now - this.deps.timings.reconnectGraceMs,
    )) {
      for (const standId of absent.standIds) {
        this.deps.events.append({
          stand: standId,
          type: "removed",
          candidateId: absent.candidateId,
          data: {
            reason: "connection_lost",
          },
        });
        notifyRemoved(this.deps.notifier, absent.candidateId, standId, "connection_lost");
        this.deps.notifier.standChanged(standId);
      }
    }
  }

  /** Removes a place the candidate did not give up themselves; a pending call is answered "left". */
  async #takeOut(standId: string, candidateId: string): Promise<boolean> {
    const left = await this.deps.store.leave(standId, candidateId);
    if (!left) return false;
    if (left.calledBy) {
      this.deps.notifier.callAnswered(standId, left.calledBy, {
        standId,
        candidateId,
        outcome: "left",
      });
    }
    this.deps.notifier.standChanged(standId);
    return true;
  }
}
