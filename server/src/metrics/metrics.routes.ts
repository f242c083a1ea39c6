/**
 * `GET /metrics` for Prometheus. Off unless METRICS_TOKEN is set; then only a
 * caller with `Authorization: Bearer <token>` gets the figures. Everyone else
 * gets the same 404 as an unknown route, so the endpoint does not advertise itself.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyPluginAsync } from "fastify";
import type { AppMetrics } from "./metrics.js";

const digest = (value: string) => createHash("sha256").update(value).digest();

export const metricsRoutes: FastifyPluginAsync<{
  metrics: AppMetrics;
  token: string | undefined;
}> = async (app, { metrics, token }) => {
  const expected = token ? digest(`Bearer ${token}`) : null;
  app.get("/metrics", async (request, reply) => {
    const given = request.headers.authorization;
    // Hashes of equal length, so the comparison takes the same time whatever was sent.
    if (!expected || !given || !timingSafeEqual(digest(given), expected)) {
      return reply.callNotFound();
    }
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
};
