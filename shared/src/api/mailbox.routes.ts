/**
 * The development mailbox: on the embedded default (no SMTP server set) mail
 * stays in the server process, and fair admins read it here. With SMTP the
 * route answers `not_found`: mail has left for the real mailboxes.
 */
import { z } from "zod";
import { languageSchema } from "../domain/language.js";
import { emailSchema } from "../domain/user.js";
import { defineRoute } from "./contract.js";

export const keptMailSchema = z.object({
  id: z.uuid(),
  sentAt: z.iso.datetime({ offset: true }),
  /** Which message it is: `passwordReset`, `emailVerification`, … */
  kind: z.string(),
  to: emailSchema,
  language: languageSchema,
  subject: z.string(),
  /** The plain-text part (the HTML part carries the same words). */
  text: z.string(),
});
export type KeptMail = z.infer<typeof keptMailSchema>;

export const mailboxSchema = z.object({
  /** Newest first, the last 200 at most. */
  messages: z.array(keptMailSchema),
});
export type Mailbox = z.infer<typeof mailboxSchema>;

export const MAILBOX_API = {
  mailbox: defineRoute({
    method: "GET",
    path: "/api/admin/mailbox",
    answer: mailboxSchema,
    summary: "The development mailbox (fair admins; only without SMTP_URL, never in production).",
  }),
} as const;
