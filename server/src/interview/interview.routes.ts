/**
 * HTTP routes of the interview domain: participants read an interview (with
 * each other's display name) and end it, and fair admins inspect a live
 * session's open media objects wherever it is placed (operations, and the
 * browser test's proof of cleanup); a candidate lists their own ended
 * interviews (their agenda). Interviews start only from an accepted
 * queue call (queue domain), never from a request here.
 */
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ErrorCode, INTERVIEW_API, type SessionUser } from "@crossfair/shared";
import { SESSION_COOKIE } from "../auth/auth.routes.js";
import type { AuthService } from "../auth/auth.service.js";
import { contractRoute } from "../plugins/contract-route.js";
import { AppError } from "../plugins/errors.js";
import type { InterviewService } from "./interview.service.js";
import type { LiveSessions } from "./session/live-sessions.js";

export interface InterviewRoutesOptions {
  auth: AuthService;
  interviews: InterviewService;
  sessions: LiveSessions;
}

export const interviewRoutes: FastifyPluginAsyncZod<InterviewRoutesOptions> = async (
  app,
  { auth, interviews, sessions },
) => {
  const signedIn = async (request: FastifyRequest): Promise<SessionUser> => {
    const user = await auth.userForToken(request.cookies[SESSION_COOKIE]);
    if (!user) throw new AppError(ErrorCode.unauthenticated, "sign in first");
    return user;
  };

  contractRoute(app, INTERVIEW_API.participantView, {}, async (request) =>
    interviews.participantView(request.params.id, await signedIn(request)),
  );

  contractRoute(app, INTERVIEW_API.end, {}, async (request) => {
    const user = await signedIn(request);
    return { interview: await interviews.end(request.params.id, user.id) };
  });

  contractRoute(
    app,
    INTERVIEW_API.myInterviews,
    // Who is asking comes before whether the query is valid.
    {
      preValidation: async (request) => {
        await signedIn(request);
      },
    },
    async (request) => ({
      interviews: await interviews.endedFor(await signedIn(request), request.query.fairId),
    }),
  );

  contractRoute(app, INTERVIEW_API.mediaRoom, {}, async (request) => {
    const user = await signedIn(request);
    if (user.role !== "fair_admin") throw new AppError(ErrorCode.forbidden, "fair admins only");
    const diagnostics = await sessions.diagnostics(request.params.id);
    if (!diagnostics) throw new AppError(ErrorCode.notFound, "no media room for this interview");
    return diagnostics;
  });
};
