/**
 * Tables owned by the fair domain: organisers, fairs, stands, their staff and
 * vacancies. Texts shown to visitors are stored per language (jsonb).
 */
import {
  boolean,
  index,
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
  CONTRACT_TYPES,
  FAIR_STATUSES,
  STAND_KINDS,
  STAND_STAFF_ROLES,
  VACANCY_STATUSES,
  type CefrLevel,
  type Language,
  type LocalizedText,
  type OpeningHours,
  type StandDocument,
} from "@crossfair/shared";
import { users } from "../auth/auth.schema.js";

export const fairStatus = pgEnum("fair_status", FAIR_STATUSES);
export const standKind = pgEnum("stand_kind", STAND_KINDS);
export const contractType = pgEnum("contract_type", CONTRACT_TYPES);
export const approvalStatus = pgEnum("approval_status", APPROVAL_STATUSES);
export const standStaffRole = pgEnum("stand_staff_role", STAND_STAFF_ROLES);
export const vacancyStatus = pgEnum("vacancy_status", VACANCY_STATUSES);

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
