/**
 * Declarations of the account routes: sign-in, sign-up, sign-out, "who am
 * I" (and the boot-time session check, which answers nobody without a 401), and the account's
 * lifecycle by email (password reset, verification, which signs the person in),
 * password change and signing out everywhere.
 */
import { z } from "zod";
import {
  accountUpdateBodySchema,
  emailVerifyBodySchema,
  passwordChangeBodySchema,
  passwordForgotBodySchema,
  passwordResetBodySchema,
  verificationResendBodySchema,
  sessionUserSchema,
  signInBodySchema,
  signUpBodySchema,
} from "../domain/user.js";
import { defineRoute } from "./contract.js";

export const userAnswerSchema = z.object({ user: sessionUserSchema });
/**
 * What sign-up and "send the link again" answer, whoever the email belongs to: check your
 * mail. `devMailbox` only where mail stays in the development mailbox and the server is not
 * in production: the id of the message just sent, readable once by whoever holds the id
 * (`MAILBOX_API.sentMessage`), so a demo visitor who cannot read mail is not stuck.
 */
export const checkEmailAnswerSchema = z.object({
  status: z.literal("check_email"),
  devMailbox: z.object({ messageId: z.uuid() }).optional(),
});
export type CheckEmailAnswer = z.infer<typeof checkEmailAnswerSchema>;

/** The boot-time answer: who the cookie belongs to, or nobody (not an error). */
export const sessionAnswerSchema = z.object({ user: sessionUserSchema.nullable() });

export const AUTH_API = {
  signIn: defineRoute({
    method: "POST",
    path: "/api/auth/sign-in",
    body: signInBodySchema,
    answer: userAnswerSchema,
  }),
  signUp: defineRoute({
    method: "POST",
    path: "/api/auth/sign-up",
    body: signUpBodySchema,
    answer: checkEmailAnswerSchema,
    status: 202,
    summary:
      "Creates an unverified candidate account and mails its verification link; an email that has an account gets a mail saying so instead. The same answer either way, and nobody is signed in.",
  }),
  signOut: defineRoute({ method: "POST", path: "/api/auth/sign-out", answer: null }),
  me: defineRoute({ method: "GET", path: "/api/auth/me", answer: userAnswerSchema }),
  session: defineRoute({
    method: "GET",
    path: "/api/auth/session",
    answer: sessionAnswerSchema,
    summary:
      "Who the session cookie belongs to, or `user: null` when nobody is signed in (200 either way, for the app's boot; `me` answers 401 instead).",
  }),
  updateMe: defineRoute({
    method: "PATCH",
    path: "/api/auth/me",
    body: accountUpdateBodySchema,
    answer: userAnswerSchema,
  }),
  passwordForgot: defineRoute({
    method: "POST",
    path: "/api/auth/password/forgot",
    body: passwordForgotBodySchema,
    answer: null,
    summary:
      "Mails a one-time reset link if the email has an account; answers the same either way.",
  }),
  passwordReset: defineRoute({
    method: "POST",
    path: "/api/auth/password/reset",
    body: passwordResetBodySchema,
    answer: null,
    summary: "Sets a new password from a reset link's token and ends every session of the account.",
  }),
  passwordChange: defineRoute({
    method: "POST",
    path: "/api/auth/password/change",
    body: passwordChangeBodySchema,
    answer: null,
    summary: "Changes the signed-in user's password and ends their other sessions.",
  }),
  signOutEverywhere: defineRoute({
    method: "POST",
    path: "/api/auth/sign-out-everywhere",
    answer: null,
    summary: "Ends every session of the signed-in user, this one included.",
  }),
  verifyEmail: defineRoute({
    method: "POST",
    path: "/api/auth/email/verify",
    body: emailVerifyBodySchema,
    answer: userAnswerSchema,
    summary:
      "Marks the account's email verified from the verification link's token (once) and signs the person in.",
  }),
  resendVerification: defineRoute({
    method: "POST",
    path: "/api/auth/email/resend",
    body: verificationResendBodySchema,
    answer: checkEmailAnswerSchema,
    status: 202,
    summary:
      "Mails a new verification link if the email has an unverified account; answers the same either way.",
  }),
} as const;
