/**
 * The fair hall's live queue figures (shared/src/protocol/hall.ts): per
 * approved stand whether it is open, how many wait and the wait a newcomer
 * would be told (the live dashboard's figures, `LiveQueueView`, so the
 * shared `estimateWaitMs`). Visitors watch one room per fair, not every stand.
 *
 * Changed stands (the broadcaster's coalesced flush) are grouped by fair via
 * the repository's cached stand facts; each fair gets at most one push per
 * interval (1 s), read once for all its watchers, holding only the stands
 * that changed. The push reaches every process's watchers through the socket
 * adapter, like the other broadcasts.
 *
 * A new watcher is answered from a per-process copy of the fair's figures:
 * loaded from the store when missing or older than `cacheMs`, and kept
 * current by every push, this process's and (through one server-side message
 * sent before the push) the other processes'. Every figure carries the time
 * it was read and the newest wins, here and in the client, so an answer and
 * a push crossing each other cannot bring an older state back.
 */
import type { Logger } from "pino";
import { LRUCache } from "lru-cache";
import {
  ErrorCode,
  hallQueuesSchema,
  type HallQueues,
  type HallStandQueue,
} from "@crossfair/shared";
import { AppError } from "../plugins/errors.js";
import type { AppSocketServer } from "../plugins/socket.types.js";
import { rooms } from "./queue.broadcaster.js";
import type { LiveQueueView } from "./queue.live.js";
import type { QueueRepository } from "./queue.repository.js";

declare module "../plugins/socket.types.js" {
  interface InterServerEvents {
    /** Hall figures one process read and pushed: the others' copies follow. */
    "hall:figures": (message: HallQueues) => void;
  }
}

export interface HallFiguresDeps {
  io: AppSocketServer;
  repository: Pick<QueueRepository, "standInfo" | "approvedStandsOf">;
  live: Pick<LiveQueueView, "stand">;
  log: Logger;
  /** Whether the socket adapter spans processes (Redis); the in-process one has nobody to tell. */
  crossProcess: boolean;
  clock?: () => number;
  /** Least time between two pushes for one fair. */
  intervalMs?: number;
  /** How long a fair's list of approved stands (and figures nobody pushed) is trusted. */
  cacheMs?: number;
}

interface FairFigures {
  /** The fair's approved stands' latest figures, by stand. */
  stands: Map<string, HallStandQueue>;
  /** When the list of approved stands was read; 0 while only pushes have been heard. */
  loadedAt: number;
}

export class HallFigures {
  readonly #figures = new LRUCache<string, FairFigures>({ max: 500 });
  /** One load per fair at a time, however many visitors arrive at once. */
  readonly #loading = new Map<string, Promise<HallStandQueue[]>>();
  readonly #dirty = new Map<string, Set<string>>();
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #lastSent = new Map<string, number>();
  readonly #clock: () => number;
  readonly #intervalMs: number;
  readonly #cacheMs: number;
  #closed = false;

  constructor(private readonly deps: HallFiguresDeps) {
    this.#clock = deps.clock ?? Date.now;
    this.#intervalMs = deps.intervalMs ?? 1_000;
    this.#cacheMs = deps.cacheMs ?? 5_000;
    deps.io.on("hall:figures", (message: unknown) => {
      // A message between our own processes, checked all the same.
      const parsed = hallQueuesSchema.safeParse(message);
      if (parsed.success) this.#merge(parsed.data);
      else deps.log.warn({ message }, "ignored a malformed hall:figures message");
    });
  }

  /** Every approved stand of the fair, as a new watcher starts with; `not_found` for no fair. */
  async figures(fairId: string): Promise<HallStandQueue[]> {
    const known = this.#figures.get(fairId);
    if (known && this.#clock() - known.loadedAt < this.#cacheMs) return [...known.stands.values()];
    let loading = this.#loading.get(fairId);
    if (!loading) {
      loading = this.#load(fairId).finally(() => this.#loading.delete(fairId));
      this.#loading.set(fairId, loading);
    }
    return loading;
  }

  /** Stands whose queue changed; their fairs' watchers hear within the interval. */
  standsChanged(standIds: readonly string[]): void {
    for (const standId of standIds) {
      this.deps.repository
        .standInfo(standId)
        .then((stand) => {
          if (stand?.approved) this.#mark(stand.fairId, standId);
        })
        .catch((error: unknown) => this.deps.log.error({ err: error }, "hall queue lookup failed"));
    }
  }

  close(): void {
    this.#closed = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    this.#dirty.clear();
  }

  async #load(fairId: string): Promise<HallStandQueue[]> {
    const loadedAt = this.#clock();
    const standIds = await this.deps.repository.approvedStandsOf(fairId);
    if (!standIds) throw new AppError(ErrorCode.notFound, "no such fair");
    const read = await Promise.all(standIds.map((standId) => this.#read(standId, loadedAt)));
    const previous = this.#figures.get(fairId)?.stands;
    const stands = new Map<string, HallStandQueue>();
    for (const figures of read) stands.set(figures.standId, newest(previous, figures));
    this.#figures.set(fairId, { stands, loadedAt });
    return [...stands.values()];
  }

  #mark(fairId: string, standId: string): void {
    if (this.#closed) return;
    const dirty = this.#dirty.get(fairId) ?? new Set<string>();
    dirty.add(standId);
    this.#dirty.set(fairId, dirty);
    if (this.#timers.has(fairId)) return;
    // The first change after a quiet spell goes out at once; the ones after it wait their turn.
    const lastSent = this.#lastSent.get(fairId);
    const wait = lastSent === undefined ? 0 : lastSent + this.#intervalMs - this.#clock();
    this.#timers.set(
      fairId,
      setTimeout(() => void this.#send(fairId), Math.max(0, wait)),
    );
  }

  async #send(fairId: string): Promise<void> {
    this.#timers.delete(fairId);
    const standIds = [...(this.#dirty.get(fairId) ?? [])];
    this.#dirty.delete(fairId);
    if (standIds.length === 0 || this.#closed) return;
    const at = this.#clock();
    this.#lastSent.set(fairId, at);
    try {
      const message: HallQueues = {
        fairId,
        stands: await Promise.all(standIds.map((standId) => this.#read(standId, at))),
      };
      if (this.#closed) return;
      // The other processes' copies first: a watcher there must never be answered older
      // figures than a push it already got (Redis delivers one publisher's messages in order).
      if (this.deps.crossProcess) this.deps.io.serverSideEmit("hall:figures", message);
      this.#merge(message);
      this.deps.io.to(rooms.hall(fairId)).emit("hall:queues", message);
    } catch (error) {
      this.deps.log.error({ err: error }, "hall queue broadcast failed");
    }
  }

  async #read(standId: string, at: number): Promise<HallStandQueue> {
    const live = await this.deps.live.stand(standId);
    return {
      standId,
      open: live.open,
      waiting: live.waiting,
      waitEstimateMs: live.waitEstimateMs,
      at,
    };
  }

  #merge({ fairId, stands }: HallQueues): void {
    const known = this.#figures.get(fairId) ?? { stands: new Map(), loadedAt: 0 };
    for (const figures of stands) known.stands.set(figures.standId, newest(known.stands, figures));
    this.#figures.set(fairId, known);
  }
}

function newest(
  known: ReadonlyMap<string, HallStandQueue> | undefined,
  figures: HallStandQueue,
): HallStandQueue {
  const previous = known?.get(figures.standId);
  return previous && previous.at > figures.at ? previous : figures;
}
