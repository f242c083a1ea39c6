/** Process entry point: parse config, build the app, listen, shut down cleanly on signals. */
import { buildApp, createLogger } from "./app.js";
import { ConfigError, parseConfig, type Config } from "./config.js";
import { MediaStartError } from "./interview/media/worker-pool.js";
import { DatabaseStartError } from "./plugins/db.js";
import { RedisStartError } from "./plugins/redis.js";

function loadConfig(): Config {
  try {
    return parseConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const config = loadConfig();
const log = createLogger(config);

process.on("unhandledRejection", (reason) => log.error({ err: reason }, "unhandled rejection"));

try {
  const app = await buildApp(config, log);
  const address = await app.http.listen({ host: config.HOST, port: config.PORT });
  log.info(
    { address, database: app.database.kind, queueStore: app.queueStore.kind, seeded: app.seeded },
    `Crossfair is running on ${address.replace("127.0.0.1", "localhost")}`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    // SIGTERM (a deploy, an orchestrator) drains live interviews first; Ctrl-C does not wait.
    const drainMs = signal === "SIGTERM" ? config.SHUTDOWN_DRAIN_SECONDS * 1_000 : 0;
    const force = setTimeout(() => {
      log.error("shutdown took too long; exiting");
      process.exit(1);
    }, drainMs + 10_000);
    force.unref();
    await app.close({ drainMs });
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("uncaughtException", (error) => {
    log.fatal({ err: error }, "uncaught exception");
    void stop("uncaughtException").finally(() => process.exit(1));
  });
} catch (error) {
  if (
    error instanceof DatabaseStartError ||
    error instanceof RedisStartError ||
    error instanceof MediaStartError
  ) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
