/**
 * HTTP routes around the live queue: a stand's screening questions as candidates
 * are asked them (edited by the stand domain's screening routes) and a staff
 * member's stands.
 */
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ErrorCode, QUEUE_API } from "@crossfair/shared";
import type { AuthService } from "../auth/auth.service.js";
import { SESSION_COOKIE } from "../auth/auth.routes.js";
import type { Guard } from "../auth/guard.js";
import { contractRoute } from "../plugins/contract-route.js";
import { AppError } from "../plugins/errors.js";
import type { QueueRepository } from "./queue.repository.js";

export interface QueueRoutesOptions {
  repository: QueueRepository;
  auth: AuthService;
  guard: Guard;
}

export const queueRoutes: FastifyPluginAsyncZod<QueueRoutesOptions> = async (app, options) => {
  contractRoute(app, QUEUE_API.screeningQuestions, {}, async (request) => {
    const { standId } = request.params;
    const stand = await options.repository.standInfo(standId);
    // A stand waiting for approval is hidden, except from its staff preparing it.
    if (!stand || (!stand.approved && !(await mayPrepare(options.guard, request, standId)))) {
      throw new AppError(ErrorCode.notFound, "no such stand");
    }
    return { questions: stand.questions };
  });

  contractRoute(app, QUEUE_API.myStands, {}, async (request) => {
    const user = await options.auth.userForToken(request.cookies[SESSION_COOKIE]);
    if (!user) throw new AppError(ErrorCode.unauthenticated, "not signed in");
    return { stands: await options.repository.standsOf(user.id) };
  });
};

/** Whether the user is on the stand's staff or runs the fair. */
async function mayPrepare(guard: Guard, request: FastifyRequest, standId: string) {
  const user = await guard.optionalUser(request);
  if (!user) return false;
  return user.role === "fair_admin" || (await guard.standRoleOf(user.id, standId)) !== null;
}
