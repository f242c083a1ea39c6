/**
 * Tables owned by the webinar domain: group sessions at stands, their
 * speakers, the candidates' registrations, and what happens live (attendance
 * intervals, questions with votes, chat, blocked viewers).
 *
 * Attendance is kept as intervals (one row per join, closed on leave), so the
 * report counts who attended, for how long, and the peak of viewers at the
 * same moment from the rows alone.
 */
import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import {
  LANGUAGES,
  QUESTION_STATUSES,
  WEBINAR_STATUSES,
  type WebinarCopy,
} from "@crossfair/shared";
import type { Language } from "@crossfair/shared";
import { users } from "../auth/auth.schema.js";
import { fairs } from "../fair/fair.schema.js";
import { stands } from "../stand/stand.schema.js";

export const webinarStatus = pgEnum("webinar_status", WEBINAR_STATUSES);
export const webinarLanguage = pgEnum("webinar_language", LANGUAGES);
export const webinarQuestionStatus = pgEnum("webinar_question_status", QUESTION_STATUSES);

export const webinars = pgTable(
  "webinars",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    fairId: uuid("fair_id")
      .notNull()
      .references(() => fairs.id, { onDelete: "cascade" }),
    standId: uuid("stand_id")
      .notNull()
      .references(() => stands.id, { onDelete: "cascade" }),
    /** Title and description per language: `{ fr: { title, description }, … }`. */
    copy: jsonb("copy").$type<Partial<Record<Language, WebinarCopy>>>().notNull(),
    spokenLanguage: webinarLanguage("spoken_language").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    minutes: integer("minutes").notNull(),
    capacity: integer("capacity").notNull(),
    status: webinarStatus("status").notNull().default("scheduled"),
    /** When a speaker opened it, and when it ended (by a speaker, or its time ran out). */
    wentLiveAt: timestamp("went_live_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    /** Bumped by each change and the cancellation: the calendar event's SEQUENCE. */
    revision: integer("revision").notNull().default(0),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("webinars_fair_idx").on(table.fairId, table.startsAt),
    index("webinars_stand_idx").on(table.standId, table.startsAt),
  ],
);

export const webinarSpeakers = pgTable(
  "webinar_speakers",
  {
    webinarId: uuid("webinar_id")
      .notNull()
      .references(() => webinars.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The order the stand's admin listed them in. */
    position: integer("position").notNull(),
  },
  (table) => [primaryKey({ columns: [table.webinarId, table.userId] })],
);

export const webinarRegistrations = pgTable(
  "webinar_registrations",
  {
    webinarId: uuid("webinar_id")
      .notNull()
      .references(() => webinars.id, { onDelete: "cascade" }),
    candidateId: uuid("candidate_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    registeredAt: timestamp("registered_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.webinarId, table.candidateId] }),
    index("webinar_registrations_candidate_idx").on(table.candidateId),
  ],
);

/** One row per time a viewer was in the live session; `left_at` null while they still are. */
export const webinarAttendance = pgTable(
  "webinar_attendance",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    webinarId: uuid("webinar_id")
      .notNull()
      .references(() => webinars.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The socket (and its process) the viewer was in through, to close the row if that process dies. */
    socketId: text("socket_id").notNull(),
    processId: text("process_id").notNull(),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull(),
    leftAt: timestamp("left_at", { withTimezone: true }),
  },
  (table) => [
    index("webinar_attendance_webinar_idx").on(table.webinarId, table.joinedAt),
    index("webinar_attendance_open_idx")
      .on(table.processId)
      .where(sql`${table.leftAt} is null`),
  ],
);

export const webinarQuestions = pgTable(
  "webinar_questions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    webinarId: uuid("webinar_id")
      .notNull()
      .references(() => webinars.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    askedAt: timestamp("asked_at", { withTimezone: true }).notNull().defaultNow(),
    votes: integer("votes").notNull().default(0),
    status: webinarQuestionStatus("status").notNull().default("open"),
    pinned: boolean("pinned").notNull().default(false),
    hidden: boolean("hidden").notNull().default(false),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
  },
  (table) => [index("webinar_questions_webinar_idx").on(table.webinarId, table.askedAt)],
);

export const webinarQuestionVotes = pgTable(
  "webinar_question_votes",
  {
    questionId: uuid("question_id")
      .notNull()
      .references(() => webinarQuestions.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (table) => [primaryKey({ columns: [table.questionId, table.userId] })],
);

export const webinarChatMessages = pgTable(
  "webinar_chat_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    webinarId: uuid("webinar_id")
      .notNull()
      .references(() => webinars.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
    hidden: boolean("hidden").notNull().default(false),
  },
  (table) => [index("webinar_chat_webinar_idx").on(table.webinarId, table.sentAt)],
);

/** Viewers a moderator stopped from asking and chatting in one session. */
export const webinarBlocks = pgTable(
  "webinar_blocks",
  {
    webinarId: uuid("webinar_id")
      .notNull()
      .references(() => webinars.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    blockedBy: uuid("blocked_by").references(() => users.id, { onDelete: "set null" }),
    blockedAt: timestamp("blocked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.webinarId, table.userId] })],
);
