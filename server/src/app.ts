/**
 * Builds the whole server from a config: database, queue store, media workers,
 * HTTP routes and sockets. Tests build it the same way `main.ts` does, and
 * `close()` tears everything down in order.
 */
import fastifyCookie from "@fastify/cookie";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { pino, type Logger } from "pino";
import { authRoutes, SESSION_COOKIE } from "./auth/auth.routes.js";
import { AuthService } from "./auth/auth.service.js";
import { Guard } from "./auth/guard.js";
import { candidateRoutes } from "./candidate/candidate.routes.js";
import { CandidateService } from "./candidate/candidate.service.js";
import { CvStorage } from "./candidate/cv.storage.js";
import type { Config } from "./config.js";
import { DomainEvents } from "./events/domain-events.js";
import { socketTransport } from "./events/socket-transport.js";
import { seedDemoFair } from "./fair/demo-seed.js";
import { fairAdminRoutes } from "./fair/fair-admin.routes.js";
import { FairAdminService } from "./fair/fair-admin.service.js";
import { fairRoutes } from "./fair/fair.routes.js";
import { FairService } from "./fair/fair.service.js";
import { registrationRoutes } from "./fair/registration.routes.js";
import { RegistrationService } from "./fair/registration.service.js";
import { healthRoutes } from "./health/health.routes.js";
import { AppMetrics, attachSocketMetrics } from "./metrics/metrics.js";
import { metricsRoutes } from "./metrics/metrics.routes.js";
import { applicationRoutes } from "./application/application.routes.js";
import { ApplicationService } from "./application/application.service.js";
import { consentRoutes } from "./candidate/consent.routes.js";
import { ConsentService } from "./candidate/consent.service.js";
import { assessmentRoutes } from "./interview/assessment.routes.js";
import { AssessmentService } from "./interview/assessment.service.js";
import { liveRoutes } from "./reports/live.routes.js";
import { LiveService } from "./reports/live.service.js";
import { WorkerPool } from "./interview/media/worker-pool.js";
import type { InterviewService } from "./interview/interview.service.js";
import type { InterviewRooms } from "./interview/interview.rooms.js";
import { startInterviewModule } from "./interview/interview.module.js";
import { openDatabase, type DatabaseHandle } from "./plugins/db.js";
import { registerCrossOriginProtection } from "./plugins/cross-origin.js";
import { registerErrorHandling } from "./plugins/errors.js";
import { registerOpenApi } from "./plugins/openapi.js";
import { registerRateLimit } from "./plugins/rate-limit.js";
import { registerSecurityHeaders } from "./plugins/security-headers.js";
import { redisConnections, type RedisConnections } from "./plugins/redis.js";
import { createSocketServer, type AppSocketServer } from "./plugins/socket.js";
import { registerStaticClient } from "./plugins/static-client.js";
import { createOutboxDrain, type OutboxDrain } from "./queue/queue.outbox-thread.js";
import { serverId } from "./plugins/socket.js";
import { MemoryQueueStore } from "./queue/queue.memory.js";
import { QueueRepository } from "./queue/queue.repository.js";
import type { QueueService } from "./queue/queue.service.js";
import { queueRoutes } from "./queue/queue.routes.js";
import { startQueueModule } from "./queue/queue.module.js";
import { reportsRoutes } from "./reports/reports.routes.js";
import { ReportsService } from "./reports/reports.service.js";
import { RedisQueueStore } from "./queue/queue.redis.js";
import type { QueueStore } from "./queue/queue.store.js";
import { standRoutes, standServices } from "./stand/stand.routes.js";
import { registerSystemSocket } from "./system/system.socket.js";

