/**
 * Interview rows as the queue's outbox writes them, idempotently: a call
 * accepted starts one, an interview ended ends it, and the two may arrive in
 * either order (a crashed consumer's claimed entries arrive late). Rows are
 * keyed by the interview's id, inside the caller's transaction.
 */
import { sql } from "drizzle-orm";
import type { Transaction } from "../plugins/db.js";
import { interviews } from "./interview.schema.js";

export type InterviewRecord = typeof interviews.$inferInsert;

/**
 * Started interviews. One already written stays as it is, except that an end
 * drained first (which does not know the plan) gets the planned end from its start.
 */
export async function recordInterviewStarts(
  tx: Pick<Transaction, "insert">,
  rows: InterviewRecord[],
): Promise<void> {
  await tx
    .insert(interviews)
    .values(rows)
    .onConflictDoUpdate({
      target: interviews.id,
      set: { plannedEndsAt: sql`excluded.planned_ends_at` },
      setWhere: sql`${interviews.plannedEndsAt} is null`,
    });
}

/**
 * Ended interviews. An end that comes first writes the interview already
 * ended, and its start, later, changes nothing.
 */
export async function recordInterviewEnds(
  tx: Pick<Transaction, "insert">,
  rows: InterviewRecord[],
): Promise<void> {
  await tx
    .insert(interviews)
    .values(rows)
    .onConflictDoUpdate({
      target: interviews.id,
      set: { status: "ended", endedAt: sql`excluded.ended_at` },
      setWhere: sql`${interviews.endedAt} is null`,
    });
}
