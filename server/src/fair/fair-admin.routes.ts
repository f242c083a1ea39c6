/**
 * HTTP routes of fair management, for fair admins only: list, create, read and
 * edit fairs, and move them through their statuses. Who is asking is checked
 * before the body, so strangers learn nothing from validation messages.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  fairAdminViewSchema,
  fairInputSchema,
  fairPatchSchema,
  fairSlugParamsSchema,
  fairStatusBodySchema,
  pageSchema,
  paginationQuerySchema,
} from "@crossfair/shared";
import type { Guard } from "../auth/guard.js";
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

  app.get(
    "/api/admin/fairs",
    {
      schema: {
        querystring: paginationQuerySchema,
        response: { 200: pageSchema(fairAdminViewSchema) },
      },
    },
    async (request) => fairs.list(request.query),
  );

  app.post(
    "/api/admin/fairs",
    { schema: { body: fairInputSchema, response: { 201: fairAdminViewSchema } } },
    async (request, reply) => reply.status(201).send(await fairs.create(request.body)),
  );

  app.get(
    "/api/admin/fairs/:slug",
    { schema: { params: fairSlugParamsSchema, response: { 200: fairAdminViewSchema } } },
    async (request) => fairs.get(request.params.slug),
  );

  app.patch(
    "/api/admin/fairs/:slug",
    {
      schema: {
        params: fairSlugParamsSchema,
        body: fairPatchSchema,
        response: { 200: fairAdminViewSchema },
      },
    },
    async (request) => fairs.update(request.params.slug, request.body),
  );

  app.post(
    "/api/admin/fairs/:slug/status",
    {
      schema: {
        params: fairSlugParamsSchema,
        body: fairStatusBodySchema,
        response: { 200: fairAdminViewSchema },
      },
    },
    async (request) => fairs.setStatus(request.params.slug, request.body.status),
  );
};
