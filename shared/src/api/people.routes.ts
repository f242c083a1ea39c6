/**
 * The fair admin's people: finding an account by email or name (paged), and
 * suspending it with a short reason or reinstating it. A suspended account
 * cannot sign in (`account_suspended`), and its sessions end at once.
 */
import { z } from "zod";
import { emailSchema, userRoleSchema } from "../domain/user.js";
import { defineRoute } from "./contract.js";
import { pageSchema, paginationQuerySchema } from "./pagination.js";

const noNul = (value: string) => !value.includes("\u0000");

export const personSchema = z.object({
  id: z.uuid(),
  email: emailSchema,
  displayName: z.string(),
  role: userRoleSchema,
  createdAt: z.iso.datetime({ offset: true }),
  /** When the account was suspended; null while it is in good standing. */
  suspendedAt: z.iso.datetime({ offset: true }).nullable(),
  /** The admin's short reason, kept while the account is suspended. */
  suspensionReason: z.string().nullable(),
});
export type Person = z.infer<typeof personSchema>;

export const peopleQuerySchema = paginationQuerySchema.extend({
  /** Part of an email or a name, any case; empty lists everyone. */
  query: z.string().trim().max(200).refine(noNul, "no NUL characters").default(""),
});
export type PeopleQuery = z.infer<typeof peopleQuerySchema>;

export const personParamsSchema = z.object({ userId: z.uuid() });

/** The reason says why to the admins who come later; it is never shown to the person. */
export const SUSPENSION_REASON_MAX = 500;

/** Suspends (with a reason) or reinstates an account. */
export const suspensionBodySchema = z
  .object({
    suspended: z.boolean(),
    reason: z
      .string()
      .trim()
      .min(1)
      .max(SUSPENSION_REASON_MAX)
      .refine(noNul, "no NUL characters")
      .optional(),
  })
  .refine((body) => !body.suspended || body.reason !== undefined, {
    message: "a suspension needs a reason",
    path: ["reason"],
  });
export type SuspensionBody = z.infer<typeof suspensionBodySchema>;

export const personAnswerSchema = z.object({ person: personSchema });

export const PEOPLE_API = {
  people: defineRoute({
    method: "GET",
    path: "/api/admin/people",
    query: peopleQuerySchema,
    answer: pageSchema(personSchema),
    summary: "Accounts whose email or name holds the query, newest first (fair admins).",
  }),
  suspension: defineRoute({
    method: "POST",
    path: "/api/admin/people/:userId/suspension",
    params: personParamsSchema,
    body: suspensionBodySchema,
    answer: personAnswerSchema,
    summary:
      "Suspends an account (every session ends, its queue places end on record, sign-in is refused) or reinstates it (fair admins; never their own).",
  }),
} as const;
