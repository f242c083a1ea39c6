/** HTTP routes around the live queue: a stand's screening questions and a staff member's stands. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorCode, myStandsSchema, screeningQuestionsSchema } from "@crossfair/shared";
import type { AuthService } from "../auth/auth.service.js";
import { SESSION_COOKIE } from "../auth/auth.routes.js";
import { AppError } from "../plugins/errors.js";
import type { QueueRepository } from "./queue.repository.js";

export interface QueueRoutesOptions {
  repository: QueueRepository;
  auth: AuthService;
}

export const queueRoutes: FastifyPluginAsyncZod<QueueRoutesOptions> = async (app, options) => {
  app.get(
    "/api/stands/:standId/screening-questions",
    {
      schema: {
        params: z.object({ standId: z.uuid() }),
        response: { 200: screeningQuestionsSchema },
      },
    },
    async (request) => {
      const stand = await options.repository.standInfo(request.params.standId);
      if (!stand || !stand.approved) throw new AppError(ErrorCode.notFound, "no such stand");
      return { questions: stand.questions };
    },
  );

  app.get("/api/me/stands", { schema: { response: { 200: myStandsSchema } } }, async (request) => {
    const user = await options.auth.userForToken(request.cookies[SESSION_COOKIE]);
    if (!user) throw new AppError(ErrorCode.unauthenticated, "not signed in");
    return { stands: await options.repository.standsOf(user.id) };
  });
};
