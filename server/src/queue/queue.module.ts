/**
 * The live queue as one module: its service, the pushes (broadcaster), the
 * presence heartbeat, the hall's figures, and how the queue follows the other
 * domains' events (a consent changed, a registration decided, staff changed or
 * removed, an account deleted or suspended, an interview ended; its cached facts in every
 * process), and emits one of its own (a consent drained to PostgreSQL).
 * `app.ts` starts it once the socket server exists and hands each new socket
 * to `registerSocket`; `close` stops its timers.
 */
import type { AvailabilityModule } from "../availability/availability.module.js";
import type { AuthModule } from "../auth/auth.module.js";
import type { CandidateModule } from "../candidate/candidate.module.js";
import type { FairModule } from "../fair/fair.module.js";
import type { InterviewModule } from "../interview/interview.module.js";
import type { Platform } from "../platform.js";
import type { AppSocket } from "../plugins/socket.types.js";
import { QueueBroadcaster, rooms } from "./queue.broadcaster.js";
import { followCachedFacts } from "./queue.caches.js";
import { HallFigures } from "./queue.hall.js";
import { QueuePresence } from "./queue.presence.js";
import { QueueRepository } from "./queue.repository.js";
import { queueRoutes } from "./queue.routes.js";
import { QueueService } from "./queue.service.js";
import { registerQueueSocket } from "./queue.socket.js";

/** The other domains' modules the queue works with. */
export interface QueueModuleDeps {
  auth: AuthModule;
  fair: FairModule;
  interview: InterviewModule;
  candidate: CandidateModule;
  /** Who is free when: call-next does not offer a walk-in over a recruiter's booked slot. */
  availability: Pick<AvailabilityModule, "availability">;
}

export interface QueueModule {
  readonly queue: QueueService;
  registerSocket(socket: AppSocket): void;
  close(): void;
}

export async function startQueueModule(
  platform: Platform,
  deps: QueueModuleDeps,
): Promise<QueueModule> {
  const { config, log, io, events, outbox, queueStore: store } = platform;
  // Whether the socket adapter spans processes (Redis).
  const crossProcess = platform.redis !== null;
  const { registrations } = deps.fair;
  const { interviews } = deps.interview;
  const { consents } = deps.candidate;
  const repository = new QueueRepository(platform.db);
  await platform.http.register(queueRoutes, {
    repository,
    auth: deps.auth.auth,
    guard: deps.auth.guard,
  });
  // Cached facts first: every reaction below reads them after they were forgotten.
  followCachedFacts(events, { repository, registrations });
  const broadcaster = new QueueBroadcaster(io, log, crossProcess, 250, config.QUEUE_STAND_PUSH_MS);
  const queueTimings = {
    callTimeoutMs: config.QUEUE_CALL_TIMEOUT_SECONDS * 1_000,
    reconnectGraceMs: config.QUEUE_RECONNECT_GRACE_SECONDS * 1_000,
    onlineWindowMs: config.QUEUE_HEARTBEAT_SECONDS * 2_500,
    recruiterActiveMs: config.QUEUE_HEARTBEAT_SECONDS * 3_000,
  };
  const queue = new QueueService(
    {
      store,
      repository,
      registrations,
      notifier: broadcaster,
      clock: platform.clock,
      timings: queueTimings,
      bookedCalls: {
        answered: (answer) => {
          events.emit("booking.answered", answer).catch((error: unknown) => {
            log.error({ err: error, bookingId: answer.bookingId }, "booked call answer not told");
          });
        },
      },
      events,
      slots: {
        dueFor: (standId, recruiterId, from, to) =>
          deps.availability.availability.bookedSlotDue(standId, recruiterId, from, to),
      },
    },
    interviews,
    log,
  );
  broadcaster.attach(queue);
  store.onDeltas((deltas) => broadcaster.deltas(deltas));
  // A consent that reached the database shows in the stand's consoles: forget the cached "none".
  outbox.onDrained((_fairId, entries) => {
    for (const entry of entries) {
      for (const record of entry.records) {
        if (record.kind !== "consent") continue;
        const { standId, candidateId } = record;
        void events
          .emit("consent.recorded", { standId, candidateId })
          .then(() => broadcaster.standChanged(standId));
      }
    }
  });
  // The fair hall's cards follow the queues: per fair, changed stands at most once a second.
  const hallFigures = new HallFigures({
    io,
    repository,
    live: queue.live,
    log,
    crossProcess,
  });
  broadcaster.onStandsFlushed((standIds) => hallFigures.standsChanged(standIds));
  // A consent given or revoked shows in the stand's consoles (every process has forgotten its
  // copy). A revoked consent also takes the candidate out of that stand's queue; a place whose
  // consent was still on its way through the outbox gets a revocation that outranks it.
  events.on("consent.changed", async ({ standId, candidateId, active, wasInForce }) => {
    broadcaster.standChanged(standId);
    if (active) return;
    const hadPlace = await queue.upkeep.consentRevoked(candidateId, standId);
    if (hadPlace && !wasInForce) await consents.revokeUnrecorded(candidateId, standId);
  });
  // A rejected candidate leaves every queue at that fair's stands (told like any removal),
  // before the decision is answered.
  events.on("registration.decided", async ({ fairId, candidateId, status }) => {
    if (status === "rejected") await queue.upkeep.leaveFair(candidateId, fairId);
  });
  // Someone removed from a stand's staff stops receiving its console (and the profiles in it) at once.
  events.on("staff.removed", ({ standId, userId }) => {
    io.in(rooms.user(userId)).socketsLeave(rooms.staff(standId));
  });
  // A stand the organiser rejected, or a fair no longer live, takes no one: its queues end, each
  // candidate told (the caches above have already forgotten the old facts).
  events.on("stand.changed", async ({ standId }) => {
    const stand = await repository.standInfo(standId);
    if (stand && (!stand.approved || !stand.fairLive)) {
      await queue.upkeep.endStandQueue(standId, stand.fairId);
    }
  });
  events.on("fair.changed", async ({ fairId }) => {
    for (const standId of (await repository.approvedStandsOf(fairId)) ?? []) {
      const stand = await repository.standInfo(standId);
      if (stand && !stand.fairLive) await queue.upkeep.endStandQueue(standId, fairId);
    }
  });
  // A deleted account leaves every queue at once, and its open sockets stop speaking for it.
  events.on("account.deleted", async ({ userId }) => {
    await queue.upkeep.forgetCandidate(userId);
    io.in(rooms.user(userId)).disconnectSockets(true);
  });
  // A suspended account's places end, each on record with the reason; its sockets were cut
  // in every process (`session.ended`) before this is told.
  events.on("account.suspended", ({ userId }) => queue.upkeep.endPlacesOfSuspended(userId));
  // An interview that ends takes the candidate out of that stand's queue and feeds the wait
  // estimate; the end answers after it, so the recruiter's next call finds them free.
  events.on("interview.ended", ({ interview }) =>
    queue
      .interviewEnded(interview)
      .catch((error: unknown) => log.error({ err: error }, "queue could not close the interview")),
  );
  const presence = new QueuePresence(
    queue,
    log,
    config.QUEUE_HEARTBEAT_SECONDS * 1_000,
    queueTimings.onlineWindowMs,
  );
  presence.start();
  // Someone whose membership of a stand's staff changed (in any process) is looked at again:
  // a removed recruiter stops counting as active at once, where their console is held.
  const membershipChanged = ({ standId, userId }: { standId: string; userId: string }) =>
    presence.membershipChanged(standId, userId);
  events.on("staff.changed", membershipChanged, { everywhere: true });
  events.on("staff.removed", membershipChanged, { everywhere: true });

  watchQueueFigures(platform, repository, queue);

  return {
    queue,
    registerSocket(socket) {
      registerQueueSocket(socket, {
        service: queue,
        presence,
        repository,
        hall: hallFigures,
        log,
      }).catch((error: unknown) => log.error({ err: error }, "queue socket setup failed"));
    },
    close() {
      presence.stop();
      broadcaster.close();
      hallFigures.close();
    },
  };
}

