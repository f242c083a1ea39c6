/**
 * How outbox records become rows, idempotently: a record written twice (its
 * consumer crashed before acknowledging, another one claimed it) leaves the
 * rows of one write. Queue events and screening answers carry the record's
 * key in a unique `outbox_key`; a consent is written only when none is in
 * force; an interview is keyed by its id, and its start and end may arrive in
 * either order.
 *
 * The rows of a batch are written with a few multi-row statements inside the
 * caller's transaction. The stands, people and questions the batch names are
 * read first, so what has gone is known up front: records about a deleted
 * stand or question are skipped, and a deleted account's records are written
 * as its deletion left the rows written before it (ON DELETE SET NULL or
 * CASCADE). They are not locked (row locks on thousands of users cost
 * PostgreSQL a write per row at fair-time load): a deletion in the moment
 * between the read and the commit fails the batch on its foreign key, and
 * the drainer's entry-by-entry retry then finds the row gone and skips it.
 */
import { inArray } from "drizzle-orm";
import { users } from "../auth/auth.schema.js";
import { recordConsentsFromOutbox } from "../candidate/consents.js";
import { stands } from "../stand/stand.schema.js";
import {
  recordInterviewEnds,
  recordInterviewStarts,
  type InterviewRecord,
} from "../interview/interview.records.js";
import type { Transaction } from "../plugins/db.js";
import { QUEUE_EVENT_TYPES, queueEvents, screeningAnswers } from "./queue.schema.js";
import { screeningQuestions } from "../stand/stand.schema.js";
import type { OutboxEntry, OutboxRecord } from "./queue.store.js";

/** Why a record (or one answer of it) was not written. */
export type SkipReason =
  "stand_gone" | "question_gone" | "candidate_gone" | "recruiter_gone" | "malformed";

export interface WriteSummary {
  records: number;
  skipped: Partial<Record<SkipReason, number>>;
}

/** Rows per statement, well under PostgreSQL's 65,535 parameters. */
const ROWS_PER_STATEMENT = 1_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The idempotency key of a record: unique across fairs and entries. */
export const outboxKey = (entry: OutboxEntry, index: number) =>
  `${entry.fairId}:${entry.id}:${index}`;

export async function writeOutboxEntries(
  tx: Transaction,
  entries: readonly OutboxEntry[],
): Promise<WriteSummary> {
  const summary: WriteSummary = { records: 0, skipped: {} };
  const skip = (reason: SkipReason) => {
    summary.skipped[reason] = (summary.skipped[reason] ?? 0) + 1;
  };
  const items: { entry: OutboxEntry; index: number; record: OutboxRecord; at: string }[] = [];
  for (const entry of entries) {
    const valid = Number.isFinite(entry.at);
    const at = valid ? new Date(entry.at).toISOString() : "";
    entry.records.forEach((record, index) => {
      summary.records += 1;
      // A record that cannot be a row (a bug elsewhere) would fail its batch forever.
      if (valid && wellFormed(record)) items.push({ entry, index, record, at });
      else skip("malformed");
    });
  }
  const present = await presentRows(tx, items);

  const events: (typeof queueEvents.$inferInsert)[] = [];
  const answers: (typeof screeningAnswers.$inferInsert)[] = [];
  const consents: { candidateId: string; standId: string; at: string }[] = [];
  const starts = new Map<string, InterviewRecord>();
  const ends = new Map<string, InterviewRecord>();
  const person = (id: string | null | undefined) => (id && present.users.has(id) ? id : null);

  for (const { entry, index, record, at } of items) {
    if (!present.stands.has(record.standId)) {
      skip("stand_gone");
      continue;
    }
    switch (record.kind) {
      case "event":
        events.push({
          fairId: entry.fairId,
          standId: record.standId,
          type: record.type,
          candidateId: person(record.candidateId),
          recruiterId: person(record.recruiterId),
          at: new Date(entry.at),
          data: record.data ?? null,
          outboxKey: outboxKey(entry, index),
        });
        break;
      case "consent":
        // A deleted account's consents are deleted with it (cascade).
        if (person(record.candidateId)) consents.push({ ...record, at });
        else skip("candidate_gone");
        break;
      case "answers":
        if (!person(record.candidateId)) {
          skip("candidate_gone");
          break;
        }
        record.answers.forEach((answer, answerIndex) => {
          if (!present.questions.has(answer.questionId)) return skip("question_gone");
          answers.push({
            questionId: answer.questionId,
            candidateId: record.candidateId,
            answer: answer.answer,
            answeredAt: new Date(entry.at),
            outboxKey: `${outboxKey(entry, index)}:${answerIndex}`,
          });
        });
        break;
      case "interview_start":
      case "interview_end": {
        // Recruiters' accounts are not deleted while they have interviews (no ON DELETE).
        if (!person(record.recruiterId)) {
          skip("recruiter_gone");
          break;
        }
        const row = {
          id: record.interviewId,
          standId: record.standId,
          recruiterId: record.recruiterId,
          candidateId: person(record.candidateId),
        };
        if (record.kind === "interview_start") {
          starts.set(row.id, {
            ...row,
            status: "live",
            startedAt: new Date(entry.at),
            plannedEndsAt:
              record.plannedEndsAt === undefined ? null : new Date(record.plannedEndsAt),
          });
        } else {
          ends.set(row.id, {
            ...row,
            status: "ended",
            startedAt: new Date(record.startedAt),
            endedAt: new Date(entry.at),
          });
        }
        break;
      }
    }
  }

  for (const rows of chunks(events)) {
    await tx
      .insert(queueEvents)
      .values(rows)
      .onConflictDoNothing({ target: queueEvents.outboxKey });
  }
  for (const rows of chunks(answers)) {
    await tx
      .insert(screeningAnswers)
      .values(rows)
      .onConflictDoNothing({ target: screeningAnswers.outboxKey });
  }
  for (const rows of chunks(consents)) await recordConsentsFromOutbox(tx, rows);
  // Starts before ends, so an interview started and ended within one batch ends up ended.
  for (const rows of chunks([...starts.values()])) await recordInterviewStarts(tx, rows);
  for (const rows of chunks([...ends.values()])) await recordInterviewEnds(tx, rows);
  return summary;
}

