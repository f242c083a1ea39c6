/**
 * Tables owned by the fair domain: organisers, fairs, stands, their staff and
 * vacancies. Texts shown to visitors are stored per language (jsonb).
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
  FAIR_STATUSES,
  STAND_KINDS,
  type CefrLevel,
  type Language,
  type LocalizedText,
} from "@crossfair/shared";
import { users } from "../auth/auth.schema.js";

export const fairStatus = pgEnum("fair_status", FAIR_STATUSES);
export const standKind = pgEnum("stand_kind", STAND_KINDS);
export const contractType = pgEnum("contract_type", CONTRACT_TYPES);
export const approvalStatus = pgEnum("approval_status", ["pending", "approved", "rejected"]);
export const standStaffRole = pgEnum("stand_staff_role", ["stand_admin", "recruiter"]);
export const vacancyStatus = pgEnum("vacancy_status", ["open", "filled", "closed"]);

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
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

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
