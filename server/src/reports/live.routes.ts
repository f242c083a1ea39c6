/** The fair admins' live dashboard snapshot, polled by the client every few seconds. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { REPORT_API } from "@crossfair/shared";
import type { Guard } from "../auth/guard.js";
import { contractRoute } from "../plugins/contract-route.js";
import type { LiveService } from "./live.service.js";

export const liveRoutes: FastifyPluginAsyncZod<{ live: LiveService; guard: Guard }> = async (
  app,
  { live, guard },
) => {
  contractRoute(app, REPORT_API.live, {}, async (request, reply) => {
    await guard.fairAdmin(request);
    const snapshot = await live.snapshot(request.params.slug);
    return reply.header("cache-control", "no-store").send(snapshot);
  });
};
