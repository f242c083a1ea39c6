/**
 * HTTP routes of fair registrations: a candidate registers and lists their
 * own; fair admins list a fair's registrations and approve or reject them.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { FAIR_API } from "@crossfair/shared";
import type { Guard } from "../auth/guard.js";
import { contractRoute } from "../plugins/contract-route.js";
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

  contractRoute(
    app,
    FAIR_API.register,
    { preValidation: candidateFirst },
    async (request, reply) => {
      const candidate = await guard.role(request, "candidate");
      const { registration, created } = await registrations.register(
        candidate.id,
        request.params.slug,
      );
      return reply.status(created ? 201 : 200).send({ registration });
    },
  );

  contractRoute(app, FAIR_API.myRegistrations, {}, async (request) => {
    const candidate = await guard.role(request, "candidate");
    return { registrations: await registrations.mine(candidate.id) };
  });

  contractRoute(app, FAIR_API.registrations, { preValidation: fairAdminFirst }, async (request) =>
    registrations.list(request.params.slug, request.query),
  );

  contractRoute(
    app,
    FAIR_API.decideRegistration,
    { preValidation: fairAdminFirst },
    async (request) => {
      const admin = await guard.fairAdmin(request);
      return registrations.decide(request.params.id, request.body, admin.id);
    },
  );
};
