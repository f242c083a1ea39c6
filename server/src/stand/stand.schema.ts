/**
 * Tables owned by the stand domain: stands at a fair, their staff, vacancies
 * (texts per language, with the languages each asks for), invitation links to
 * a stand's staff and the screening questions candidates answer when joining
 * the queue (the answers are the queue domain's).
 */
import {
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
  CONTRACT_TYPES,
  STAND_KINDS,
  STAND_STAFF_ROLES,
  VACANCY_STATUSES,
  type CefrLevel,
  type Language,
  type LocalizedText,
  type StandDocument,
} from "@crossfair/shared";
import { users } from "../auth/auth.schema.js";
import { approvalStatus, fairs } from "../fair/fair.schema.js";

export const standKind = pgEnum("stand_kind", STAND_KINDS);
export const contractType = pgEnum("contract_type", CONTRACT_TYPES);
export const standStaffRole = pgEnum("stand_staff_role", STAND_STAFF_ROLES);
export const vacancyStatus = pgEnum("vacancy_status", VACANCY_STATUSES);

export const stands = pgTable(
  "stands",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    fairId: uuid("fair_id")
      .notNull()
      .references(() => fairs.id, { onDelete: "cascade" }),
    kind: standKind("kind").notNull(),
    organisationName: text("organisation_name").notNull(),
    description: jsonb("description").$type<LocalizedText>().notNull(),
    sector: text("sector").notNull(),
    country: text("country").notNull(),
    region: text("region").notNull(),
    languages: jsonb("languages").$type<Language[]>().notNull(),
    logoUrl: text("logo_url"),
    /** Brochures and links shown on the stand page. */
    documents: jsonb("documents").$type<StandDocument[]>().notNull().default([]),
    approvalStatus: approvalStatus("approval_status").notNull().default("pending"),
    /** How long an interview here lasts: a walk-in's, and the length its timer counts down. */
    interviewMinutes: integer("interview_minutes").notNull().default(15),
    /** Live bookings one candidate may hold at this stand at once. */
    bookingsPerCandidate: integer("bookings_per_candidate").notNull().default(1),
    /** A candidate may cancel a booking until this long before its slot. */
    bookingCutoffMinutes: integer("booking_cutoff_minutes").notNull().default(60),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("stands_fair_idx").on(table.fairId)],
);

export const standStaff = pgTable(
  "stand_staff",
  {
    standId: uuid("stand_id")
      .notNull()
      .references(() => stands.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: standStaffRole("role").notNull(),
    /** Languages this staff member interviews in. */
    languages: jsonb("languages").$type<Language[]>().notNull(),
  },
  (table) => [primaryKey({ columns: [table.standId, table.userId] })],
);

export const vacancies = pgTable(
  "vacancies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    standId: uuid("stand_id")
      .notNull()
      .references(() => stands.id, { onDelete: "cascade" }),
    title: jsonb("title").$type<LocalizedText>().notNull(),
    description: jsonb("description").$type<LocalizedText>().notNull(),
    /** The language the vacancy was written in; translations never overwrite it. */
    originalLanguage: text("original_language").$type<Language>().notNull(),
    sector: text("sector").notNull(),
    country: text("country").notNull(),
    region: text("region").notNull(),
    contractType: contractType("contract_type").notNull(),
    openings: integer("openings").notNull().default(1),
    requiredLanguages: jsonb("required_languages")
      .$type<{ language: Language; level: CefrLevel }[]>()
      .notNull(),
    status: vacancyStatus("status").notNull().default("open"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("vacancies_stand_idx").on(table.standId)],
);

/** A link a stand admin or fair admin sends so a colleague can join a stand's staff. */
export const standInvitations = pgTable(
  "stand_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    standId: uuid("stand_id")
      .notNull()
      .references(() => stands.id, { onDelete: "cascade" }),
    /** SHA-256 of the token; the token itself is only in the link. */
    tokenHash: text("token_hash").notNull().unique(),
    role: standStaffRole("role").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedBy: uuid("accepted_by").references(() => users.id, { onDelete: "set null" }),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
  },
  (table) => [index("stand_invitations_stand_idx").on(table.standId)],
);

export const screeningQuestions = pgTable(
  "screening_questions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    standId: uuid("stand_id")
      .notNull()
      .references(() => stands.id, { onDelete: "cascade" }),
    question: jsonb("question").$type<LocalizedText>().notNull(),
    position: integer("position").notNull().default(0),
    /**
     * Set when the stand admin takes the question off the list: it is no
     * longer asked, but the answers already given still show to its staff
     * (and in the candidate's data export), so the row stays.
     */
    removedAt: timestamp("removed_at", { withTimezone: true }),
  },
  (table) => [index("screening_questions_stand_idx").on(table.standId)],
);
