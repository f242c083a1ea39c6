/**
 * HTTP routes of fair registrations: a candidate registers and lists their
 * own; fair admins list a fair's registrations and approve or reject them.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  fairSlugParamsSchema,
  myRegistrationAnswerSchema,
  myRegistrationsSchema,
  pageSchema,
  registrationAdminViewSchema,
  registrationDecisionSchema,
  registrationListQuerySchema,
} from "@crossfair/shared";
import type { Guard } from "../auth/guard.js";
import type { RegistrationService } from "./registration.service.js";

export interface RegistrationRoutesOptions {
  guard: Guard;
  registrations: RegistrationService;
}

export const registrationRoutes: FastifyPluginAsyncZod<RegistrationRoutesOptions> = async (
  app,
  { guard, registrations },
) => {
  // Who is asking comes before whether the request is valid.
  const candidateFirst = async (request: Parameters<Guard["user"]>[0]) => {
    await guard.role(request, "candidate");
  };
  const fairAdminFirst = async (request: Parameters<Guard["user"]>[0]) => {
    await guard.fairAdmin(request);
  };

  app.post(
    "/api/fairs/:slug/registration",
    {
      schema: {
        params: fairSlugParamsSchema,
        response: { 200: myRegistrationAnswerSchema, 201: myRegistrationAnswerSchema },
      },
      preValidation: candidateFirst,
    },
    async (request, reply) => {
      const candidate = await guard.role(request, "candidate");
      const { registration, created } = await registrations.register(
        candidate.id,
        request.params.slug,
      );
      return reply.status(created ? 201 : 200).send({ registration });
    },
  );

  app.get(
    "/api/me/registrations",
    { schema: { response: { 200: myRegistrationsSchema } } },
    async (request) => {
      const candidate = await guard.role(request, "candidate");
      return { registrations: await registrations.mine(candidate.id) };
    },
  );

  app.get(
    "/api/admin/fairs/:slug/registrations",
    {
      schema: {
        params: fairSlugParamsSchema,
        querystring: registrationListQuerySchema,
        response: { 200: pageSchema(registrationAdminViewSchema) },
      },
      preValidation: fairAdminFirst,
    },
    async (request) => registrations.list(request.params.slug, request.query),
  );

  app.post(
    "/api/admin/registrations/:id/decision",
    {
      schema: {
        params: z.object({ id: z.uuid() }),
        body: registrationDecisionSchema,
        response: { 200: registrationAdminViewSchema },
      },
      preValidation: fairAdminFirst,
    },
    async (request) => {
      const admin = await guard.fairAdmin(request);
      return registrations.decide(request.params.id, request.body, admin.id);
    },
  );
};
