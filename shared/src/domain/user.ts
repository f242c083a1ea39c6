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

/** A secret token from an emailed link (base64url, as the server makes them). */
export const linkTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, "not a link token");

/** "Forgot password": always answered the same, whether or not the email has an account. */
export const passwordForgotBodySchema = z.object({ email: emailSchema });
export type PasswordForgotBody = z.infer<typeof passwordForgotBodySchema>;

/** A new password from the one-time link of a reset mail. */
export const passwordResetBodySchema = z.object({
  token: linkTokenSchema,
  password: signUpBodySchema.shape.password,
});
export type PasswordResetBody = z.infer<typeof passwordResetBodySchema>;

/** A signed-in user changes their password; the current one proves it is them. */
export const passwordChangeBodySchema = z.object({
  currentPassword: signInBodySchema.shape.password,
  newPassword: signUpBodySchema.shape.password,
});
export type PasswordChangeBody = z.infer<typeof passwordChangeBodySchema>;

/** "Send the link again": the email whose verification mail went missing. */
export const verificationResendBodySchema = z.object({ email: emailSchema });
export type VerificationResendBody = z.infer<typeof verificationResendBodySchema>;

/** The token of the link in the verification mail. */
export const emailVerifyBodySchema = z.object({ token: linkTokenSchema });
export type EmailVerifyBody = z.infer<typeof emailVerifyBodySchema>;
