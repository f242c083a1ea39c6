/**
 * The durable side of live queues: every queue change appended as an event
 * (for reports), and the answers to a stand's screening questions given when
 * joining (the questions are the stand domain's). The live queue itself is in the queue store, not here.
 */
import {
  bigserial,
  index,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "../auth/auth.schema.js";
import { fairs } from "../fair/fair.schema.js";
import { screeningQuestions, stands } from "../stand/stand.schema.js";

export const QUEUE_EVENT_TYPES = [
  "join",
  "leave",
  "snooze",
  "ready",
  "call",
  "accept",
  "decline",
  "no_show",
  "removed",
  "interview_start",
  "interview_end",
  "stand_open",
  "stand_closed",
] as const;
export type QueueEventType = (typeof QUEUE_EVENT_TYPES)[number];
export const queueEventType = pgEnum("queue_event_type", QUEUE_EVENT_TYPES);

export const queueEvents = pgTable(
  "queue_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    fairId: uuid("fair_id")
      .notNull()
      .references(() => fairs.id, { onDelete: "cascade" }),
    standId: uuid("stand_id")
      .notNull()
      .references(() => stands.id, { onDelete: "cascade" }),
    type: queueEventType("type").notNull(),
    candidateId: uuid("candidate_id").references(() => users.id, { onDelete: "set null" }),
    recruiterId: uuid("recruiter_id").references(() => users.id, { onDelete: "set null" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    data: jsonb("data").$type<Record<string, unknown>>(),
    /**
     * `fairId:entryId:recordIndex` of the outbox record it was drained from,
     * so a record drained twice (a consumer crashed before acknowledging) is
     * written once; null for rows written before the outbox.
     */
    outboxKey: text("outbox_key"),
  },
  (table) => [
    index("queue_events_stand_idx").on(table.standId, table.at),
    index("queue_events_fair_idx").on(table.fairId, table.type),
    uniqueIndex("queue_events_outbox_key_idx").on(table.outboxKey),
  ],
);

export const screeningAnswers = pgTable(
  "screening_answers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    questionId: uuid("question_id")
      .notNull()
      .references(() => screeningQuestions.id, { onDelete: "cascade" }),
    candidateId: uuid("candidate_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    answer: text("answer").notNull(),
    answeredAt: timestamp("answered_at", { withTimezone: true }).notNull().defaultNow(),
    /** `fairId:entryId:recordIndex:answerIndex` of its outbox record (see queue_events). */
    outboxKey: text("outbox_key"),
  },
  (table) => [
    index("screening_answers_candidate_idx").on(table.candidateId),
    uniqueIndex("screening_answers_outbox_key_idx").on(table.outboxKey),
  ],
);
