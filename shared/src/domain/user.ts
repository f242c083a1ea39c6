/** Accounts and the roles they hold. */
import { z } from "zod";
import { languageSchema } from "./language.js";

export const USER_ROLES = ["candidate", "recruiter", "stand_admin", "fair_admin"] as const;
export const userRoleSchema = z.enum(USER_ROLES);
export type UserRole = z.infer<typeof userRoleSchema>;

export const emailSchema = z.email().max(254);

export const signInBodySchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(1024),
});
export type SignInBody = z.infer<typeof signInBodySchema>;

export const sessionUserSchema = z.object({
  id: z.uuid(),
  email: emailSchema,
  displayName: z.string(),
  role: userRoleSchema,
  uiLanguage: languageSchema,
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const signUpBodySchema = z.object({
  email: emailSchema,
  /** Length over composition rules, as NIST SP 800-63B recommends. */
  password: z.string().min(10, "at least 10 characters").max(1024),
  // PostgreSQL's text cannot hold NUL; refused here rather than failing in the database.
  displayName: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .refine((value) => !value.includes("\u0000"), "no NUL characters"),
  uiLanguage: languageSchema.default("en"),
});
export type SignUpBody = z.infer<typeof signUpBodySchema>;

/** What a signed-in user may change about their own account; send only what changes. */
export const accountUpdateBodySchema = z
  .object({
    displayName: signUpBodySchema.shape.displayName,
    uiLanguage: languageSchema,
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: "nothing to change" });
export type AccountUpdateBody = z.infer<typeof accountUpdateBodySchema>;
