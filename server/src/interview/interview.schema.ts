/**
 * Interviews: created when a recruiter starts one with a specific candidate;
 * the room exists only for them. Start and end times are recorded here.
 */
import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { INTERVIEW_OUTCOMES } from "@crossfair/shared";
import { users } from "../auth/auth.schema.js";
import { stands, vacancies } from "../stand/stand.schema.js";

export const interviewStatus = pgEnum("interview_status", ["live", "ended"]);
export const interviewOutcome = pgEnum("interview_outcome", INTERVIEW_OUTCOMES);

export const interviews = pgTable(
  "interviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    standId: uuid("stand_id")
      .notNull()
      .references(() => stands.id, { onDelete: "cascade" }),
    recruiterId: uuid("recruiter_id")
      .notNull()
      .references(() => users.id),
    /** Null once the candidate deleted their account; the interview still counts in reports. */
    candidateId: uuid("candidate_id").references(() => users.id, { onDelete: "set null" }),
    vacancyId: uuid("vacancy_id").references(() => vacancies.id, { onDelete: "set null" }),
    status: interviewStatus("status").notNull().default("live"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * When it was planned to end, fixed at its start (the stand's interview length
     * for a walk-in); reports compare it with `ended_at`. Null before timers existed.
     */
    plannedEndsAt: timestamp("planned_ends_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    /** Recorded by stand staff; never shown to the candidate. */
    outcome: interviewOutcome("outcome"),
    privateNotes: text("private_notes").notNull().default(""),
    /** 1 (weak) to 5 (excellent). */
    rating: integer("rating"),
    assessedBy: uuid("assessed_by").references(() => users.id, { onDelete: "set null" }),
    assessedAt: timestamp("assessed_at", { withTimezone: true }),
  },
  (table) => [
    index("interviews_stand_idx").on(table.standId),
    index("interviews_candidate_idx").on(table.candidateId),
  ],
);
