/**
 * Tables owned by the fair domain: organisers, fairs with their schedule and
 * organisers, and candidates' registrations to a fair. Texts shown to
 * visitors are stored per language (jsonb). Stands are the stand domain's
 * (stand/stand.schema.ts).
 */
import {
  boolean,
  integer,
  uniqueIndex,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import {
  APPROVAL_STATUSES,
  FAIR_STATUSES,
  type Language,
  type LocalizedText,
  type OpeningHours,
} from "@crossfair/shared";
import { users } from "../auth/auth.schema.js";

export const fairStatus = pgEnum("fair_status", FAIR_STATUSES);
export const approvalStatus = pgEnum("approval_status", APPROVAL_STATUSES);

export const organisers = pgTable("organisers", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  country: text("country").notNull(),
  website: text("website"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const fairs = pgTable("fairs", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  name: jsonb("name").$type<LocalizedText>().notNull(),
  description: jsonb("description").$type<LocalizedText>().notNull(),
  timeZone: text("time_zone").notNull(),
  startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
  endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
  languages: jsonb("languages").$type<Language[]>().notNull(),
  status: fairStatus("status").notNull().default("draft"),
  /** How many stand queues one candidate may wait in at once. */
  queueCapPerCandidate: integer("queue_cap_per_candidate").notNull().default(3),
  /** When candidates may register; null means "from creation" / "until the fair ends". */
  registrationOpensAt: timestamp("registration_opens_at", { withTimezone: true }),
  registrationClosesAt: timestamp("registration_closes_at", { withTimezone: true }),
  /** Opening hours per fair day, local to `timeZone`. */
  openingHours: jsonb("opening_hours").$type<OpeningHours[]>().notNull().default([]),
  /** Whether candidate registrations wait for the organiser's pre-screening. */
  registrationNeedsApproval: boolean("registration_needs_approval").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A candidate's registration to a fair, pre-screened by the organiser. */
export const fairRegistrations = pgTable(
  "fair_registrations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    fairId: uuid("fair_id")
      .notNull()
      .references(() => fairs.id, { onDelete: "cascade" }),
    candidateId: uuid("candidate_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: approvalStatus("status").notNull().default("pending"),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("fair_registrations_pair_idx").on(table.fairId, table.candidateId)],
);

export const fairOrganisers = pgTable(
  "fair_organisers",
  {
    fairId: uuid("fair_id")
      .notNull()
      .references(() => fairs.id, { onDelete: "cascade" }),
    organiserId: uuid("organiser_id")
      .notNull()
      .references(() => organisers.id, { onDelete: "cascade" }),
  },
  (table) => [primaryKey({ columns: [table.fairId, table.organiserId] })],
);
