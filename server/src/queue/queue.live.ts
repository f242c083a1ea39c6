/**
 * The queues as the fair admins' live dashboard sees them: per stand how many
 * wait, are called, which recruiters take candidates and the wait a newcomer
 * would be told; and how many candidates are connected. Everything is read
 * from the shared store, so every server process gives the same answer.
 */
import { averageMs, estimateWaitMs } from "@crossfair/shared";
import { activeRecruiters, type QueueDeps } from "./queue.rules.js";

export interface LiveStandQueue {
  open: boolean;
  /** Entries waiting for their turn, frozen ones included. */
  waiting: number;
  called: number;
  activeRecruiters: number;
  waitEstimateMs: number | null;
  /** Who waits here, so a dashboard can count people waiting anywhere once. */
  waitingCandidateIds: string[];
}

export class LiveQueueView {
  constructor(private readonly deps: Pick<QueueDeps, "store" | "timings" | "clock">) {}

  async stand(standId: string): Promise<LiveStandQueue> {
    const snapshot = await this.deps.store.standSnapshot(standId);
    const waiting = snapshot.entries.filter((entry) => entry.state === "waiting");
    const callable = waiting.filter((entry) => !entry.frozen).length;
    const recruiters = activeRecruiters(snapshot, this.deps.clock(), this.deps.timings);
    return {
      open: snapshot.open,
      waiting: waiting.length,
      called: snapshot.entries.filter((entry) => entry.state === "called").length,
      activeRecruiters: recruiters,
      // The same estimate a candidate joining now would see: one place behind every callable entry.
      waitEstimateMs: snapshot.open
        ? estimateWaitMs(callable + 1, recruiters, averageMs(snapshot.recentDurationsMs))
        : null,
      waitingCandidateIds: waiting.map((entry) => entry.candidateId),
    };
  }

  /** Candidates connected to any process, seen within the online window. */
  connectedCandidates(): Promise<number> {
    return this.deps.store.countConnected(this.deps.clock() - this.deps.timings.onlineWindowMs);
  }
}