/** Per stand of every live fair: who waits, who is called, and the wait a newcomer is told. */
function watchQueueFigures(
  { metrics }: Platform,
  repository: QueueRepository,
  queue: QueueService,
): void {
  const standsOfLiveFairs = async () => {
    const standIds: string[] = [];
    for (const fairId of await repository.liveFairIds()) {
      standIds.push(...((await repository.approvedStandsOf(fairId)) ?? []));
    }
    return standIds;
  };
  type StandFigures = { standId: string; live: Awaited<ReturnType<QueueService["live"]["stand"]>> };
  // One read per scrape: the first gauge reads afresh, the second (collected right after it in
  // the same scrape) takes the same figures.
  let cached: { at: number; figures: Promise<StandFigures[]> } | null = null;
  const read = (fresh: boolean) => {
    if (fresh || !cached || cached.at < Date.now() - 1_000) {
      const figures = standsOfLiveFairs().then((standIds) =>
        Promise.all(
          standIds.map(async (standId) => ({ standId, live: await queue.live.stand(standId) })),
        ),
      );
      cached = { at: Date.now(), figures };
    }
    return cached.figures;
  };
  metrics.gauge({
    name: "crossfair_queue_entries",
    help: "Candidates in each stand's queue, by state (waiting or called).",
    labelNames: ["stand", "state"],
    collect: async (gauge) => {
      gauge.reset();
      for (const { standId, live } of await read(true)) {
        gauge.set({ stand: standId, state: "waiting" }, live.waiting);
        gauge.set({ stand: standId, state: "called" }, live.called);
      }
    },
  });
  metrics.gauge({
    name: "crossfair_queue_wait_estimate_seconds",
    help: "The wait a candidate joining each open stand's queue now is told.",
    labelNames: ["stand"],
    collect: async (gauge) => {
      gauge.reset();
      for (const { standId, live } of await read(false)) {
        if (live.waitEstimateMs !== null) gauge.set({ stand: standId }, live.waitEstimateMs / 1000);
      }
    },
  });
}
