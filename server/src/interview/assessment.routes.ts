/**
 * HTTP routes of interview assessments (read and write, never for the
 * candidate) and of a stand's interview list for its staff.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { INTERVIEW_API } from "@crossfair/shared";
import type { Guard } from "../auth/guard.js";
import { contractRoute } from "../plugins/contract-route.js";
import type { AssessmentService } from "./assessment.service.js";

export interface AssessmentRoutesOptions {
  assessments: AssessmentService;
  guard: Guard;
}

export const assessmentRoutes: FastifyPluginAsyncZod<AssessmentRoutesOptions> = async (
  app,
  { assessments, guard },
) => {
  contractRoute(app, INTERVIEW_API.assessment, {}, async (request) =>
    assessments.get(request.params.id, await guard.user(request)),
  );

  contractRoute(
    app,
    INTERVIEW_API.saveAssessment,
    {
      // Who is asking comes before whether the body is valid.
      preValidation: async (request) => {
        await guard.user(request);
      },
    },
    async (request) => assessments.save(request.params.id, await guard.user(request), request.body),
  );

  contractRoute(app, INTERVIEW_API.standInterviews, {}, async (request) => {
    await guard.stand(request, request.params.standId);
    return assessments.forStand(request.params.standId, request.query);
  });
};
