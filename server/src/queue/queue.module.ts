/**
 * The live queue as one module: its service, the pushes (broadcaster), the
 * presence heartbeat, the hall's figures, and how the queue reacts to the
 * other domains (a consent changed, a registration decided, staff removed, an
 * account deleted, an interview ended, a consent drained to PostgreSQL).
 * `app.ts` starts it once the socket server exists and hands each new socket
 * to `registerSocket`; `close` stops its timers.
 */
import type { Logger } from "pino";
import type { ConsentService } from "../candidate/consent.service.js";
import type { CandidateService } from "../candidate/candidate.service.js";
import type { Config } from "../config.js";
import type { RegistrationService } from "../fair/registration.service.js";
import type { InterviewService } from "../interview/interview.service.js";
import type { AppSocket, AppSocketServer } from "../plugins/socket.js";
import type { StaffService } from "../stand/staff.service.js";
import { QueueBroadcaster, rooms } from "./queue.broadcaster.js";
import type { SharedQueueCaches } from "./queue.caches.js";
import { HallFigures } from "./queue.hall.js";
import type { OutboxDrain } from "./queue.outbox-thread.js";
import { QueuePresence } from "./queue.presence.js";
import type { QueueRepository } from "./queue.repository.js";
import { QueueService } from "./queue.service.js";
import { registerQueueSocket } from "./queue.socket.js";
import type { QueueStore } from "./queue.store.js";

export interface QueueModuleDeps {
  config: Config;
  log: Logger;
  io: AppSocketServer;
  /** Whether the socket adapter spans processes (Redis). */
  crossProcess: boolean;
  store: QueueStore;
  repository: QueueRepository;
  registrations: RegistrationService;
  caches: SharedQueueCaches;
  outbox: OutboxDrain;
  interviews: InterviewService;
  consents: ConsentService;
  standStaff: StaffService;
  candidates: CandidateService;
}

export interface QueueModule {
  readonly queue: QueueService;
  registerSocket(socket: AppSocket): void;
  close(): void;
}

export function startQueueModule({
  config,
  log,
  io,
  crossProcess,
  store,
  repository,
  registrations,
  caches,
  outbox,
  interviews,
  consents,
  standStaff,
  candidates,
}: QueueModuleDeps): QueueModule {
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
      clock: Date.now,
      timings: queueTimings,
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
        caches.forget({
          kind: "profile",
          standId: record.standId,
          candidateId: record.candidateId,
        });
        broadcaster.standChanged(record.standId);
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
  // A consent given or revoked shows in every process's staff consoles at once: each drops
  // its cached copy of the profile before the stand's next (coalesced) staff view.
  // A revoked consent also takes the candidate out of that stand's queue; a place whose
  // consent was still on its way through the outbox gets a revocation that outranks it.
  consents.onChanged(async ({ standId, candidateId, active, wasInForce }) => {
    caches.forget({ kind: "profile", standId, candidateId });
    broadcaster.standChanged(standId);
    if (active) return;
    const hadPlace = await queue.upkeep.consentRevoked(candidateId, standId);
    if (hadPlace && !wasInForce) await consents.revokeUnrecorded(candidateId, standId);
  });
  // A decision counts at every process's queue gate at once; a rejected candidate leaves
  // every queue at that fair's stands (told like any removal), before the decision is answered.
  registrations.onDecided(async ({ fairId, candidateId, status }) => {
    caches.forget({ kind: "registration", fairId, candidateId });
    if (status === "rejected") await queue.upkeep.leaveFair(candidateId, fairId);
  });
  // Someone removed from a stand's staff stops receiving its console (and the profiles in it) at once.
  standStaff.onRemoved(({ standId, userId }) =>
    io.in(rooms.user(userId)).socketsLeave(rooms.staff(standId)),
  );
  // A deleted account leaves every queue at once, and its open sockets stop speaking for it.
  candidates.onAccountDeleted(async (userId) => {
    await queue.upkeep.forgetCandidate(userId);
    io.in(rooms.user(userId)).disconnectSockets(true);
  });
  // An interview that ends takes the candidate out of that stand's queue and feeds the wait
  // estimate; the end answers after it, so the recruiter's next call finds them free.
  interviews.onEnded((interview) =>
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
  // Someone removed from a stand's staff (in any process) stops counting as an active
  // recruiter at once: the process holding their console closes it.
  caches.onForgotten((forgotten) =>
    forgotten.kind === "staffMembership"
      ? presence.membershipChanged(forgotten.standId, forgotten.userId)
      : undefined,
  );

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
