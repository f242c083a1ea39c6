/** The fair admins' live dashboard snapshot, polled by the client every few seconds. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { liveFairSnapshotSchema } from "@crossfair/shared";
import type { Guard } from "../auth/guard.js";
import type { LiveService } from "./live.service.js";

const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/, "a fair slug") });

export const liveRoutes: FastifyPluginAsyncZod<{ live: LiveService; guard: Guard }> = async (
  app,
  { live, guard },
) => {
  app.get(
    "/api/admin/fairs/:slug/live",
    { schema: { params: slugParams, response: { 200: liveFairSnapshotSchema } } },
    async (request, reply) => {
      await guard.fairAdmin(request);
      const snapshot = await live.snapshot(request.params.slug);
      return reply.header("cache-control", "no-store").send(snapshot);
    },
  );
};
