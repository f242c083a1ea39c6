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

type Check = { ok: boolean; detail?: string };

async function probe(check: () => Promise<void>): Promise<Check> {
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

export interface HealthRoutesOptions {
  probes: ReadinessProbes;
  /** Whether a failed check says why (its error text); off in production unless configured. */
  details: boolean;
}

export const healthRoutes: FastifyPluginAsyncZod<HealthRoutesOptions> = async (
  app,
  { probes, details },
) => {
  contractRoute(app, HEALTH_API.liveness, {}, async () => ({
    status: "ok" as const,
    uptimeSeconds: Math.round(process.uptime()),
  }));

  contractRoute(app, HEALTH_API.readiness, {}, async (_request, reply) => {
    const shown = (check: Check): Check => (details ? check : { ok: check.ok });
    const [database, queueStore, media] = await Promise.all([
      probe(probes.database).then(shown),
      probe(probes.queueStore).then(shown),
      probe(probes.media).then(shown),
    ]);
    const ready = database.ok && queueStore.ok && media.ok;
    const body: Readiness = {
      status: ready ? "ready" : "not_ready",
      checks: { database, queueStore, media },
    };
    return reply.status(ready ? 200 : 503).send(body);
  });
};
