/**
 * The interview domain as one module: the interview records (service, live
 * store), the live sessions of their calls (rooms on this process's media
 * workers, their placement across processes, the relay to other owners), the
 * routes and the socket handlers. `app.ts` starts it once the socket server
 * exists, hands each new socket to `registerSocket`, drains it on SIGTERM and
 * closes it before the media workers stop.
 */
import type { AuthModule } from "../auth/auth.module.js";
import type { Platform } from "../platform.js";
import { serverId } from "../plugins/socket.js";
import type { AppSocket } from "../plugins/socket.types.js";
import { assessmentRoutes } from "./assessment.routes.js";
import { AssessmentService } from "./assessment.service.js";
import { MemoryLiveInterviews, RedisLiveInterviews } from "./interview.live.js";
import { InterviewRepository } from "./interview.repository.js";
import { InterviewRooms } from "./interview.rooms.js";
import { interviewRoutes } from "./interview.routes.js";
import { InterviewService } from "./interview.service.js";
import { registerInterviewSocket, socketNotifier } from "./interview.socket.js";
import { LiveSessions } from "./session/live-sessions.js";
import { MemorySessionDirectory, RedisSessionDirectory } from "./session/session.directory.js";
import { RedisSessionRelay } from "./session/session.relay.js";
import { turnUrls, type TurnSettings } from "./session/turn-credentials.js";

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

export async function startInterviewModule(
  platform: Platform,
  { auth, guard }: AuthModule,
): Promise<InterviewModule> {
  const { config, log, io, redis, queueRedis, db, http, events, media } = platform;
  const prefix = config.REDIS_KEY_PREFIX;
  const live = queueRedis
    ? new RedisLiveInterviews(queueRedis, `${prefix}:live`)
    : new MemoryLiveInterviews();
  const interviews = new InterviewService(new InterviewRepository(db), live, events);
  const notifier = socketNotifier(io);
  const rooms = new InterviewRooms(media, notifier, log);
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
    workers: () => media.liveCount,
    heartbeatMs: config.SESSION_HEARTBEAT_MS,
    idleEndMs: config.INTERVIEW_IDLE_END_SECONDS * 1_000,
    log,
  });
  // An ended interview's session closes at its owner, wherever that is.
  events.on("interview.ended", ({ interview }) => sessions.end(interview.id));
  const turn: TurnSettings = {
    urls: turnUrls(config.TURN_URLS),
    secret: config.TURN_SECRET,
    ttlSeconds: config.TURN_CREDENTIAL_TTL_SECONDS,
    relayOnly: config.TURN_RELAY_ONLY,
  };
  await http.register(interviewRoutes, { auth, interviews, sessions });
  await http.register(assessmentRoutes, { assessments: new AssessmentService(db), guard });
  await sessions.start();
  watchInterviewFigures(platform, rooms);

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

/** The figures an operator watches: live interviews, their media, and each worker's CPU. */
function watchInterviewFigures({ metrics, media }: Platform, rooms: InterviewRooms): void {
  metrics.gauge({
    name: "crossfair_interviews_live",
    help: "Interview sessions whose media this process hosts.",
    collect: (gauge) => gauge.set(rooms.size),
  });
  metrics.gauge({
    name: "crossfair_media_streams",
    help: "mediasoup producers and consumers open on this process, by kind.",
    labelNames: ["kind"],
    collect: (gauge) => {
      const counts = rooms.mediaCounts();
      gauge.set({ kind: "producer" }, counts.producers);
      gauge.set({ kind: "consumer" }, counts.consumers);
    },
  });
  metrics.gauge({
    name: "crossfair_media_workers_live",
    help: "mediasoup workers alive on this process.",
    collect: (gauge) => gauge.set(media.liveCount),
  });
  metrics.gauge({
    name: "crossfair_media_worker_cpu_seconds",
    help: "CPU time (user and system) used by each mediasoup worker since it started.",
    labelNames: ["pid"],
    collect: async (gauge) => {
      gauge.reset();
      for (const { worker } of media.workers) {
        if (worker.closed) continue;
        const usage = await worker.getResourceUsage();
        gauge.set({ pid: String(worker.pid) }, (usage.ru_utime + usage.ru_stime) / 1000);
      }
    },
  });
}
