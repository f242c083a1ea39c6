/** Liveness and readiness: the probes of what a request needs (database, queue store, media). */
import type { Platform } from "../platform.js";
import { healthRoutes } from "./health.routes.js";

export async function startHealthModule({
  config,
  http,
  database,
  queueStore,
  media,
}: Platform): Promise<void> {
  await http.register(healthRoutes, {
    details: config.READINESS_DETAILS,
    probes: {
      database: () => database.ping(),
      queueStore: () => queueStore.ping(),
      media: async () => {
        if (!media.healthy()) throw new Error("a mediasoup worker is down");
      },
    },
  });
}
