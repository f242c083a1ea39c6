/**
 * HTTP routes of vacancies: created by a stand's admins (or a fair admin),
 * edited in their original language, and translated into the others.
 */
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  standIdParamsSchema,
  vacancyDetailsSchema,
  vacancyIdParamsSchema,
  vacancyInputSchema,
  vacancyPatchSchema,
  vacancyTranslationBodySchema,
  vacancyTranslationParamsSchema,
} from "@crossfair/shared";
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

  app.post(
    "/api/stands/:standId/vacancies",
    {
      schema: {
        params: standIdParamsSchema,
        body: vacancyInputSchema,
        response: { 201: vacancyDetailsSchema },
      },
      preValidation: signedIn,
    },
    async (request, reply) => {
      await guard.stand(request, request.params.standId, standAdmin);
      const vacancy = await vacancies.create(request.params.standId, request.body);
      return reply.status(201).send(vacancy);
    },
  );

  app.patch(
    "/api/vacancies/:vacancyId",
    {
      schema: {
        params: vacancyIdParamsSchema,
        body: vacancyPatchSchema,
        response: { 200: vacancyDetailsSchema },
      },
      preValidation: signedIn,
    },
    async (request) => {
      await mayEdit(request, request.params.vacancyId);
      return vacancies.update(request.params.vacancyId, request.body);
    },
  );

  app.put(
    "/api/vacancies/:vacancyId/translations/:language",
    {
      schema: {
        params: vacancyTranslationParamsSchema,
        body: vacancyTranslationBodySchema,
        response: { 200: vacancyDetailsSchema },
      },
      preValidation: signedIn,
    },
    async (request) => {
      const { vacancyId, language } = request.params;
      await mayEdit(request, vacancyId);
      return vacancies.translate(vacancyId, language, request.body);
    },
  );
};
