/**
 * HTTP routes of applications: candidates apply, follow and withdraw theirs;
 * stand staff (or a fair admin) list a stand's applications, one candidate's
 * applications during an interview, and move them along the pipeline.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  applicationStatusBodySchema,
  applyBodySchema,
  myApplicationSchema,
  myApplicationsSchema,
  pageSchema,
  staffApplicationSchema,
  staffApplicationsSchema,
  standApplicationsQuerySchema,
} from "@crossfair/shared";
import type { Guard } from "../auth/guard.js";
import type { ApplicationService } from "./application.service.js";

export interface ApplicationRoutesOptions {
  applications: ApplicationService;
  guard: Guard;
}

const idParams = z.object({ id: z.uuid() });

export const applicationRoutes: FastifyPluginAsyncZod<ApplicationRoutesOptions> = async (
  app,
  { applications, guard },
) => {
  // ---- candidates --------------------------------------------------------------

  app.post(
    "/api/vacancies/:vacancyId/applications",
    {
      schema: {
        params: z.object({ vacancyId: z.uuid() }),
        body: applyBodySchema,
        response: { 201: myApplicationSchema },
      },
      // Who is asking comes before whether the body is valid.
      preValidation: async (request) => {
        await guard.role(request, "candidate");
      },
    },
    async (request, reply) => {
      const user = await guard.role(request, "candidate");
      const application = await applications.apply(
        user.id,
        request.params.vacancyId,
        request.body.message,
      );
      return reply.status(201).send(application);
    },
  );

  app.get(
    "/api/me/applications",
    { schema: { response: { 200: myApplicationsSchema } } },
    async (request) => {
      const user = await guard.role(request, "candidate");
      return { applications: await applications.mine(user.id) };
    },
  );

  app.post(
    "/api/applications/:id/withdraw",
    { schema: { params: idParams, response: { 200: myApplicationSchema } } },
    async (request) => {
      const user = await guard.role(request, "candidate");
      return applications.withdraw(user.id, request.params.id);
    },
  );

  // ---- stand staff ---------------------------------------------------------------

  app.get(
    "/api/stands/:standId/applications",
    {
      schema: {
        params: z.object({ standId: z.uuid() }),
        querystring: standApplicationsQuerySchema,
        response: { 200: pageSchema(staffApplicationSchema) },
      },
    },
    async (request) => {
      await guard.stand(request, request.params.standId);
      return applications.forStand(request.params.standId, request.query);
    },
  );

  app.get(
    "/api/stands/:standId/candidates/:candidateId/applications",
    {
      schema: {
        params: z.object({ standId: z.uuid(), candidateId: z.uuid() }),
        response: { 200: staffApplicationsSchema },
      },
    },
    async (request) => {
      const { standId, candidateId } = request.params;
      await guard.stand(request, standId);
      return { applications: await applications.ofCandidateAtStand(standId, candidateId) };
    },
  );

  app.post(
    "/api/applications/:id/status",
    {
      schema: {
        params: idParams,
        body: applicationStatusBodySchema,
        response: { 200: staffApplicationSchema },
      },
      preValidation: async (request) => {
        await guard.user(request);
      },
    },
    async (request) => {
      const standId = await applications.standOf(request.params.id);
      const { user } = await guard.stand(request, standId);
      return applications.moveByStaff(request.params.id, user.id, request.body.status);
    },
  );
};
