/**
 * HTTP routes of fair management, for fair admins only: list, create, read and
 * edit fairs, and move them through their statuses. Who is asking is checked
 * before the body, so strangers learn nothing from validation messages.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { FAIR_API } from "@crossfair/shared";
import type { Guard } from "../auth/guard.js";
import { contractRoute } from "../plugins/contract-route.js";
import type { FairAdminService } from "./fair-admin.service.js";

export interface FairAdminRoutesOptions {
  guard: Guard;
  fairs: FairAdminService;
}

export const fairAdminRoutes: FastifyPluginAsyncZod<FairAdminRoutesOptions> = async (
  app,
  { guard, fairs },
) => {
  // Encapsulated in this plugin: every route here is for fair admins.
  app.addHook("preValidation", async (request) => {
    await guard.fairAdmin(request);
  });

  contractRoute(app, FAIR_API.listFairs, {}, async (request) => fairs.list(request.query));

  contractRoute(app, FAIR_API.createFair, {}, async (request, reply) =>
    reply.status(201).send(await fairs.create(request.body)),
  );

  contractRoute(app, FAIR_API.fair, {}, async (request) => fairs.get(request.params.slug));

  contractRoute(app, FAIR_API.updateFair, {}, async (request) =>
    fairs.update(request.params.slug, request.body),
  );

  contractRoute(app, FAIR_API.moveFair, {}, async (request) =>
    fairs.setStatus(request.params.slug, request.body.status),
  );
};
