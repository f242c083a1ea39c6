/**
 * Candidates' registrations to fairs and their pre-screening: a candidate
 * registers while the fair takes registrations; the organiser approves or
 * rejects. It is also the queue's gate (`admit`): a fair that needs approval
 * lets only approved candidates into its queues, a walk-in fair registers
 * them on their first join.
 */
import type { DomainEvents } from "../events/domain-events.js";
import { and, asc, count, desc, eq } from "drizzle-orm";
import {
  ErrorCode,
  isRegistrationOpen,
  offsetOf,
  type MyRegistration,
  type Page,
  type RegistrationAdminView,
  type RegistrationDecision,
  type RegistrationListQuery,
} from "@crossfair/shared";
import { users } from "../auth/auth.schema.js";
import { candidateProfiles } from "../candidate/candidate.schema.js";
import type { Database } from "../plugins/db.js";
import { AppError } from "../plugins/errors.js";
import type { RegistrationGate } from "../queue/queue.rules.js";
import { fairBySlug } from "./fair.lookup.js";
import { AdmissionGate, databaseRegistrationRecords } from "./registration.gate.js";
import { fairRegistrations, fairs } from "./fair.schema.js";

const registrationColumns = {
  id: fairRegistrations.id,
  fairId: fairRegistrations.fairId,
  fairSlug: fairs.slug,
  status: fairRegistrations.status,
  createdAt: fairRegistrations.createdAt,
  decidedAt: fairRegistrations.decidedAt,
};

function toMine(row: {
  id: string;
  fairId: string;
  fairSlug: string;
  status: MyRegistration["status"];
  createdAt: Date;
  decidedAt: Date | null;
}): MyRegistration {
  return {
    id: row.id,
    fairId: row.fairId,
    fairSlug: row.fairSlug,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
  };
}

export class RegistrationService implements RegistrationGate {
  /** The queue's gate with its approval cache (registration.gate.ts). */
  readonly #gate: AdmissionGate;

  /**
   * `events` hears of each decision (`registration.decided`) before it is
   * answered: a rejection empties the candidate's queues at the fair first.
   */
  constructor(
    private readonly db: Database,
    private readonly events: Pick<DomainEvents, "emit">,
    private readonly clock: () => number = Date.now,
  ) {
    this.#gate = new AdmissionGate(databaseRegistrationRecords(db), clock);
  }

  /** Drops a cached approval, after a decision taken in this process or another. */
  forgetApproval(fairId: string, candidateId: string): void {
    this.#gate.forgetApproval(fairId, candidateId);
  }

  /** Reads a live fair's approvals ahead of its joins (the queue's upkeep). */
  warm(fairId: string): Promise<void> {
    return this.#gate.warm(fairId);
  }

  /** Registers the candidate (approved at once unless the fair pre-screens); idempotent. */
  async register(
    candidateId: string,
    slug: string,
  ): Promise<{ registration: MyRegistration; created: boolean }> {
    const fair = await fairBySlug(this.db, slug);
    const existing = await this.#mineAt(fair.id, candidateId);
    if (existing) return { registration: existing, created: false };
    if (!isRegistrationOpen(fair, this.clock())) {
      throw new AppError(ErrorCode.registrationClosed, "this fair does not take registrations now");
    }
    const approved = !fair.registrationNeedsApproval;
    const [row] = await this.db
      .insert(fairRegistrations)
      .values({
        fairId: fair.id,
        candidateId,
        status: approved ? "approved" : "pending",
        decidedAt: approved ? new Date(this.clock()) : null,
      })
      .onConflictDoNothing({ target: [fairRegistrations.fairId, fairRegistrations.candidateId] })
      .returning({ id: fairRegistrations.id });
    const registration = await this.#mineAt(fair.id, candidateId);
    if (!registration) throw new Error("a registration just written is missing");
    return { registration, created: row !== undefined };
  }

