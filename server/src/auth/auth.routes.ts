/**
 * Sign-in, sign-out and "who am I", with the session in an httpOnly cookie;
 * sign-up, which answers "check your email" whoever the email belongs to, and
 * its verification link, which signs the person in; and the account's
 * lifecycle: password reset by an emailed link, password change, signing out
 * everywhere.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FastifyReply, FastifyRequest } from "fastify";
import { AUTH_API, ErrorCode } from "@crossfair/shared";
import { contractRoute } from "../plugins/contract-route.js";
import { AppError } from "../plugins/errors.js";
import type { AuthService } from "./auth.service.js";
import type { SignUpService } from "./sign-up.service.js";

export const SESSION_COOKIE = "cf_session";

export interface SessionCookieOptions {
  secureCookies: boolean;
  sessionTtlHours: number;
}

/** Signs the browser in: the session token in an httpOnly cookie (every route that opens a session). */
export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  options: SessionCookieOptions,
): FastifyReply {
  return reply.setCookie(SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: options.secureCookies,
    maxAge: options.sessionTtlHours * 3600,
  });
}

/**
 * Guessing passwords or mass-creating accounts: a few tries per minute per
 * address. Every route that signs in or creates an account uses this.
 */
export const attemptsPerMinute = (max: number) => ({
  rateLimit: { max, timeWindow: "1 minute" },
});

export interface AuthRoutesOptions extends SessionCookieOptions {
  auth: AuthService;
  signUps: SignUpService;
  /** Sign-in and sign-up attempts allowed per minute and client address. */
  signInPerMinute: number;
  /** Sign-in attempts allowed per quarter hour and account, from any address. */
  signInPerAccount: number;
}

export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, options) => {
  const { auth, signUps } = options;

  const setSession = (reply: FastifyReply, token: string) =>
    setSessionCookie(reply, token, options);
  const limited = attemptsPerMinute(options.signInPerMinute);
  // Per account as well: guesses spread over many addresses still meet one limit. (A second
  // route-level limiter would not run: the library runs one per request.)
  const limitPerEmail = (purpose: string, what: string) => {
    const perAccount = app.createRateLimit({
      max: options.signInPerAccount,
      timeWindow: "15 minutes",
      keyGenerator: (request) =>
        `${purpose}:${String((request.body as { email?: unknown } | undefined)?.email ?? "")
          .trim()
          .toLowerCase()}`,
    });
    return async (request: FastifyRequest) => {
      const limit = await perAccount(request);
      if (!limit.isAllowed && limit.isExceeded) {
        throw new AppError(
          ErrorCode.rateLimited,
          `too many ${what} for this account; try again in ${Math.ceil(limit.ttlInSeconds / 60)} min`,
        );
      }
    };
  };
  const limitPerAccount = limitPerEmail("sign-in", "sign-in attempts");
  // Reset mails to one address are limited like sign-ins: nobody can flood a mailbox.
  const limitResetsPerAccount = limitPerEmail("password-forgot", "reset requests");
  // So are the mails sign-up and "send the link again" send to one address.
  const limitSignUpsPerAccount = limitPerEmail("sign-up", "sign-ups");
  const limitResendsPerAccount = limitPerEmail("verification-resend", "verification requests");

  contractRoute(
    app,
    AUTH_API.signIn,
    { config: limited, preHandler: limitPerAccount },
    async (request, reply) => {
      const { user, token } = await auth.signIn(request.body.email, request.body.password);
      setSession(reply, token);
      return { user };
    },
  );

  // The same answer, no cookie, for a new email and a taken one (sign-up.service.ts).
  contractRoute(
    app,
    AUTH_API.signUp,
    { config: limited, preHandler: limitSignUpsPerAccount },
    async (request, reply) => reply.status(202).send(await signUps.signUp(request.body)),
  );

  contractRoute(
    app,
    AUTH_API.resendVerification,
    { config: limited, preHandler: limitResendsPerAccount },
    async (request, reply) => {
      const resend = signUps.resendVerification(request.body.email);
      // With real mail, answered before the lookup ends: the same answer, as fast, for every
      // email. Only the development mailbox waits, to name the message it kept.
      if (!signUps.answersNameMessages) {
        resend.catch((error: unknown) => {
          request.log.error({ err: error }, "a verification mail could not be prepared");
        });
        return reply.status(202).send(signUps.resendAnswer(undefined));
      }
      return reply.status(202).send(signUps.resendAnswer(await resend));
    },
  );

  contractRoute(app, AUTH_API.signOut, {}, async (request, reply) => {
    await auth.signOut(request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.status(204).send();
  });

  contractRoute(app, AUTH_API.signOutEverywhere, {}, async (request, reply) => {
    await auth.signOutEverywhere(request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.status(204).send();
  });

  contractRoute(
    app,
    AUTH_API.passwordForgot,
    { config: limited, preHandler: limitResetsPerAccount },
    async (request, reply) => {
      // Answered before the lookup ends: the same answer, as fast, for every email.
      auth.requestPasswordReset(request.body.email).catch((error: unknown) => {
        request.log.error({ err: error }, "a password reset could not be prepared");
      });
      return reply.status(204).send();
    },
  );

  contractRoute(app, AUTH_API.passwordReset, { config: limited }, async (request, reply) => {
    await auth.resetPassword(request.body);
    return reply.status(204).send();
  });

  // Limited like sign-in: the current password could otherwise be guessed from a stolen session.
  contractRoute(app, AUTH_API.passwordChange, { config: limited }, async (request, reply) => {
    await auth.changePassword(request.cookies[SESSION_COOKIE], request.body);
    return reply.status(204).send();
  });

  // Following the link signs the person in: sign up, open the mail, and you are in.
  contractRoute(app, AUTH_API.verifyEmail, { config: limited }, async (request, reply) => {
    const { user, token } = await signUps.verifyEmail(request.body.token);
    setSession(reply, token);
    return { user };
  });

  contractRoute(app, AUTH_API.me, {}, async (request) => {
    const user = await auth.userForToken(request.cookies[SESSION_COOKIE]);
    if (!user) throw new AppError(ErrorCode.unauthenticated, "not signed in");
    return { user };
  });

  // The app's boot check: nobody signed in is an answer, not an error (no 401 in the console).
  contractRoute(app, AUTH_API.session, {}, async (request) => ({
    user: await auth.userForToken(request.cookies[SESSION_COOKIE]),
  }));

  contractRoute(app, AUTH_API.updateMe, {}, async (request) => {
    const user = await auth.userForToken(request.cookies[SESSION_COOKIE]);
    if (!user) throw new AppError(ErrorCode.unauthenticated, "not signed in");
    return { user: await auth.updateAccount(user.id, request.body) };
  });
};
