/**
 * Tells sockets about queue changes. Stand updates and "my queues" updates
 * are coalesced: however many changes happen, each stand and each candidate
 * gets at most one message per flush interval (250 ms by default), and a
 * stand update is one compact message per watcher from which each client
 * derives its own position. Calls, removals and answers go out at once.
 * Rooms cross processes through the Socket.io adapter (Redis in production).
 *
 * Staff views differ per viewer (pause flag, language of the answers), so
 * each process builds them for its own staff sockets only; the process where
 * a change happened tells the others with one server-side event per flush.
 */
import type { Logger } from "pino";
import type { AppSocketServer } from "../plugins/socket.js";
import type { QueueNotifier } from "./queue.notifier.js";
import type { QueueService } from "./queue.service.js";

export const rooms = {
  stand: (standId: string) => `stand:${standId}`,
  staff: (standId: string) => `staff:${standId}`,
  user: (userId: string) => `user:${userId}`,
  /** A fair hall's watchers (queue.hall.ts). */
  hall: (fairId: string) => `hall:${fairId}`,
};

export class QueueBroadcaster implements QueueNotifier {
  readonly #dirtyStands = new Set<string>();
  readonly #dirtyCandidates = new Set<string>();
  readonly #flushListeners: ((standIds: string[]) => void)[] = [];
  #timer: NodeJS.Timeout | undefined;
  #service: QueueService | undefined;
  #flushing: Promise<void> = Promise.resolve();
  /** Closed at shutdown: changes still reported (consoles closing) must not reach a closed Redis. */
  #closed = false;

  constructor(
    private readonly io: AppSocketServer,
    private readonly log: Logger,
    /** Whether the socket adapter spans processes (Redis); the in-process one has nobody to tell. */
    private readonly crossProcess: boolean,
    private readonly flushIntervalMs = 250,
  ) {}

  /** The service and the broadcaster need each other; the service is attached after both exist. */
  attach(service: QueueService): void {
    this.#service = service;
    this.io.on("queue:staffDirty", (standIds) => {
      void this.#sendLocalStaff(standIds);
    });
  }

  /** Told the stands of every flush that had changed ones (the hall's figures follow them). */
  onStandsFlushed(listener: (standIds: string[]) => void): void {
    this.#flushListeners.push(listener);
  }

  standChanged(standId: string): void {
    this.#dirtyStands.add(standId);
    this.#schedule();
  }

  candidateChanged(candidateId: string): void {
    this.#dirtyCandidates.add(candidateId);
    this.#schedule();
  }

  called(candidateId: string, payload: Parameters<QueueNotifier["called"]>[1]): void {
    this.io.to(rooms.user(candidateId)).emit("queue:called", payload);
  }

  removed(candidateId: string, payload: Parameters<QueueNotifier["removed"]>[1]): void {
    this.io.to(rooms.user(candidateId)).emit("queue:removed", payload);
    this.io.in(rooms.user(candidateId)).socketsLeave(rooms.stand(payload.standId));
  }

  callAnswered(
    _standId: string,
    recruiterId: string,
    payload: Parameters<QueueNotifier["callAnswered"]>[2],
  ): void {
    if (recruiterId) this.io.to(rooms.user(recruiterId)).emit("staff:callAnswered", payload);
  }

  interviewStarted(
    userId: string,
    payload: Parameters<QueueNotifier["interviewStarted"]>[1],
  ): void {
    if (userId) this.io.to(rooms.user(userId)).emit("queue:interviewStarted", payload);
  }

  /** Sends whatever is pending now (used at shutdown and by tests). */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#flushing = this.#flushing.then(() => this.#send());
    await this.#flushing;
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(): void {
    if (this.#timer || this.#closed) return;
    this.#timer = setTimeout(() => void this.flush(), this.flushIntervalMs);
  }

  async #send(): Promise<void> {
    const service = this.#service;
    if (!service) return;
    const stands = [...this.#dirtyStands];
    const candidates = [...this.#dirtyCandidates];
    this.#dirtyStands.clear();
    this.#dirtyCandidates.clear();
    try {
      if (stands.length > 0 && this.crossProcess)
        this.io.serverSideEmit("queue:staffDirty", stands);
      if (stands.length > 0) for (const listener of this.#flushListeners) listener(stands);
      await Promise.all([
        ...stands.map((standId) => this.#sendStand(service, standId)),
        ...candidates.map((candidateId) => this.#sendCandidate(service, candidateId)),
        this.#sendLocalStaff(stands),
      ]);
    } catch (error) {
      this.log.error({ err: error }, "queue broadcast failed");
    }
  }

  async #sendLocalStaff(standIds: string[]): Promise<void> {
    const service = this.#service;
    if (!service) return;
    try {
      await Promise.all(
        standIds.map(async (standId) => {
          const sockets = await this.io.local.in(rooms.staff(standId)).fetchSockets();
          await Promise.all(
            sockets.map(async (socket) => {
              const user = socket.data.user;
              if (user)
                socket.emit("staff:queue", await service.staff.staffQueueFor(user, standId));
            }),
          );
        }),
      );
    } catch (error) {
      this.log.error({ err: error }, "staff console broadcast failed");
    }
  }

  async #sendStand(service: QueueService, standId: string): Promise<void> {
    this.io.to(rooms.stand(standId)).emit("queue:stand", await service.standUpdate(standId));
  }

  async #sendCandidate(service: QueueService, candidateId: string): Promise<void> {
    const queues = await service.queuesOf(candidateId);
    const room = rooms.user(candidateId);
    // Candidates watch the stands they queue at, from any tab and any process.
    if (queues.length > 0)
      this.io.in(room).socketsJoin(queues.map((queue) => rooms.stand(queue.standId)));
    this.io.to(room).emit("queue:mine", { queues });
  }
}