interface Present {
  stands: Set<string>;
  users: Set<string>;
  questions: Set<string>;
}

/** The stands, people and questions named by the records that still exist, locked until commit. */
async function presentRows(
  tx: Transaction,
  items: readonly { record: OutboxRecord }[],
): Promise<Present> {
  const standIds = new Set<string>();
  const userIds = new Set<string>();
  const questionIds = new Set<string>();
  for (const { record } of items) {
    standIds.add(record.standId);
    if (record.candidateId) userIds.add(record.candidateId);
    if ("recruiterId" in record && record.recruiterId) userIds.add(record.recruiterId);
    if (record.kind === "answers")
      for (const answer of record.answers) questionIds.add(answer.questionId);
  }
  const ids = async (
    table: typeof stands | typeof users | typeof screeningQuestions,
    wanted: Set<string>,
  ) => {
    const found = new Set<string>();
    for (const part of chunks([...wanted])) {
      const rows = await tx.select({ id: table.id }).from(table).where(inArray(table.id, part));
      for (const row of rows) found.add(row.id);
    }
    return found;
  };
  return {
    stands: await ids(stands, standIds),
    users: await ids(users, userIds),
    questions: await ids(screeningQuestions, questionIds),
  };
}

function wellFormed(record: OutboxRecord): boolean {
  const required: unknown[] = [record.standId];
  const optional: unknown[] = [];
  switch (record.kind) {
    case "event":
      if (!(QUEUE_EVENT_TYPES as readonly string[]).includes(record.type)) return false;
      optional.push(record.candidateId, record.recruiterId);
      break;
    case "consent":
      required.push(record.candidateId);
      break;
    case "answers":
      if (!Array.isArray(record.answers)) return false;
      required.push(record.candidateId, ...record.answers.map((answer) => answer.questionId));
      if (!record.answers.every((answer) => typeof answer.answer === "string")) return false;
      break;
    case "interview_start":
    case "interview_end":
      if (record.kind === "interview_end" && !Number.isFinite(record.startedAt)) return false;
      if (
        record.kind === "interview_start" &&
        record.plannedEndsAt !== undefined &&
        !Number.isFinite(record.plannedEndsAt)
      ) {
        return false;
      }
      required.push(record.interviewId, record.recruiterId);
      optional.push(record.candidateId);
      break;
    default:
      return false;
  }
  const isId = (id: unknown) => typeof id === "string" && UUID.test(id);
  return (
    required.every(isId) && optional.every((id) => id === null || id === undefined || isId(id))
  );
}

function chunks<T>(rows: readonly T[]): T[][] {
  const parts: T[][] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    parts.push(rows.slice(start, start + ROWS_PER_STATEMENT));
  }
  return parts;
}
