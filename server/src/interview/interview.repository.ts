/**
 * The interview domain's storage: interview rows (start and end times; the
 * queue's outbox inserts them) and the few facts about users and stand staff
 * the service checks, and a candidate's own ended interviews (the stand's
 * name and the fair's zone joined in one read; never the assessment).
 */
import { and, desc, eq, lt } from "drizzle-orm";
import type { Interview, MyInterview, UserRole } from "@crossfair/shared";
import { users } from "../auth/auth.schema.js";
import { fairs } from "../fair/fair.schema.js";
import { standStaff, stands } from "../stand/stand.schema.js";
import type { Database } from "../plugins/db.js";
import { interviews } from "./interview.schema.js";

type InterviewRow = typeof interviews.$inferSelect;

function toInterview(row: InterviewRow): Interview {
  return {
    id: row.id,
    standId: row.standId,
    recruiterId: row.recruiterId,
    candidateId: row.candidateId,
    vacancyId: row.vacancyId,
    status: row.status,
    startedAt: row.startedAt.toISOString(),
    plannedEndsAt: row.plannedEndsAt ? row.plannedEndsAt.toISOString() : null,
    endedAt: row.endedAt ? row.endedAt.toISOString() : null,
  };
}

export class InterviewRepository {
  constructor(private readonly db: Database) {}

  async get(id: string): Promise<Interview | null> {
    const [row] = await this.db.select().from(interviews).where(eq(interviews.id, id)).limit(1);
    return row ? toInterview(row) : null;
  }

  /** Marks the interview ended once; a second call keeps the first end time. */
  async markEnded(id: string, at: Date): Promise<Interview | null> {
    await this.db
      .update(interviews)
      .set({ status: "ended", endedAt: at })
      .where(and(eq(interviews.id, id), eq(interviews.status, "live")));
    return this.get(id);
  }

  /** Interviews still live in their row that started before `before`, oldest first. */
  async liveStartedBefore(before: Date, limit: number): Promise<string[]> {
    const rows = await this.db
      .select({ id: interviews.id })
      .from(interviews)
      .where(and(eq(interviews.status, "live"), lt(interviews.startedAt, before)))
      .orderBy(interviews.startedAt)
      .limit(limit);
    return rows.map((row) => row.id);
  }

  /** The candidate's ended interviews (of one fair, or all), newest first; at most `limit`. */
  async endedOf(
    candidateId: string,
    fairId: string | undefined,
    limit: number,
  ): Promise<MyInterview[]> {
    const rows = await this.db
      .select({
        id: interviews.id,
        standId: interviews.standId,
        standName: stands.organisationName,
        fairId: fairs.id,
        timeZone: fairs.timeZone,
        startedAt: interviews.startedAt,
        endedAt: interviews.endedAt,
      })
      .from(interviews)
      .innerJoin(stands, eq(stands.id, interviews.standId))
      .innerJoin(fairs, eq(fairs.id, stands.fairId))
      .where(
        and(
          eq(interviews.candidateId, candidateId),
          eq(interviews.status, "ended"),
          fairId ? eq(fairs.id, fairId) : undefined,
        ),
      )
      .orderBy(desc(interviews.startedAt), desc(interviews.id))
      .limit(limit);
    return rows.map(({ startedAt, endedAt, ...row }) => ({
      ...row,
      startedAt: startedAt.toISOString(),
      // An ended row always has its end; the start stands in for a row written without one.
      endedAt: (endedAt ?? startedAt).toISOString(),
    }));
  }

  async isStandStaff(standId: string, userId: string): Promise<boolean> {
    const [row] = await this.db
      .select({ userId: standStaff.userId })
      .from(standStaff)
      .where(and(eq(standStaff.standId, standId), eq(standStaff.userId, userId)))
      .limit(1);
    return row !== undefined;
  }

  async user(userId: string): Promise<{ role: UserRole; displayName: string } | null> {
    const [row] = await this.db
      .select({ role: users.role, displayName: users.displayName })
      .from(users)
      .where(eq(users.id, userId))
      .limit(1);
    return row ?? null;
  }
}
