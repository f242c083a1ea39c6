/**
 * The queue's gate to a fair: whether a candidate may join its queues. A fair
 * that pre-screens admits approved candidates only (`registration_required`
 * otherwise); a walk-in fair registers the candidate, approved, on the spot,
 * unless the organiser rejected them.
 *
 * Every queue join asks the gate, so approvals are cached per process. Only
 * approvals are cached: a new approval counts at once everywhere, and a
 * decision drops the entry in every process (`forgetApproval`, told by the
 * queue's cached facts); the TTL only bounds what a lost message could leave.
 * What it reads and writes goes through `RegistrationRecords`, PostgreSQL in
 * the app and a map in its unit tests.
 */
import { and, eq, sql } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import { ErrorCode, type ApprovalStatus } from "@crossfair/shared";
import type { Database } from "../plugins/db.js";
import { AppError } from "../plugins/errors.js";
import type { RegistrationGate } from "../queue/queue.rules.js";
import { fairRegistrations } from "./fair.schema.js";

const APPROVED_TTL_MS = 120_000;

/** The registrations the gate reads and the walk-in approvals it writes. */
export interface RegistrationRecords {
  approvedCandidates(fairId: string): Promise<string[]>;
  statusOf(fairId: string, candidateId: string): Promise<ApprovalStatus | null>;
  /** Registers the candidate approved, or approves their pending registration; a rejection stays. */
  approveWalkIn(fairId: string, candidateId: string, at: Date): Promise<void>;
}

export class AdmissionGate implements RegistrationGate {
  readonly #approved = new LRUCache<string, true>({ max: 200_000, ttl: APPROVED_TTL_MS });
  /** When each approval was last forgotten: a warm-up read from before must not bring it back. */
  readonly #forgottenAt = new LRUCache<string, number>({ max: 50_000, ttl: APPROVED_TTL_MS });

  constructor(
    private readonly records: RegistrationRecords,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Drops a cached approval, after a decision taken in this process or another. */
  forgetApproval(fairId: string, candidateId: string): void {
    const key = `${fairId}|${candidateId}`;
    this.#approved.delete(key);
    this.#forgottenAt.set(key, this.clock());
  }

  /**
   * Reads every approved registration of a live fair at once, so the gate
   * answers its joins from memory: at the peak, thousands of first joins would
   * each have asked PostgreSQL. Repeated (by the queue's upkeep) within the
   * cache's lifetime, so it stays warm.
   */
  async warm(fairId: string): Promise<void> {
    const started = this.clock();
    for (const candidateId of await this.records.approvedCandidates(fairId)) {
      const key = `${fairId}|${candidateId}`;
      if ((this.#forgottenAt.get(key) ?? -Infinity) >= started) continue;
      this.#approved.set(key, true);
    }
  }

  async admit(fairId: string, candidateId: string, needsApproval: boolean): Promise<void> {
    const key = `${fairId}|${candidateId}`;
    if (this.#approved.has(key)) return;
    const status = await this.records.statusOf(fairId, candidateId);
    if (status !== "approved") {
      if (needsApproval || status === "rejected") {
        throw new AppError(
          ErrorCode.registrationRequired,
          status ? `your registration is ${status}` : "register for this fair first",
        );
      }
      // Walk-in: a pending registration (the fair pre-screened earlier) is approved too.
      await this.records.approveWalkIn(fairId, candidateId, new Date(this.clock()));
    }
    this.#approved.set(key, true);
  }
}

export function databaseRegistrationRecords(db: Database): RegistrationRecords {
  return {
    async approvedCandidates(fairId) {
      const rows = await db
        .select({ candidateId: fairRegistrations.candidateId })
        .from(fairRegistrations)
        .where(and(eq(fairRegistrations.fairId, fairId), eq(fairRegistrations.status, "approved")));
      return rows.map((row) => row.candidateId);
    },
    async statusOf(fairId, candidateId) {
      const [row] = await db
        .select({ status: fairRegistrations.status })
        .from(fairRegistrations)
        .where(
          and(eq(fairRegistrations.fairId, fairId), eq(fairRegistrations.candidateId, candidateId)),
        )
        .limit(1);
      return row?.status ?? null;
    },
    async approveWalkIn(fairId, candidateId, at) {
      await db
        .insert(fairRegistrations)
        .values({ fairId, candidateId, status: "approved", decidedAt: at })
        .onConflictDoUpdate({
          target: [fairRegistrations.fairId, fairRegistrations.candidateId],
          set: { status: "approved", decidedAt: at },
          setWhere: sql`${fairRegistrations.status} = 'pending'`,
        });
    },
  };
}
