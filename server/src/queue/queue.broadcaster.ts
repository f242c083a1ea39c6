/**
 * Tells sockets about queue changes. Stand pushes and "my queues" updates
 * are coalesced: however many changes happen, each candidate gets at most one
 * "my queues" message per flush interval (250 ms by default), and each stand
 * at most one push (and one staff view) per stand interval (QUEUE_STAND_PUSH_MS,
 * a second by default): a stand's push goes to everyone watching it, so it is
 * the one to space out. A stand
 * push carries this process's deltas since the last one (tickets entering or
 * leaving the waiting line, with their versions) and the counts, so its size
 * follows the number of changes, never the queue's length; each client keeps
 * its own count of people ahead. Calls, removals and answers go out at once.
 * Rooms cross processes through the Socket.io adapter (Redis in production).
 *
 * Staff views differ per viewer (pause flag, language of the answers), so
 * each process builds them for its own staff sockets only; the process where
 * a change happened tells the others with one server-side event per flush.
 */
import type { Logger } from "pino";
import type { StandQueueDelta } from "@crossfair/shared";
import { userRoom } from "../plugins/socket.js";
import type { AppSocketServer } from "../plugins/socket.types.js";
import type { QueueNotifier } from "./queue.notifier.js";
import type { QueueService } from "./queue.service.js";
import type { StandDelta } from "./queue.store.js";

declare module "../plugins/socket.types.js" {
  interface InterServerEvents {
    /** Stands whose staff view changed in another process: push it from here too. */
    "queue:staffDirty": (standIds: string[]) => void;
  }
}

export const rooms = {
  stand: (standId: string) => `stand:${standId}`,
  staff: (standId: string) => `staff:${standId}`,
  user: userRoom,
  /** A fair hall's watchers (queue.hall.ts). */
  hall: (fairId: string) => `hall:${fairId}`,
};

/** The deltas of one stand waiting for the next flush. */
interface PendingStand {
  versions: number[];
  changes: StandQueueDelta["changes"];
}

export class QueueBroadcaster implements QueueNotifier {
  /** Stands with something to push: their pending deltas (empty when only the counts changed). */
  readonly #dirtyStands = new Map<string, PendingStand>();
  readonly #dirtyCandidates = new Set<string>();
  /** When each stand was last pushed, so its next push waits for `standIntervalMs`. */
  readonly #standSentAt = new Map<string, number>();
  readonly #flushListeners: ((standIds: string[]) => void)[] = [];
  #timer: NodeJS.Timeout | undefined;
  #service: QueueService | undefined;
  #flushing: Promise<void> = Promise.resolve();
  /** Stands whose staff view another process said changed, not yet pushed from here. */
  readonly #remoteStaffDirty = new Set<string>();
  #pushingRemoteStaff = false;
  /** Closed at shutdown: changes still reported (consoles closing) must not reach a closed Redis. */
  #closed = false;

  constructor(
    private readonly io: AppSocketServer,
    private readonly log: Logger,
    /** Whether the socket adapter spans processes (Redis); the in-process one has nobody to tell. */
    private readonly crossProcess: boolean,
    private readonly flushIntervalMs = 250,
    private readonly standIntervalMs = 500,
  ) {}

