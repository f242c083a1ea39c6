/**
 * The development mailbox: on the embedded default (no SMTP server set) mail
 * stays in the server process, and fair admins read it here. With SMTP the
 * route answers `not_found`: mail has left for the real mailboxes. The demo's sign-up
 * reads the one message it was told the id of, so a visitor without a mailbox gets in.
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

/**
 * One message the sender was told the id of (sign-up, "send the link again"), for the demo's
 * notice: its words, and the links it carries as in-app paths (`/verify-email/…`).
 */
export const sentMessageSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  to: emailSchema,
  subject: z.string(),
  text: z.string(),
  /** The client pages the message links to, as route paths (`/sign-in`, `/verify-email/…`). */
  links: z.array(z.string()),
});
export type SentMessage = z.infer<typeof sentMessageSchema>;

export const MAILBOX_API = {
  mailbox: defineRoute({
    method: "GET",
    path: "/api/admin/mailbox",
    answer: mailboxSchema,
    summary: "The development mailbox (fair admins; only without SMTP_URL, never in production).",
  }),
  sentMessage: defineRoute({
    method: "GET",
    path: "/api/dev-mailbox/:messageId",
    params: z.object({ messageId: z.uuid() }),
    answer: sentMessageSchema,
    summary:
      "One message of the development mailbox whose id its sender was given (sign-up, resend): anyone holding the id may read it. Only without SMTP_URL, never in production; `not_found` otherwise.",
  }),
} as const;
