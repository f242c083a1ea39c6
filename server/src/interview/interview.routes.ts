/**
 * HTTP routes of the interview domain: stand staff start an interview with a
 * candidate, participants read it (with each other's display name) and end
 * it, and fair admins inspect a room's open media objects (operations, and
 * the browser test's proof of cleanup).
 */
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ErrorCode,
  interviewIdSchema,
  interviewSchema,
  mediaRoomDiagnosticsSchema,
  participantInterviewSchema,
  startInterviewBodySchema,
  type SessionUser,
} from "@crossfair/shared";
import { SESSION_COOKIE } from "../auth/auth.routes.js";
import type { AuthService } from "../auth/auth.service.js";
import { AppError } from "../plugins/errors.js";
import type { InterviewRooms } from "./interview.rooms.js";
import type { InterviewService } from "./interview.service.js";

export interface InterviewRoutesOptions {
  auth: AuthService;
  interviews: InterviewService;
  rooms: InterviewRooms;
}

const idParams = z.object({ id: interviewIdSchema });
const interviewReply = z.object({ interview: interviewSchema });

export const interviewRoutes: FastifyPluginAsyncZod<InterviewRoutesOptions> = async (
  app,
  { auth, interviews, rooms },
) => {
  const signedIn = async (request: FastifyRequest): Promise<SessionUser> => {
    const user = await auth.userForToken(request.cookies[SESSION_COOKIE]);
    if (!user) throw new AppError(ErrorCode.unauthenticated, "sign in first");
    return user;
  };

  app.post(
    "/api/interviews",
    { schema: { body: startInterviewBodySchema, response: { 201: interviewReply } } },
    async (request, reply) => {
      const user = await signedIn(request);
      const interview = await interviews.start({ ...request.body, recruiterId: user.id });
      return reply.status(201).send({ interview });
    },
  );

  app.get(
    "/api/interviews/:id",
    { schema: { params: idParams, response: { 200: participantInterviewSchema } } },
    async (request) => interviews.participantView(request.params.id, await signedIn(request)),
  );

  app.post(
    "/api/interviews/:id/end",
    { schema: { params: idParams, response: { 200: interviewReply } } },
    async (request) => {
      const user = await signedIn(request);
      return { interview: await interviews.end(request.params.id, user.id) };
    },
  );

  app.get(
    "/api/admin/media/rooms/:id",
    { schema: { params: idParams, response: { 200: mediaRoomDiagnosticsSchema } } },
    async (request) => {
      const user = await signedIn(request);
      if (user.role !== "fair_admin") throw new AppError(ErrorCode.forbidden, "fair admins only");
      const diagnostics = rooms.diagnostics(request.params.id);
      if (!diagnostics) throw new AppError(ErrorCode.notFound, "no media room for this interview");
      return diagnostics;
    },
  );
};
