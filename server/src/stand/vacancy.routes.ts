/**
 * HTTP routes of vacancies: created by a stand's admins (or a fair admin),
 * edited in their original language, and translated into the others.
 */
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { STAND_API } from "@crossfair/shared";
import { contractRoute } from "../plugins/contract-route.js";
import type { StandRoutesOptions } from "./stand.services.js";

export const vacancyRoutes: FastifyPluginAsyncZod<StandRoutesOptions> = async (app, options) => {
  const { guard, vacancies } = options;
  const standAdmin = { roles: ["stand_admin" as const] };
  // Who is asking comes before whether the body is valid.
  const signedIn = async (request: FastifyRequest) => {
    await guard.user(request);
  };
  /** Whoever may edit the vacancy's stand: its stand admins and fair admins. */
  const mayEdit = async (request: FastifyRequest, vacancyId: string) => {
    await guard.user(request);
    await guard.stand(request, await vacancies.standOf(vacancyId), standAdmin);
  };

  contractRoute(
    app,
    STAND_API.createVacancy,
    { preValidation: signedIn },
    async (request, reply) => {
      await guard.stand(request, request.params.standId, standAdmin);
      const vacancy = await vacancies.create(request.params.standId, request.body);
      return reply.status(201).send(vacancy);
    },
  );

  contractRoute(app, STAND_API.patchVacancy, { preValidation: signedIn }, async (request) => {
    await mayEdit(request, request.params.vacancyId);
    return vacancies.update(request.params.vacancyId, request.body);
  });

  contractRoute(app, STAND_API.putTranslation, { preValidation: signedIn }, async (request) => {
    const { vacancyId, language } = request.params;
    await mayEdit(request, vacancyId);
    return vacancies.translate(vacancyId, language, request.body);
  });
};