  async mine(candidateId: string): Promise<MyRegistration[]> {
    const rows = await this.db
      .select(registrationColumns)
      .from(fairRegistrations)
      .innerJoin(fairs, eq(fairs.id, fairRegistrations.fairId))
      .where(eq(fairRegistrations.candidateId, candidateId))
      .orderBy(desc(fairRegistrations.createdAt));
    return rows.map(toMine);
  }

  /** A fair's registrations for its admins, oldest first (the order they are screened in). */
  async list(slug: string, query: RegistrationListQuery): Promise<Page<RegistrationAdminView>> {
    const fair = await fairBySlug(this.db, slug);
    const where = and(
      eq(fairRegistrations.fairId, fair.id),
      query.status ? eq(fairRegistrations.status, query.status) : undefined,
    );
    const [total] = await this.db.select({ total: count() }).from(fairRegistrations).where(where);
    const rows = await this.#adminRows()
      .where(where)
      .orderBy(asc(fairRegistrations.createdAt), asc(fairRegistrations.id))
      .limit(query.pageSize)
      .offset(offsetOf(query));
    return {
      items: rows.map(toAdminView),
      total: total?.total ?? 0,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async decide(
    registrationId: string,
    decision: RegistrationDecision,
    deciderId: string,
  ): Promise<RegistrationAdminView> {
    const [updated] = await this.db
      .update(fairRegistrations)
      .set({ status: decision.status, decidedBy: deciderId, decidedAt: new Date(this.clock()) })
      .where(eq(fairRegistrations.id, registrationId))
      .returning({
        fairId: fairRegistrations.fairId,
        candidateId: fairRegistrations.candidateId,
      });
    if (!updated) throw new AppError(ErrorCode.notFound, "no such registration");
    this.forgetApproval(updated.fairId, updated.candidateId);
    await this.events.emit("registration.decided", { ...updated, status: decision.status });
    const [row] = await this.#adminRows().where(eq(fairRegistrations.id, registrationId));
    if (!row) throw new AppError(ErrorCode.notFound, "no such registration");
    return toAdminView(row);
  }

  /** The queue's gate: whether the candidate may join this fair's queues (registration.gate.ts). */
  admit(fairId: string, candidateId: string, needsApproval: boolean): Promise<void> {
    return this.#gate.admit(fairId, candidateId, needsApproval);
  }

  async #mineAt(fairId: string, candidateId: string): Promise<MyRegistration | null> {
    const [row] = await this.db
      .select(registrationColumns)
      .from(fairRegistrations)
      .innerJoin(fairs, eq(fairs.id, fairRegistrations.fairId))
      .where(
        and(eq(fairRegistrations.fairId, fairId), eq(fairRegistrations.candidateId, candidateId)),
      )
      .limit(1);
    return row ? toMine(row) : null;
  }

  #adminRows() {
    return this.db
      .select({
        registration: fairRegistrations,
        user: { id: users.id, displayName: users.displayName, email: users.email },
        profile: candidateProfiles,
      })
      .from(fairRegistrations)
      .innerJoin(users, eq(users.id, fairRegistrations.candidateId))
      .leftJoin(candidateProfiles, eq(candidateProfiles.userId, fairRegistrations.candidateId))
      .$dynamic();
  }
}

function toAdminView(row: {
  registration: typeof fairRegistrations.$inferSelect;
  user: { id: string; displayName: string; email: string };
  profile: typeof candidateProfiles.$inferSelect | null;
}): RegistrationAdminView {
  return {
    id: row.registration.id,
    status: row.registration.status,
    createdAt: row.registration.createdAt.toISOString(),
    decidedAt: row.registration.decidedAt?.toISOString() ?? null,
    candidate: {
      id: row.user.id,
      displayName: row.user.displayName,
      email: row.user.email,
      country: row.profile?.country ?? null,
      region: row.profile?.region ?? null,
      languages: row.profile?.languages ?? [],
      sectors: row.profile?.sectors ?? [],
      hasCv: Boolean(row.profile?.cvFile),
    },
  };
}
