/**
 * HTTP routes of interview assessments (read and write, never for the
 * candidate) and of a stand's interview list for its staff.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  assessmentBodySchema,
  interviewAssessmentSchema,
  interviewIdSchema,
  pageSchema,
  paginationQuerySchema,
  standInterviewSchema,
} from "@crossfair/shared";
import type { Guard } from "../auth/guard.js";
import type { AssessmentService } from "./assessment.service.js";

export interface AssessmentRoutesOptions {
  assessments: AssessmentService;
  guard: Guard;
}

const idParams = z.object({ id: interviewIdSchema });

export const assessmentRoutes: FastifyPluginAsyncZod<AssessmentRoutesOptions> = async (
  app,
  { assessments, guard },
) => {
  app.get(
    "/api/interviews/:id/assessment",
    { schema: { params: idParams, response: { 200: interviewAssessmentSchema } } },
    async (request) => assessments.get(request.params.id, await guard.user(request)),
  );

  app.put(
    "/api/interviews/:id/assessment",
    {
      schema: {
        params: idParams,
        body: assessmentBodySchema,
        response: { 200: interviewAssessmentSchema },
      },
      // Who is asking comes before whether the body is valid.
      preValidation: async (request) => {
        await guard.user(request);
      },
    },
    async (request) => assessments.save(request.params.id, await guard.user(request), request.body),
  );

  app.get(
    "/api/stands/:standId/interviews",
    {
      schema: {
        params: z.object({ standId: z.uuid() }),
        querystring: paginationQuerySchema,
        response: { 200: pageSchema(standInterviewSchema) },
      },
    },
    async (request) => {
      await guard.stand(request, request.params.standId);
      return assessments.forStand(request.params.standId, request.query);
    },
  );
};
