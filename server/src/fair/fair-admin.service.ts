/**
 * Fairs as their organisers manage them: create, edit, move through the
 * statuses (FAIR_STATUS_TRANSITIONS), and read them back with the counts an
 * admin needs (stands and registrations, pending ones apart).
 */
import type { DomainEvents } from "../events/domain-events.js";
import { and, count, desc, eq, inArray } from "drizzle-orm";
import {
  ErrorCode,
  canMoveFair,
  fairScheduleProblem,
  offsetOf,
  type FairAdminView,
  type FairInput,
  type FairPatch,
  type FairStatus,
  type Page,
  type PaginationQuery,
} from "@crossfair/shared";
import type { Database } from "../plugins/db.js";
import { AppError } from "../plugins/errors.js";
import { fairBySlug, type FairRow } from "./fair.lookup.js";
import { fairRegistrations, fairs } from "./fair.schema.js";
import { stands } from "../stand/stand.schema.js";

type Counts = FairAdminView["counts"];

const noCounts = (): Counts => ({
  stands: 0,
  pendingStands: 0,
  registrations: 0,
  pendingRegistrations: 0,
});

const toDate = (value: string | null | undefined) =>
  value === undefined ? undefined : value === null ? null : new Date(value);

function checkSchedule(schedule: Parameters<typeof fairScheduleProblem>[0]): void {
  const problem = fairScheduleProblem(schedule);
  if (problem) throw new AppError(ErrorCode.validationFailed, problem.message, problem.field);
}

export class FairAdminService {
  /** `events` hears of every change to a fair's status or settings (`fair.changed`). */
  constructor(
    private readonly db: Database,
    private readonly events: Pick<DomainEvents, "emit">,
  ) {}

