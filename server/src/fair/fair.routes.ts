/** Public read routes of the fair hall. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { fairHallSchema } from "@crossfair/shared";
import type { FairService } from "./fair.service.js";

const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/, "a fair slug") });

export const fairRoutes: FastifyPluginAsyncZod<{ fairs: FairService }> = async (app, { fairs }) => {
  app.get("/api/fairs/current/hall", { schema: { response: { 200: fairHallSchema } } }, async () =>
    fairs.hall(await fairs.currentFairSlug()),
  );

  app.get(
    "/api/fairs/:slug/hall",
    { schema: { params: slugParams, response: { 200: fairHallSchema } } },
    async (request) => fairs.hall(request.params.slug),
  );
};
