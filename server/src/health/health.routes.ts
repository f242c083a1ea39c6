/** Liveness (`/healthz`: the process answers) and readiness (`/readyz`: its dependencies do). */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { HEALTH_API, type Readiness } from "@crossfair/shared";
import { contractRoute } from "../plugins/contract-route.js";

export interface ReadinessProbes {
  database: () => Promise<void>;
  queueStore: () => Promise<void>;
  media: () => Promise<void>;
}

const PROBE_TIMEOUT_MS = 2_000;

async function probe(check: () => Promise<void>): Promise<{ ok: boolean; detail?: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("timed out")), PROBE_TIMEOUT_MS);
      }),
    ]);
    return { ok: true };
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

export const healthRoutes: FastifyPluginAsyncZod<{ probes: ReadinessProbes }> = async (
  app,
  { probes },
) => {
  contractRoute(app, HEALTH_API.liveness, {}, async () => ({
    status: "ok" as const,
    uptimeSeconds: Math.round(process.uptime()),
  }));

  contractRoute(app, HEALTH_API.readiness, {}, async (_request, reply) => {
    const [database, queueStore, media] = await Promise.all([
      probe(probes.database),
      probe(probes.queueStore),
      probe(probes.media),
    ]);
    const ready = database.ok && queueStore.ok && media.ok;
    const body: Readiness = {
      status: ready ? "ready" : "not_ready",
      checks: { database, queueStore, media },
    };
    return reply.status(ready ? 200 : 503).send(body);
  });
};
