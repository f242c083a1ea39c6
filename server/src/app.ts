/**
 * Builds the whole server from a config: the platform (database, queue store,
 * media workers, HTTP and socket servers, domain events), then the domain
 * modules on it, in the order their dependencies need. Tests build it the same
 * way `main.ts` does, and `close()` tears everything down in order.
 */
import { pino, type DestinationStream, type Logger, type LoggerOptions } from "pino";
import { startApplicationModule } from "./application/application.module.js";
import { startAuthModule } from "./auth/auth.module.js";
import { startAvailabilityModule } from "./availability/availability.module.js";
import { startCandidateModule } from "./candidate/candidate.module.js";
import type { Config } from "./config.js";
import { startFairModule } from "./fair/fair.module.js";
import { healthRoutes } from "./health/health.routes.js";
import { startInterviewModule } from "./interview/interview.module.js";
import { startMailModule } from "./mail/mail.module.js";
import type { App } from "./app.types.js";
import { openPlatform, Teardown } from "./platform.js";
import { redactedLoggerOptions } from "./plugins/log-redaction.js";
import { startQueueModule } from "./queue/queue.module.js";
import { startOperationsModule } from "./operations/operations.module.js";
import { startReportsModule } from "./reports/reports.module.js";
import { startStandModule } from "./stand/stand.module.js";
import { registerSystemSocket } from "./system/system.socket.js";
import { startWebinarLiveModule } from "./webinar/live/webinar-live.module.js";
import { startWebinarModule } from "./webinar/webinar.module.js";

/** The app's logger: errors and requests redacted (log-redaction.ts), to `destination` or stdout. */
export function createLogger(
  config: Pick<Config, "LOG_LEVEL" | "NODE_ENV">,
  destination?: DestinationStream,
): Logger {
  const pretty = config.NODE_ENV === "development" && process.stdout.isTTY && !destination;
  const options: LoggerOptions = {
    ...redactedLoggerOptions(config.LOG_LEVEL),
    ...(pretty ? { transport: { target: "pino-pretty", options: { colorize: true } } } : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { App } from "./app.types.js";

export interface BuildOptions {
  /**
   * What time it is for the domains' rules and timers (epoch ms); the wall
   * clock unless a test moves the app to a moment of its choosing.
   */
  clock?: () => number;
}

export async function buildApp(
  config: Config,
  log: Logger = createLogger(config),
  options: BuildOptions = {},
): Promise<App> {
  // Each resource is closed again if a later one fails, so a failed start leaks nothing.
  const teardown = new Teardown();
  try {
    const platform = await openPlatform(config, log, teardown, options.clock ?? Date.now);
    const { http, io, database, queueStore, media } = platform;
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

    const mail = startMailModule(platform);
    // Closed after the modules that send (teardown runs last-first): mail on its way goes first.
    teardown.add(() => mail.close());
    const auth = await startAuthModule(platform, mail);
    await mail.serveMailbox(auth);
    const fair = await startFairModule(platform, auth);
    await startStandModule(platform, auth);
    const candidate = await startCandidateModule(platform, auth);
    await startApplicationModule(platform, auth, candidate);
    const availability = await startAvailabilityModule(platform, auth, fair, candidate);
    await startWebinarModule(platform, auth);
    const interview = await startInterviewModule(platform, auth);
    // Before media.close (registered earlier, so undone later): rooms close their routers first.
    teardown.add(() => interview.close());
    const webinarLive = await startWebinarLiveModule(platform, interview);
    teardown.add(() => webinarLive.close());
    const queue = await startQueueModule(platform, {
      ...{ auth, fair, interview, candidate, availability },
    });
    teardown.add(async () => queue.close());
    // Booked slots' timers (the call at slot time, reminders) call through the queue; staff's
    // slots read its presence.
    await availability.callThrough(queue.queue);
    await startReportsModule(platform, auth, queue);
    const operations = await startOperationsModule(platform, auth);
    teardown.add(async () => operations.close());

    io.on("connection", (socket) => {
      auth.registerSocket(socket);
      registerSystemSocket(socket, log);
      interview.registerSocket(socket);
      queue.registerSocket(socket);
      webinarLive.registerSocket(socket);
    });
    await http.ready();

    let closed = false;
    return {
      http,
      io,
      database,
      queueStore,
      media,
      queue: queue.queue,
      outbox: platform.outbox,
      interviews: interview.interviews,
      availability,
      interviewRooms: interview.rooms,
      log,
      seeded: platform.seeded,
      mailbox: mail.mailbox,
      reminders: mail,
      webinarLive,
      events: platform.events,
      async close(options = {}) {
        if (closed) return;
        closed = true;
        if (options.drainMs) await interview.drain(options.drainMs);
        await teardown.run();
      },
    };
  } catch (error) {
    await teardown.run();
    throw error;
  }
}
