/**
 * The fair admins' live dashboard: one snapshot of a fair right now, from the
 * live queue store (shared by every server process) and the interviews whose
 * status is live. Polled every few seconds, so it costs one store read per
 * stand and two small queries.
 */
import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { LiveFairSnapshot } from "@crossfair/shared";
import { fairBySlug } from "../fair/fair.lookup.js";
import { stands } from "../stand/stand.schema.js";
import { interviews } from "../interview/interview.schema.js";
import type { Database } from "../plugins/db.js";
import type { LiveQueueView } from "../queue/queue.live.js";

export class LiveService {
  constructor(
    private readonly db: Database,
    private readonly queues: LiveQueueView,
    private readonly clock: () => number = Date.now,
  ) {}

  async snapshot(slug: string): Promise<LiveFairSnapshot> {
    const fair = await fairBySlug(this.db, slug);
    const standRows = await this.db
      .select({ id: stands.id, organisationName: stands.organisationName })
      .from(stands)
      .where(and(eq(stands.fairId, fair.id), eq(stands.approvalStatus, "approved")))
      .orderBy(asc(stands.organisationName));
    const standIds = standRows.map((stand) => stand.id);
    const [queues, waitingIds, liveInterviews, connectedCandidates] = await Promise.all([
      Promise.all(standIds.map((standId) => this.queues.stand(standId))),
      Promise.all(standIds.map((standId) => this.queues.waitingCandidateIds(standId))),
      standIds.length
        ? this.db
            .select({ standId: interviews.standId, total: count() })
            .from(interviews)
            .where(and(inArray(interviews.standId, standIds), eq(interviews.status, "live")))
            .groupBy(interviews.standId)
        : [],
      this.queues.connectedCandidates(),
    ]);
    const interviewsAt = new Map(liveInterviews.map((row) => [row.standId, row.total]));
    const waitingAnywhere = new Set(waitingIds.flat());
    return {
      at: new Date(this.clock()).toISOString(),
      connectedCandidates,
      candidatesWaiting: waitingAnywhere.size,
      interviewsInProgress: liveInterviews.reduce((sum, row) => sum + row.total, 0),
      stands: standRows.map((stand, index) => {
        const queue = queues[index]!;
        return {
          standId: stand.id,
          organisationName: stand.organisationName,
          open: queue.open,
          waiting: queue.waiting,
          called: queue.called,
          inInterview: interviewsAt.get(stand.id) ?? 0,
          activeRecruiters: queue.activeRecruiters,
          waitEstimateMs: queue.waitEstimateMs,
        };
      }),
    };
  }
}
