/**
 * Tables owned by the availability domain: the interview slots stand staff
 * publish, the candidates' bookings of them, and staff's invitations to book.
 * The walk-in queue asks this domain who is free when (a recruiter with a
 * booked slot due is not offered walk-ins whose interview would overlap it).
 *
 * A slot is one recruiter's (`recruiter_id`) or the stand's (null: whoever of
 * its staff is free). A live booking holds its slot alone: the partial unique
 * index `slot_bookings_one_live_idx` makes a double booking impossible however
 * many requests race.
 */
import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { BOOKING_STATUSES } from "@crossfair/shared";
import { users } from "../auth/auth.schema.js";
import { stands } from "../stand/stand.schema.js";

export const bookingStatus = pgEnum("booking_status", BOOKING_STATUSES);

export const interviewSlots = pgTable(
  "interview_slots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    standId: uuid("stand_id")
      .notNull()
      .references(() => stands.id, { onDelete: "cascade" }),
    /** The recruiter who holds it; null for a slot of the stand (whoever is free). */
    recruiterId: uuid("recruiter_id").references(() => users.id, { onDelete: "cascade" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Staff took the slot back; its live booking (if any) was cancelled with it. */
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
  },
  (table) => [
    index("interview_slots_stand_idx").on(table.standId, table.startsAt),
    index("interview_slots_recruiter_idx").on(table.recruiterId, table.startsAt),
  ],
);

export const slotBookings = pgTable(
  "slot_bookings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slotId: uuid("slot_id")
      .notNull()
      .references(() => interviewSlots.id, { onDelete: "cascade" }),
    standId: uuid("stand_id")
      .notNull()
      .references(() => stands.id, { onDelete: "cascade" }),
    candidateId: uuid("candidate_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: bookingStatus("status").notNull().default("booked"),
    bookedAt: timestamp("booked_at", { withTimezone: true }).notNull().defaultNow(),
    /** Set with status `cancelled`: who cancelled (the candidate, or staff). */
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    cancelledBy: uuid("cancelled_by").references(() => users.id, { onDelete: "set null" }),
    /** When the candidate was called at slot time; the interview it became, if accepted. */
    calledAt: timestamp("called_at", { withTimezone: true }),
    interviewId: uuid("interview_id"),
  },
  (table) => [
    uniqueIndex("slot_bookings_one_live_idx")
      .on(table.slotId)
      .where(sql`${table.status} <> 'cancelled'`),
    index("slot_bookings_candidate_idx").on(table.candidateId),
    index("slot_bookings_stand_idx").on(table.standId),
  ],
);

/** Staff asked a (preselected) applicant to book a slot at their stand. */
export const bookingInvitations = pgTable(
  "booking_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    standId: uuid("stand_id")
      .notNull()
      .references(() => stands.id, { onDelete: "cascade" }),
    candidateId: uuid("candidate_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    invitedAt: timestamp("invited_at", { withTimezone: true }).notNull().defaultNow(),
    message: text("message").notNull().default(""),
  },
  (table) => [index("booking_invitations_candidate_idx").on(table.candidateId, table.standId)],
);
