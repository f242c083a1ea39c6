/**
 * The platform every domain module runs on: the database (and the demo seed),
 * the job scheduler on it, Redis when configured, the queue store with its outbox drain, the mediasoup
 * workers, the HTTP server with its cross-cutting plugins (cookies, security
 * headers, OpenAPI, metrics, rate limits, cross-origin checks, the built
 * client, error handling), the socket server and the domain-event bus. It owns
 * no domain: `app.ts` opens it, then starts the domain modules on it.
 */
import fastifyCookie from "@fastify/cookie";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from "fastify";
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { Logger } from "pino";
import type { Config } from "./config.js";
import { DomainEvents } from "./events/domain-events.js";
import { socketTransport } from "./events/socket-transport.js";
import { seedDemoFair } from "./fair/demo-seed.js";
import { WorkerPool } from "./interview/media/worker-pool.js";
import { JobScheduler } from "./jobs/job-scheduler.js";
import { AppMetrics, attachSocketMetrics } from "./metrics/metrics.js";
import { metricsRoutes } from "./metrics/metrics.routes.js";
import { registerCrossOriginProtection } from "./plugins/cross-origin.js";
import { openDatabase, type Database, type DatabaseHandle } from "./plugins/db.js";
import { registerErrorHandling } from "./plugins/errors.js";
import { registerOpenApi } from "./plugins/openapi.js";
import { registerRateLimit } from "./plugins/rate-limit.js";
import { redisConnections, type RedisClient, type RedisConnections } from "./plugins/redis.js";
import { registerSecurityHeaders } from "./plugins/security-headers.js";
import { createSocketServer, serverId } from "./plugins/socket.js";
import type { AppSocketServer } from "./plugins/socket.types.js";
import { registerStaticClient } from "./plugins/static-client.js";
import { MemoryQueueStore } from "./queue/queue.memory.js";
import { createOutboxDrain, type OutboxDrain } from "./queue/queue.outbox-thread.js";
import { RedisQueueStore } from "./queue/queue.redis.js";
import type { QueueStore } from "./queue/queue.store.js";

/** The Fastify instance the route modules register on, typed by the zod provider. */
export type HttpServer = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface Platform {
  readonly config: Config;
  readonly log: Logger;
  /** What time it is for the domains' rules and timers (epoch ms): the wall clock but in tests. */
  readonly clock: () => number;
  readonly database: DatabaseHandle;
  readonly db: Database;
  /** Work due at a moment, stored in the database: runs once across processes and restarts. */
  readonly jobs: JobScheduler;
  /** Whether the demo fair was seeded on this start. */
  readonly seeded: boolean;
  /** Absent in the embedded default, as is everything that spans processes. */
  readonly redis: RedisConnections | null;
  /** The queue store's connection, shared by the live interview store. */
  readonly queueRedis: RedisClient | null;
  readonly queueStore: QueueStore;
  readonly outbox: OutboxDrain;
  readonly media: WorkerPool;
  readonly http: HttpServer;
  readonly io: AppSocketServer;
  readonly events: DomainEvents;
  readonly metrics: AppMetrics;
}

/** Undo steps, run last-first: what a later step needs is closed after it. */
export class Teardown {
  readonly #steps: (() => Promise<void>)[] = [];

  add(step: () => Promise<void>): void {
    this.#steps.push(step);
  }

  async run(): Promise<void> {
    for (const step of this.#steps.splice(0).reverse()) await step().catch(() => undefined);
  }
}

export async function openPlatform(
  config: Config,
  log: Logger,
  teardown: Teardown,
  clock: () => number = Date.now,
): Promise<Platform> {
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.dataDir,
    poolSize: config.DATABASE_POOL_SIZE,
    log,
  });
  teardown.add(() => database.close());
  const seeded = config.SEED_DEMO ? await seedDemoFair(database.db) : false;
  if (seeded) log.info("seeded the demo fair");
  const jobs = await JobScheduler.start(database, log);
  teardown.add(() => jobs.stop());

  const redis = config.REDIS_URL
    ? redisConnections(config.REDIS_URL, log, { cluster: config.REDIS_CLUSTER })
    : null;
  if (redis) teardown.add(() => redis.close());
  const queueRedis = redis ? await redis.connect("queue") : null;
  const queueStore: QueueStore = queueRedis
    ? new RedisQueueStore(queueRedis, `${config.REDIS_KEY_PREFIX}:q`)
    : new MemoryQueueStore();
  teardown.add(() => queueStore.close());
  // Every process drains the outbox, so what a crashed process left is written by another.
  const outbox = createOutboxDrain(config, queueStore.outbox, database.db, log, serverId);
  outbox.start();
  teardown.add(() => outbox.close());

  const media = await WorkerPool.start({
    size: config.MEDIA_WORKERS,
    log,
    webRtc: {
      listenIp: config.MEDIA_LISTEN_IP,
      announcedAddress: config.MEDIA_ANNOUNCED_ADDRESS,
      portMin: config.MEDIA_PORT_MIN,
      portMax: config.MEDIA_PORT_MAX,
    },
  });
  teardown.add(() => media.close());

  const http = Fastify({
    // pino's Logger is a FastifyBaseLogger; the generic only needs to be the base one.
    loggerInstance: log as FastifyBaseLogger,
    // Only the configured proxy's X-Forwarded-For is believed (one hop), never a client's.
    trustProxy: config.TRUST_PROXY ?? false,
  });
  teardown.add(() => http.close());
  http.setValidatorCompiler(validatorCompiler);
  http.setSerializerCompiler(serializerCompiler);
  const app = http.withTypeProvider<ZodTypeProvider>();
  await app.register(fastifyCookie);
  await registerSecurityHeaders(app);
  await registerOpenApi(app, { serve: config.API_DOCS });
  const metrics = new AppMetrics();
  metrics.timeHttp(app);
  await app.register(metricsRoutes, { metrics, token: config.METRICS_TOKEN });
  await registerRateLimit(
    app,
    redis ? await redis.connect("rate-limit") : null,
    config.REDIS_KEY_PREFIX,
  );
  registerCrossOriginProtection(app);
  const servesClient = await registerStaticClient(app, config.clientDist);
  registerErrorHandling(app, { clientPageFallback: servesClient });

  const io = await createSocketServer(app.server, redis, `${config.REDIS_KEY_PREFIX}:io`, config);
  // Sockets go before the HTTP server stops, so clients are told rather than cut off.
  app.addHook("preClose", async () => {
    io.disconnectSockets(true);
    io.engine.close();
  });
  attachSocketMetrics(io, metrics);
  metrics.watch({
    sockets: () => io.engine.clientsCount,
    outboxLag: () => outbox.lag(Date.now()),
  });
  // What one domain tells the others (domain-events.ts), across processes when Redis is there.
  const events = new DomainEvents(log);
  if (redis) events.connect(socketTransport(io));

  return {
    config,
    log,
    clock,
    database,
    db: database.db,
    jobs,
    seeded,
    redis,
    queueRedis,
    queueStore,
    outbox,
    media,
    http: app,
    io,
    events,
    metrics,
  };
}
