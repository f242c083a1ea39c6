/**
 * Tables owned by the auth domain: accounts (with their suspension), sign-in
 * sessions and the tokens of emailed links.
 */
import { index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { USER_ROLES, type Language } from "@crossfair/shared";

export const userRole = pgEnum("user_role", USER_ROLES);

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** Stored lower-cased; unique. */
  email: text("email").notNull().unique(),
  passwordHash: text("password_hash").notNull(),
  displayName: text("display_name").notNull(),
  role: userRole("role").notNull(),
  uiLanguage: text("ui_language").$type<Language>().notNull().default("en"),
  /** When the person followed the verification link; null until then (nothing is gated on it yet). */
  emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
  /** When a fair admin suspended the account (no sign-in, no session); null in good standing. */
  suspendedAt: timestamp("suspended_at", { withTimezone: true }),
  /** The admin's short reason for the suspension, for the admins who come later; null when none. */
  suspensionReason: text("suspension_reason"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const sessions = pgTable(
  "sessions",
  {
    /** SHA-256 of the session token; the token itself only lives in the cookie. */
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (table) => [index("sessions_user_idx").on(table.userId)],
);

export const ACCOUNT_TOKEN_PURPOSES = ["password_reset", "email_verification"] as const;
export const accountTokenPurpose = pgEnum("account_token_purpose", ACCOUNT_TOKEN_PURPOSES);

/**
 * One-time tokens of emailed links (password reset, email verification). Like
 * sessions, only the SHA-256 is kept; a token is used by deleting its row, so
 * it works once.
 */
export const accountTokens = pgTable(
  "account_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: accountTokenPurpose("purpose").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (table) => [
    index("account_tokens_user_idx").on(table.userId, table.purpose),
    // Each new token sweeps the expired ones.
    index("account_tokens_expiry_idx").on(table.expiresAt),
  ],
);
