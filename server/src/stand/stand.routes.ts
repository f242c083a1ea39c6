/**
 * HTTP routes of the stand domain: a stand's page, creation by a fair admin,
 * an employer's self-registration, approval and edits. Staff, vacancy,
 * invitation and screening-question routes are registered from here too, so the app registers one
 * plugin for the whole domain.
 */
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { STAND_API } from "@crossfair/shared";
import { attemptsPerMinute } from "../auth/auth.routes.js";
import { contractRoute } from "../plugins/contract-route.js";
import { bookingSettingsRoutes } from "./booking-settings.routes.js";
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

  contractRoute(app, STAND_API.stand, {}, async (request) => {
    const { standId } = request.params;
    const user = await guard.optionalUser(request);
    const privileged =
      user !== null &&
      (user.role === "fair_admin" || (await guard.standRoleOf(user.id, standId)) !== null);
    return stands.details(standId, privileged);
  });

  contractRoute(
    app,
    STAND_API.createStand,
    { preValidation: fairAdminOnly },
    async (request, reply) => {
      await guard.fairAdmin(request);
      return reply.status(201).send(await stands.create(request.params.slug, request.body));
    },
  );

  contractRoute(app, STAND_API.adminStands, { preValidation: fairAdminOnly }, async (request) => {
    await guard.fairAdmin(request);
    return stands.adminList(request.params.slug, request.query);
  });

  contractRoute(
    app,
    STAND_API.registerStand,
    {
      config: attemptsPerMinute(options.accountsPerMinute),
    },
    async (request, reply) =>
      reply.status(202).send(await stands.register(request.params.slug, request.body)),
  );

  contractRoute(app, STAND_API.decideStand, { preValidation: fairAdminOnly }, async (request) => {
    await guard.fairAdmin(request);
    return stands.decide(request.params.standId, request.body.status);
  });

  contractRoute(app, STAND_API.patchStand, { preValidation: signedIn }, async (request) => {
    await guard.stand(request, request.params.standId, standAdmin);
    return stands.update(request.params.standId, request.body);
  });

  await app.register(staffRoutes, options);
  await app.register(vacancyRoutes, options);
  await app.register(invitationRoutes, options);
  await app.register(screeningRoutes, options);
  await app.register(bookingSettingsRoutes, options);
};
