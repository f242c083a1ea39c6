/**
 * Applications of candidates to vacancies and every move along their
 * pipeline, with who made it and when.
 */
import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { APPLICATION_STATUSES } from "@crossfair/shared";
import { users } from "../auth/auth.schema.js";
import { stands, vacancies } from "../stand/stand.schema.js";

export const applicationStatus = pgEnum("application_status", APPLICATION_STATUSES);

export const applications = pgTable(
  "applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    vacancyId: uuid("vacancy_id")
      .notNull()
      .references(() => vacancies.id, { onDelete: "cascade" }),
    /** Copied from the vacancy, so stand staff checks need no join. */
    standId: uuid("stand_id")
      .notNull()
      .references(() => stands.id, { onDelete: "cascade" }),
    /** Null once the candidate deleted their account; the application still counts in reports. */
    candidateId: uuid("candidate_id").references(() => users.id, { onDelete: "set null" }),
    status: applicationStatus("status").notNull().default("applied"),
    /** A short motivation written by the candidate. */
    message: text("message").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("applications_pair_idx").on(table.vacancyId, table.candidateId),
    index("applications_stand_idx").on(table.standId, table.status),
    index("applications_candidate_idx").on(table.candidateId),
  ],
);

export const applicationEvents = pgTable(
  "application_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    /** Null for the first event (the application itself). */
    fromStatus: applicationStatus("from_status"),
    toStatus: applicationStatus("to_status").notNull(),
    byUserId: uuid("by_user_id").references(() => users.id, { onDelete: "set null" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("application_events_application_idx").on(table.applicationId, table.at)],
);