  async list(query: PaginationQuery): Promise<Page<FairAdminView>> {
    const [total] = await this.db.select({ total: count() }).from(fairs);
    const rows = await this.db
      .select()
      .from(fairs)
      .orderBy(desc(fairs.startsAt), desc(fairs.createdAt), desc(fairs.id))
      .limit(query.pageSize)
      .offset(offsetOf(query));
    const counts = await this.#counts(rows.map((row) => row.id));
    return {
      items: rows.map((row) => toView(row, counts.get(row.id) ?? noCounts())),
      total: total?.total ?? 0,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async get(slug: string): Promise<FairAdminView> {
    return this.#view(await fairBySlug(this.db, slug));
  }

  async create(input: FairInput): Promise<FairAdminView> {
    checkSchedule(input);
    const [row] = await this.db
      .insert(fairs)
      .values({
        slug: input.slug,
        name: input.name,
        description: input.description,
        timeZone: input.timeZone,
        startsAt: new Date(input.startsAt),
        endsAt: new Date(input.endsAt),
        registrationOpensAt: toDate(input.registrationOpensAt) ?? null,
        registrationClosesAt: toDate(input.registrationClosesAt) ?? null,
        openingHours: input.openingHours ?? [],
        languages: input.languages,
        queueCapPerCandidate: input.queueCapPerCandidate,
        registrationNeedsApproval: input.registrationNeedsApproval,
        status: "draft",
      })
      .onConflictDoNothing({ target: fairs.slug })
      .returning();
    if (!row) throw new AppError(ErrorCode.conflict, "this slug is taken", "slug");
    return toView(row, noCounts());
  }

  async update(slug: string, patch: FairPatch): Promise<FairAdminView> {
    const fair = await fairBySlug(this.db, slug);
    checkSchedule({
      startsAt: patch.startsAt ?? fair.startsAt.toISOString(),
      endsAt: patch.endsAt ?? fair.endsAt.toISOString(),
      registrationOpensAt:
        patch.registrationOpensAt === undefined
          ? fair.registrationOpensAt?.toISOString()
          : patch.registrationOpensAt,
      registrationClosesAt:
        patch.registrationClosesAt === undefined
          ? fair.registrationClosesAt?.toISOString()
          : patch.registrationClosesAt,
    });
    const changes: Partial<typeof fairs.$inferInsert> = {
      name: patch.name,
      description: patch.description,
      timeZone: patch.timeZone,
      startsAt: toDate(patch.startsAt) ?? undefined,
      endsAt: toDate(patch.endsAt) ?? undefined,
      registrationOpensAt: toDate(patch.registrationOpensAt),
      registrationClosesAt: toDate(patch.registrationClosesAt),
      openingHours: patch.openingHours,
      languages: patch.languages,
      queueCapPerCandidate: patch.queueCapPerCandidate,
      registrationNeedsApproval: patch.registrationNeedsApproval,
    };
    const given = Object.fromEntries(
      Object.entries(changes).filter(([, value]) => value !== undefined),
    );
    if (Object.keys(given).length === 0) return this.#view(fair);
    const [row] = await this.db.update(fairs).set(given).where(eq(fairs.id, fair.id)).returning();
    if (!row) throw new AppError(ErrorCode.notFound, `no fair "${slug}"`);
    await this.events.emit("fair.changed", { fairId: row.id });
    return this.#view(row);
  }

  /** Moves the fair along one allowed transition; `invalid_transition` otherwise. */
  async setStatus(slug: string, status: FairStatus): Promise<FairAdminView> {
    const fair = await fairBySlug(this.db, slug);
    if (!canMoveFair(fair.status, status)) {
      throw new AppError(
        ErrorCode.invalidTransition,
        `a fair cannot go from ${fair.status} to ${status}`,
        "status",
      );
    }
    // Only from the status just checked, so two admins moving it at once cannot skip a rule.
    const [row] = await this.db
      .update(fairs)
      .set({ status })
      .where(and(eq(fairs.id, fair.id), eq(fairs.status, fair.status)))
      .returning();
    if (!row) throw new AppError(ErrorCode.conflict, "the fair's status changed meanwhile");
    await this.events.emit("fair.changed", { fairId: row.id });
    return this.#view(row);
  }

  async #view(row: FairRow): Promise<FairAdminView> {
    return toView(row, (await this.#counts([row.id])).get(row.id) ?? noCounts());
  }

  async #counts(fairIds: string[]): Promise<Map<string, Counts>> {
    const result = new Map<string, Counts>(fairIds.map((id) => [id, noCounts()]));
    if (fairIds.length === 0) return result;
    const standRows = await this.db
      .select({ fairId: stands.fairId, status: stands.approvalStatus, total: count() })
      .from(stands)
      .where(inArray(stands.fairId, fairIds))
      .groupBy(stands.fairId, stands.approvalStatus);
    const registrationRows = await this.db
      .select({
        fairId: fairRegistrations.fairId,
        status: fairRegistrations.status,
        total: count(),
      })
      .from(fairRegistrations)
      .where(inArray(fairRegistrations.fairId, fairIds))
      .groupBy(fairRegistrations.fairId, fairRegistrations.status);
    for (const row of standRows) {
      const counts = result.get(row.fairId);
      if (!counts) continue;
      counts.stands += row.total;
      if (row.status === "pending") counts.pendingStands += row.total;
    }
    for (const row of registrationRows) {
      const counts = result.get(row.fairId);
      if (!counts) continue;
      counts.registrations += row.total;
      if (row.status === "pending") counts.pendingRegistrations += row.total;
    }
    return result;
  }
}

function toView(row: FairRow, counts: Counts): FairAdminView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    timeZone: row.timeZone,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    registrationOpensAt: row.registrationOpensAt?.toISOString() ?? null,
    registrationClosesAt: row.registrationClosesAt?.toISOString() ?? null,
    openingHours: row.openingHours,
    languages: row.languages,
    status: row.status,
    queueCapPerCandidate: row.queueCapPerCandidate,
    registrationNeedsApproval: row.registrationNeedsApproval,
    counts,
  };
}
