/**
 * The live side of group sessions as one module: the service with its
 * stores (the database; hands and the stage in Redis or memory) and its
 * media (`../media/`, started here and closed with the module), the socket
 * handlers, the job that ends a session nobody ended, and the sweep that
 * closes the attendance of processes that died (the live sessions'
 * heartbeat tells which are alive). `app.ts` starts it after the interview
 * module, hands it each new socket and closes it before the media workers.
 */
import type { InterviewModule } from "../../interview/interview.module.js";
import type { Platform } from "../../platform.js";
import { serverId } from "../../plugins/socket.js";
import type { AppSocket } from "../../plugins/socket.types.js";
import { startWebinarMedia } from "../media/start-webinar-media.js";
import { socketLiveNotifier, ViewerCounts } from "./live.notifier.js";
import { LiveRepository } from "./live.repository.js";
import { AUTO_END_AFTER_MS } from "./live.rules.js";
import { WebinarLiveService } from "./live.service.js";
import { MemoryStageStore, RedisStageStore } from "./live.stage.js";
import { registerWebinarLiveSocket } from "./webinar-live.socket.js";

export interface WebinarLiveModule {
  readonly live: WebinarLiveService;
  registerSocket(socket: AppSocket): void;
  /** Closes the attendance rows of processes no longer alive (every sweep does; tests call it). */
  sweep(): Promise<void>;
  close(): Promise<void>;
}

/** The job that ends a session its speakers left running, some minutes after its planned end. */
export const AUTO_END_JOB = "webinar.auto-end";
const SWEEP_EVERY_MS = 15_000;
interface AutoEndJob {
  webinarId: string;
  /** The planned end the job was scheduled for. */
  endsAt: number;
}

export async function startWebinarLiveModule(
  platform: Platform,
  interview: InterviewModule,
): Promise<WebinarLiveModule> {
  const { config, log, io, db, queueRedis, jobs, clock } = platform;
  const media = await startWebinarMedia(platform);
  const repository = new LiveRepository(db);
  const notifier = socketLiveNotifier(io);
  const viewers = new ViewerCounts((id) => repository.viewerCount(id), notifier, log);
  const scheduled = new Set<string>();
  const live = new WebinarLiveService({
    repository,
    stage: queueRedis
      ? new RedisStageStore(queueRedis, `${config.REDIS_KEY_PREFIX}:webinar`)
      : new MemoryStageStore(),
    media,
    notifier,
    viewers,
    processId: serverId,
    clock,
    // Once per process and planned end; the job's key stores it once across processes, and a
    // session moved to another time gets a job of its own (the old one then ends nothing).
    onAdmitted: ({ id: webinarId, endsAt }) => {
      const key = `${webinarId}:${endsAt}`;
      if (scheduled.has(key)) return;
      scheduled.add(key);
      const at = new Date(endsAt + AUTO_END_AFTER_MS);
      void jobs
        .schedule<AutoEndJob>(AUTO_END_JOB, { webinarId, endsAt }, { at, key })
        .catch((error: unknown) => {
          scheduled.delete(key);
          log.warn({ err: error, webinarId }, "could not schedule a session's end");
        });
    },
  });
  await jobs.work<AutoEndJob>(AUTO_END_JOB, async ({ webinarId, endsAt }) => {
    const session = await repository.session(webinarId);
    if (session?.endsAt !== endsAt) return;
    if (await live.endSession(webinarId))
      log.info({ webinarId }, "a group session ran out of time");
  });

  const sweep = async () => {
    const alive = interview.sessions.aliveProcesses();
    // Before this process's first heartbeat nobody is known alive: nothing to judge by yet.
    if (!alive.includes(serverId)) return;
    const touched = await repository.closeAttendanceOutside(alive, new Date(clock()));
    for (const webinarId of touched) viewers.changed(webinarId);
    if (touched.length > 0)
      log.info({ sessions: touched.length }, "closed the attendance of dead processes");
  };
  const timer = setInterval(() => {
    sweep().catch((error: unknown) => log.warn({ err: error }, "attendance sweep failed"));
  }, SWEEP_EVERY_MS);
  timer.unref();

  return {
    live,
    sweep,
    registerSocket: (socket) => registerWebinarLiveSocket(socket, { live, log }),
    async close() {
      clearInterval(timer);
      viewers.close();
      await repository
        .closeAttendanceOf(serverId, new Date(clock()))
        .catch((error: unknown) => log.warn({ err: error }, "could not close the attendance here"));
      await media.close();
    },
  };
}
