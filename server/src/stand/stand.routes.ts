/**
 * HTTP routes of the stand domain: a stand's page, creation by a fair admin,
 * an employer's self-registration, approval and edits. Staff, vacancy,
 * invitation and screening-question routes are registered from here too, so the app registers one
 * plugin for the whole domain.
 */
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  adminStandsQuerySchema,
  pageSchema,
  standApprovalBodySchema,
  standDetailsSchema,
  standFairParamsSchema,
  standIdParamsSchema,
  standInputSchema,
  standPatchSchema,
  standRegistrationAnswerSchema,
  standRegistrationBodySchema,
} from "@crossfair/shared";
import { attemptsPerMinute, setSessionCookie } from "../auth/auth.routes.js";
import { invitationRoutes } from "./invitation.routes.js";
import { screeningRoutes } from "./screening.routes.js";
import { staffRoutes } from "./staff.routes.js";
import type { StandRoutesOptions } from "./stand.services.js";
import { vacancyRoutes } from "./vacancy.routes.js";

export const standRoutes: FastifyPluginAsyncZod<StandRoutesOptions> = async (app, options) => {
  const { guard, stands } = options;
  // Who is asking comes before whether the body is valid.
  const signedIn = async (request: FastifyRequest) => {
    await guard.user(request);
  };
  const fairAdminOnly = async (request: FastifyRequest) => {
    await guard.fairAdmin(request);
  };
  const standAdmin = { roles: ["stand_admin" as const] };

  app.get(
    "/api/stands/:standId",
    { schema: { params: standIdParamsSchema, response: { 200: standDetailsSchema } } },
    async (request) => {
      const { standId } = request.params;
      const user = await guard.optionalUser(request);
      const privileged =
        user !== null &&
        (user.role === "fair_admin" || (await guard.standRoleOf(user.id, standId)) !== null);
      return stands.details(standId, privileged);
    },
  );

  app.post(
    "/api/admin/fairs/:slug/stands",
    {
      schema: {
        params: standFairParamsSchema,
        body: standInputSchema,
        response: { 201: standDetailsSchema },
      },
      preValidation: fairAdminOnly,
    },
    async (request, reply) => {
      await guard.fairAdmin(request);
      return reply.status(201).send(await stands.create(request.params.slug, request.body));
    },
  );

  app.get(
    "/api/admin/fairs/:slug/stands",
    {
      schema: {
        params: standFairParamsSchema,
        querystring: adminStandsQuerySchema,
        response: { 200: pageSchema(standDetailsSchema) },
      },
      preValidation: fairAdminOnly,
    },
    async (request) => {
      await guard.fairAdmin(request);
      return stands.adminList(request.params.slug, request.query);
    },
  );

  app.post(
    "/api/fairs/:slug/stand-registrations",
    {
      schema: {
        params: standFairParamsSchema,
        body: standRegistrationBodySchema,
        response: { 201: standRegistrationAnswerSchema },
      },
      config: attemptsPerMinute(options.accountsPerMinute),
    },
    async (request, reply) => {
      const { user, token, stand } = await stands.register(request.params.slug, request.body);
      setSessionCookie(reply, token, options.session);
      return reply.status(201).send({ user, stand });
    },
  );

  app.post(
    "/api/admin/stands/:standId/approval",
    {
      schema: {
        params: standIdParamsSchema,
        body: standApprovalBodySchema,
        response: { 200: standDetailsSchema },
      },
      preValidation: fairAdminOnly,
    },
    async (request) => {
      await guard.fairAdmin(request);
      return stands.decide(request.params.standId, request.body.status);
    },
  );

  app.patch(
    "/api/stands/:standId",
    {
      schema: {
        params: standIdParamsSchema,
        body: standPatchSchema,
        response: { 200: standDetailsSchema },
      },
      preValidation: signedIn,
    },
    async (request) => {
      await guard.stand(request, request.params.standId, standAdmin);
      return stands.update(request.params.standId, request.body);
    },
  );

  await app.register(staffRoutes, options);
  await app.register(vacancyRoutes, options);
  await app.register(invitationRoutes, options);
  await app.register(screeningRoutes, options);
};
