/**
 * The interview domain as one module: the interview records (service, live
 * store), the live sessions of their calls (rooms on this process's media
 * workers, their placement across processes, the relay to other owners), the
 * routes and the socket handlers. `app.ts` starts it once the socket server
 * exists, hands each new socket to `registerSocket`, drains it on SIGTERM and
 * closes it before the media workers stop.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Logger } from "pino";
import type { AuthService } from "../auth/auth.service.js";
import type { Config } from "../config.js";
import type { DomainEvents } from "../events/domain-events.js";
import type { Database } from "../plugins/db.js";
import type { RedisClient, RedisConnections } from "../plugins/redis.js";
import { serverId, type AppSocket, type AppSocketServer } from "../plugins/socket.js";
import { MemoryLiveInterviews, RedisLiveInterviews } from "./interview.live.js";
import { InterviewRepository } from "./interview.repository.js";
import { InterviewRooms } from "./interview.rooms.js";
import { interviewRoutes } from "./interview.routes.js";
import { InterviewService } from "./interview.service.js";
import { registerInterviewSocket, socketNotifier } from "./interview.socket.js";
import type { WorkerPool } from "./media/worker-pool.js";
import { LiveSessions } from "./session/live-sessions.js";
import { MemorySessionDirectory, RedisSessionDirectory } from "./session/session.directory.js";
import { RedisSessionRelay } from "./session/session.relay.js";
import { turnUrls, type TurnSettings } from "./session/turn-credentials.js";

export interface InterviewModuleDeps {
  config: Config;
  log: Logger;
  app: FastifyInstance;
  io: AppSocketServer;
  db: Database;
  auth: AuthService;
  media: WorkerPool;
  /** Both absent in the embedded default (one process owns every session). */
  redis: RedisConnections | null;
  /** The queue's connection, shared by the live interview store. */
  queueRedis: RedisClient | null;
  events: DomainEvents;
}

export interface InterviewModule {
  readonly interviews: InterviewService;
  readonly rooms: InterviewRooms;
  readonly sessions: LiveSessions;
  registerSocket(socket: AppSocket): void;
  /** SIGTERM: takes no new session, lets its own finish for up to `ms`, moves the rest. */
  drain(ms: number): Promise<void>;
  close(): Promise<void>;
}

/** How long a process waits for a session's owner to answer before taking it for dead. */
const RELAY_TIMEOUT_MS = 3_000;

export async function startInterviewModule(deps: InterviewModuleDeps): Promise<InterviewModule> {
  const { config, log, io, redis, queueRedis } = deps;
  const prefix = config.REDIS_KEY_PREFIX;
  const live = queueRedis
    ? new RedisLiveInterviews(queueRedis, `${prefix}:live`)
    : new MemoryLiveInterviews();
  const interviews = new InterviewService(new InterviewRepository(deps.db), live, deps.events);
  const notifier = socketNotifier(io);
  const rooms = new InterviewRooms(deps.media, notifier, log);
  const relay = redis
    ? await RedisSessionRelay.start({
        publisher: await redis.connect("sessions"),
        subscriber: await redis.connect("sessions-sub", { shardedSubscriber: true }),
        prefix: `${prefix}:sessions`,
        processId: serverId,
        timeoutMs: RELAY_TIMEOUT_MS,
        log,
      })
    : null;
  const sessions = new LiveSessions({
    processId: serverId,
    rooms,
    directory: queueRedis
      ? new RedisSessionDirectory(queueRedis, `${prefix}:sessions`)
      : new MemorySessionDirectory(),
    relay,
    notifier,
    live,
    endAbandoned: async (interviewId) => {
      await interviews.endAbandoned(interviewId);
    },
    findOrphans: (before) => interviews.orphanedLive(before),
    workers: () => deps.media.liveCount,
    heartbeatMs: config.SESSION_HEARTBEAT_MS,
    idleEndMs: config.INTERVIEW_IDLE_END_SECONDS * 1_000,
    log,
  });
  // An ended interview's session closes at its owner, wherever that is.
  deps.events.on("interview.ended", ({ interview }) => sessions.end(interview.id));
  const turn: TurnSettings = {
    urls: turnUrls(config.TURN_URLS),
    secret: config.TURN_SECRET,
    ttlSeconds: config.TURN_CREDENTIAL_TTL_SECONDS,
    relayOnly: config.TURN_RELAY_ONLY,
  };
  await deps.app
    .withTypeProvider<ZodTypeProvider>()
    .register(interviewRoutes, { auth: deps.auth, interviews, sessions });
  await sessions.start();

  let drained = false;
  return {
    interviews,
    rooms,
    sessions,
    registerSocket: (socket) =>
      registerInterviewSocket(socket, { sessions, interviews, turn, log }),
    async drain(ms) {
      drained = true;
      await sessions.drain(ms);
    },
    async close() {
      if (!drained) rooms.evacuate("session_moved");
      await sessions.close();
      await rooms.close();
    },
  };
}
