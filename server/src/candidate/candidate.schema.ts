/**
 * Tables owned by the candidate domain: the profile a candidate may share with
 * stands, and the consents that say which stand may see it.
 */
import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { CefrLevel, Language } from "@crossfair/shared";
import { users } from "../auth/auth.schema.js";
import { stands } from "../stand/stand.schema.js";

export const candidateProfiles = pgTable("candidate_profiles", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  country: text("country").notNull(),
  region: text("region").notNull(),
  languages: jsonb("languages").$type<{ language: Language; level: CefrLevel }[]>().notNull(),
  sectors: jsonb("sectors").$type<string[]>().notNull(),
  pitch: text("pitch").notNull().default(""),
  /** When the candidate can start, in their own words. */
  availability: text("availability").notNull().default(""),
  contactPhone: text("contact_phone"),
  /** Generated file name under `<DATA_DIR>/cvs/`; never a name the user chose. */
  cvFile: text("cv_file"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A candidate's consent to show their profile to one stand; revocable, never deleted silently. */
export const profileConsents = pgTable(
  "profile_consents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    candidateId: uuid("candidate_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    standId: uuid("stand_id")
      .notNull()
      .references(() => stands.id, { onDelete: "cascade" }),
    givenAt: timestamp("given_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (table) => [
    index("profile_consents_pair_idx").on(table.candidateId, table.standId),
    // At most one consent in force per candidate and stand, kept by the database itself.
    uniqueIndex("profile_consents_active_idx")
      .on(table.candidateId, table.standId)
      .where(sql`${table.revokedAt} is null`),
  ],
);