  /** The service and the broadcaster need each other; the service is attached after both exist. */
  attach(service: QueueService): void {
    this.#service = service;
    this.io.on("queue:staffDirty", (standIds) => this.#remoteStaffChanged(standIds));
  }

  /**
   * Each other process tells its changed stands up to four times a second. Their staff views
   * are pushed one batch at a time, merged meanwhile: pushed as they came, a slow database
   * piled them up until the pool timed out (the soak, after restarting PostgreSQL).
   */
  #remoteStaffChanged(standIds: string[]): void {
    for (const standId of standIds) this.#remoteStaffDirty.add(standId);
    if (this.#pushingRemoteStaff) return;
    this.#pushingRemoteStaff = true;
    void (async () => {
      try {
        while (this.#remoteStaffDirty.size > 0 && !this.#closed) {
          const batch = [...this.#remoteStaffDirty];
          this.#remoteStaffDirty.clear();
          await this.#sendLocalStaff(batch);
        }
      } finally {
        this.#pushingRemoteStaff = false;
      }
    })();
  }

  /** Told the stands of every flush that had changed ones (the hall's figures follow them). */
  onStandsFlushed(listener: (standIds: string[]) => void): void {
    this.#flushListeners.push(listener);
  }

  /** The store's deltas, in the order the changes happened in this process. */
  deltas(deltas: StandDelta[]): void {
    for (const delta of deltas) {
      const pending = this.#pending(delta.standId);
      pending.versions.push(delta.version);
      for (const [ticket, change] of delta.changes) {
        pending.changes.push([ticket, change, delta.version]);
      }
    }
    this.#schedule();
  }

  /** Something besides the entries changed (a recruiter paused): counts and consoles are pushed. */
  standChanged(standId: string): void {
    this.#pending(standId);
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

  /** Sends whatever is pending now, stands pushed a moment ago too (shutdown and tests). */
  async flush(all = true): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#flushing = this.#flushing.then(() => this.#send(all));
    await this.#flushing;
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #forgetOldSends(now: number): void {
    for (const [standId, at] of this.#standSentAt) {
      if (now - at > this.standIntervalMs) this.#standSentAt.delete(standId);
    }
  }

  #pending(standId: string): PendingStand {
    let pending = this.#dirtyStands.get(standId);
    if (!pending) {
      pending = { versions: [], changes: [] };
      this.#dirtyStands.set(standId, pending);
    }
    return pending;
  }

  #schedule(): void {
    if (this.#timer || this.#closed) return;
    this.#timer = setTimeout(() => void this.flush(false), this.flushIntervalMs);
  }

  async #send(all: boolean): Promise<void> {
    const service = this.#service;
    if (!service) return;
    const now = Date.now();
    const stands = [...this.#dirtyStands].filter(
      ([standId]) => all || now - (this.#standSentAt.get(standId) ?? 0) >= this.standIntervalMs - 5,
    );
    const candidates = [...this.#dirtyCandidates];
    for (const [standId] of stands) {
      this.#dirtyStands.delete(standId);
      this.#standSentAt.set(standId, now);
    }
    this.#dirtyCandidates.clear();
    // Stands pushed too recently wait for a later flush.
    if (this.#dirtyStands.size > 0) this.#schedule();
    if (this.#standSentAt.size > 10_000) this.#forgetOldSends(now);
    const standIds = stands.map(([standId]) => standId);
    try {
      if (standIds.length > 0 && this.crossProcess)
        this.io.serverSideEmit("queue:staffDirty", standIds);
      if (standIds.length > 0) for (const listener of this.#flushListeners) listener(standIds);
      await Promise.all([
        ...stands.map(([standId, pending]) => this.#sendStand(service, standId, pending)),
        ...candidates.map((candidateId) => this.#sendCandidate(service, candidateId)),
        this.#sendLocalStaff(standIds),
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

  /** One push per stand: the pending deltas, with counts read now (never older than them). */
  async #sendStand(service: QueueService, standId: string, pending: PendingStand): Promise<void> {
    const { ahead: _ahead, ...counts } = await service.standView(standId, null);
    this.io.to(rooms.stand(standId)).emit("queue:delta", { ...counts, ...pending });
  }

  async #sendCandidate(service: QueueService, candidateId: string): Promise<void> {
    const queues = await service.queuesOf(candidateId);
    // No rooms are joined here: the socket that queued joined the stand's room, a connecting
    // one joins its stands' rooms, and another tab watches a stand it sees a new place at.
    this.io.to(rooms.user(candidateId)).emit("queue:mine", { queues });
  }
}
