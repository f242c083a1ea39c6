/**
 * The queues as the fair admins' live dashboard and the hall's cards see
 * them: per stand how many wait, are called, which recruiters take candidates
 * and the wait a newcomer would be told (counts read in constant time); and
 * how many candidates are connected. Everything is read from the shared
 * store, so every server process gives the same answer.
 */
import { averageMs, estimateWaitMs } from "@crossfair/shared";
import { activeRecruiters, standRef, type QueueDeps } from "./queue.rules.js";

export interface LiveStandQueue {
  open: boolean;
  /** Entries waiting for their turn, frozen ones included. */
  waiting: number;
  called: number;
  activeRecruiters: number;
  waitEstimateMs: number | null;
}

export class LiveQueueView {
  constructor(
    private readonly deps: Pick<QueueDeps, "store" | "repository" | "timings" | "clock">,
  ) {}

  async stand(standId: string): Promise<LiveStandQueue> {
    const view = await this.deps.store.standView(await standRef(this.deps.repository, standId));
    const recruiters = activeRecruiters(view, this.deps.clock(), this.deps.timings);
    return {
      open: view.open,
      waiting: view.waiting,
      called: view.called,
      activeRecruiters: recruiters,
      // The same estimate a candidate joining now would see: one place behind every waiting entry.
      waitEstimateMs: view.open
        ? estimateWaitMs(view.waiting + 1, recruiters, averageMs(view.recentDurationsMs))
        : null,
    };
  }

  /**
   * Who waits at the stand, so the dashboard counts people waiting anywhere
   * once: the one read that grows with the queue, made when an admin's
   * dashboard asks (every few seconds), never on a queue change.
   */
  async waitingCandidateIds(standId: string): Promise<string[]> {
    const snapshot = await this.deps.store.standSnapshot(
      await standRef(this.deps.repository, standId),
    );
    return snapshot.entries
      .filter((entry) => entry.state === "waiting")
      .map((entry) => entry.candidateId);
  }

  /** Which of these candidates are connected to any process, seen within the online window. */
  connectedAmong(candidateIds: readonly string[]): Promise<Set<string>> {
    const since = this.deps.clock() - this.deps.timings.onlineWindowMs;
    return this.deps.store.connectedAmong(candidateIds, since);
  }

  /** Candidates connected to any process, seen within the online window. */
  connectedCandidates(): Promise<number> {
    return this.deps.store.countConnected(this.deps.clock() - this.deps.timings.onlineWindowMs);
  }
}
