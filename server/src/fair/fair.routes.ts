/** Public read routes of the fair hall. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  fairHallSchema,
  fairSlugParamsSchema,
  pageSchema,
  standListQuerySchema,
  standSummarySchema,
} from "@crossfair/shared";
import type { FairService } from "./fair.service.js";

export const fairRoutes: FastifyPluginAsyncZod<{ fairs: FairService }> = async (app, { fairs }) => {
  app.get("/api/fairs/current/hall", { schema: { response: { 200: fairHallSchema } } }, async () =>
    fairs.hall(await fairs.currentFairSlug()),
  );

  app.get(
    "/api/fairs/:slug/hall",
    { schema: { params: fairSlugParamsSchema, response: { 200: fairHallSchema } } },
    async (request) => fairs.hall(request.params.slug),
  );

  app.get(
    "/api/fairs/:slug/stands",
    {
      schema: {
        params: fairSlugParamsSchema,
        querystring: standListQuerySchema,
        response: { 200: pageSchema(standSummarySchema) },
      },
    },
    async (request) => fairs.standList(request.params.slug, request.query),
  );
};
