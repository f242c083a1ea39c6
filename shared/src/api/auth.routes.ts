/** Declarations of the account routes: sign-in, sign-up, sign-out and "who am I". */
import { z } from "zod";
import {
  accountUpdateBodySchema,
  sessionUserSchema,
  signInBodySchema,
  signUpBodySchema,
} from "../domain/user.js";
import { defineRoute } from "./contract.js";

export const userAnswerSchema = z.object({ user: sessionUserSchema });

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
    answer: userAnswerSchema,
    status: 201,
  }),
  signOut: defineRoute({ method: "POST", path: "/api/auth/sign-out", answer: null }),
  me: defineRoute({ method: "GET", path: "/api/auth/me", answer: userAnswerSchema }),
  updateMe: defineRoute({
    method: "PATCH",
    path: "/api/auth/me",
    body: accountUpdateBodySchema,
    answer: userAnswerSchema,
  }),
} as const;