export interface App {
  readonly http: FastifyInstance;
  readonly io: AppSocketServer;
  readonly database: DatabaseHandle;
  readonly queueStore: QueueStore;
  readonly media: WorkerPool;
  readonly queue: QueueService;
  /** Writes what the queue store recorded (its outbox) to the database, behind the changes. */
  readonly outbox: OutboxDrain;
  readonly interviews: InterviewService;
  /** The live interview rooms (media) hosted by this process. */
  readonly interviewRooms: InterviewRooms;
  readonly log: Logger;
  readonly seeded: boolean;
  /**
   * Stops accepting, disconnects sockets, stops media workers, closes Redis and
   * the database. With `drainMs` (SIGTERM), live interviews here first get up
   * to that long to finish while new ones go to other processes.
   */
  close(options?: { drainMs?: number }): Promise<void>;
}

export function createLogger(config: Pick<Config, "LOG_LEVEL" | "NODE_ENV">): Logger {
  const pretty = config.NODE_ENV === "development" && process.stdout.isTTY;
  return pino({
    level: config.LOG_LEVEL,
    ...(pretty ? { transport: { target: "pino-pretty", options: { colorize: true } } } : {}),
  });
}

export async function buildApp(config: Config, log: Logger = createLogger(config)): Promise<App> {
  // Each resource is closed again if a later one fails, so a failed start leaks nothing.
  const undo: (() => Promise<void>)[] = [];
  const rollback = async () => {
    for (const step of undo.reverse()) await step().catch(() => undefined);
  };
  try {
    const database = await openDatabase({
      url: config.DATABASE_URL,
      dataDir: config.dataDir,
      poolSize: config.DATABASE_POOL_SIZE,
      log,
    });
    undo.push(() => database.close());
    const seeded = config.SEED_DEMO ? await seedDemoFair(database.db) : false;
    if (seeded) log.info("seeded the demo fair");

    const redis: RedisConnections | null = config.REDIS_URL
      ? redisConnections(config.REDIS_URL, log, { cluster: config.REDIS_CLUSTER })
      : null;
    if (redis) undo.push(() => redis.close());
    const queueRedis = redis ? await redis.connect("queue") : null;
    const queueStore: QueueStore = queueRedis
      ? new RedisQueueStore(queueRedis, `${config.REDIS_KEY_PREFIX}:q`)
      : new MemoryQueueStore();
    undo.push(() => queueStore.close());
    // Every process drains the outbox, so what a crashed process left is written by another.
    const outbox = createOutboxDrain(config, queueStore.outbox, database.db, log, serverId);
    outbox.start();
    undo.push(() => outbox.close());

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
    undo.push(() => media.close());

    const http = Fastify({
      // pino's Logger is a FastifyBaseLogger; the generic only needs to be the base one.
      loggerInstance: log as FastifyBaseLogger,
      // Only the configured proxy's X-Forwarded-For is believed (one hop), never a client's.
      trustProxy: config.TRUST_PROXY ?? false,
    });
    undo.push(() => http.close());
    http.setValidatorCompiler(validatorCompiler);
    http.setSerializerCompiler(serializerCompiler);
    const app = http.withTypeProvider<ZodTypeProvider>();
    await app.register(fastifyCookie);
    await registerSecurityHeaders(app);
    await registerOpenApi(app);
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

    // What one domain tells the others (domain-events.ts); across processes once sockets exist.
    const events = new DomainEvents(log);
    const auth = new AuthService(database.db, config.SESSION_TTL_HOURS);
    // Every route module asks the same guard who the user is and what they may do.
    const guard = new Guard(auth, database.db);
    const sessionCookie = {
      secureCookies: config.NODE_ENV === "production",
      sessionTtlHours: config.SESSION_TTL_HOURS,
    };
    await app.register(authRoutes, {
      auth,
      ...sessionCookie,
      signInPerMinute: config.SIGN_IN_PER_MINUTE,
      signInPerAccount: config.SIGN_IN_PER_ACCOUNT,
    });
    await app.register(fairRoutes, { fairs: new FairService(database.db) });
    await app.register(reportsRoutes, { reports: new ReportsService(database.db), guard });
    const queueRepository = new QueueRepository(database.db);
    await app.register(queueRoutes, { repository: queueRepository, auth, guard });
    const registrations = new RegistrationService(database.db, events);
    // Stands, vacancies, staff and invitations.
    const standDomain = standServices(database.db, auth, events);
    await app.register(standRoutes, {
      guard,
      ...standDomain,
      session: sessionCookie,
      accountsPerMinute: config.SIGN_IN_PER_MINUTE,
    });
    const fairAdmin = new FairAdminService(database.db, events);
    await app.register(fairAdminRoutes, { guard, fairs: fairAdmin });
    await app.register(registrationRoutes, { guard, registrations });
    const candidates = new CandidateService({
      db: database.db,
      cvs: new CvStorage(config.dataDir),
      cvMaxBytes: config.CV_MAX_BYTES,
      events,
    });
    await app.register(candidateRoutes, { auth, candidates });
    const consents = new ConsentService(database.db, events);
    await app.register(consentRoutes, { consents, guard });
    await app.register(applicationRoutes, {
      applications: new ApplicationService(database.db, consents),
      guard,
    });
    await app.register(assessmentRoutes, {
      assessments: new AssessmentService(database.db),
      guard,
    });
    await app.register(healthRoutes, {
      probes: {
        database: () => database.ping(),
        queueStore: () => queueStore.ping(),
        media: async () => {
          if (!media.healthy()) throw new Error("a mediasoup worker is down");
        },
      },
    });

    const io = await createSocketServer(app.server, redis, `${config.REDIS_KEY_PREFIX}:io`, config);
    if (redis) events.connect(socketTransport(io));
    attachSocketMetrics(io, metrics);
    metrics.watch({
      sockets: () => io.engine.clientsCount,
      outboxLag: () => outbox.lag(Date.now()),
    });
    // Identify the user before "connection", so no early event meets an unregistered handler.
    io.use((socket, next) => {
      const token = fastifyCookie.parse(socket.handshake.headers.cookie ?? "")[SESSION_COOKIE];
      // A lookup that fails (the database busy) refuses the connection, and the client tries
      // again; taking the socket for an anonymous one would sign the person out.
      auth.userForToken(token).then(
        (user) => {
          socket.data.user = user;
          next();
        },
        () => next(new Error("unavailable")),
      );
    });

    // Interview records and their live sessions, placed on one process's media workers.
    const interviewModule = await startInterviewModule({
      config,
      log,
      app,
      io,
      db: database.db,
      auth,
      media,
      redis,
      queueRedis,
      events,
    });
    // Before media.close (registered earlier, so undone later): rooms close their routers first.
    undo.push(() => interviewModule.close());
    const interviewService = interviewModule.interviews;
    // The live queue: its service, pushes, presence, hall figures and its reactions to the
    // other domains (queue.module.ts).
    const queueModule = startQueueModule({
      config,
      log,
      io,
      crossProcess: redis !== null,
      store: queueStore,
      repository: queueRepository,
      registrations,
      events,
      outbox,
      interviews: interviewService,
      consents,
    });
    const queue = queueModule.queue;
    undo.push(async () => queueModule.close());
    await app.register(liveRoutes, { live: new LiveService(database.db, queue.live), guard });

    io.on("connection", (socket) => {
      registerSystemSocket(socket, log);
      interviewModule.registerSocket(socket);
      queueModule.registerSocket(socket);
    });
    // Sockets go before the HTTP server stops, so clients are told rather than cut off.
    app.addHook("preClose", async () => {
      io.disconnectSockets(true);
      io.engine.close();
    });
    await app.ready();

    let closed = false;
    return {
      http: app,
      io,
      database,
      queueStore,
      media,
      queue,
      outbox,
      interviews: interviewService,
      interviewRooms: interviewModule.rooms,
      log,
      seeded,
      async close(options = {}) {
        if (closed) return;
        closed = true;
        if (options.drainMs) await interviewModule.drain(options.drainMs);
        await rollback();
      },
    };
  } catch (error) {
    await rollback();
    throw error;
  }
}
