/** Public read routes of the fair hall. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { FAIR_API } from "@crossfair/shared";
import { contractRoute } from "../plugins/contract-route.js";
import type { FairService } from "./fair.service.js";

export const fairRoutes: FastifyPluginAsyncZod<{ fairs: FairService }> = async (app, { fairs }) => {
  contractRoute(app, FAIR_API.currentHall, {}, async () =>
    fairs.hall(await fairs.currentFairSlug()),
  );

  contractRoute(app, FAIR_API.hall, {}, async (request) => fairs.hall(request.params.slug));

  contractRoute(app, FAIR_API.standList, {}, async (request) =>
    fairs.standList(request.params.slug, request.query),
  );
};
