/**
 * The outbox drainer in a worker thread, for the production path (PostgreSQL
 * and Redis): at a fair's peak the main thread's event loop is busy with
 * sockets, and each of a batch's round trips would wait a turn of it, so the
 * outbox fell tens of seconds behind (tests/load/README.md). The worker has
 * its own loop, pool and Redis connection; this side starts it, restarts it
 * if it dies, forwards requests, and hands what was drained to listeners.
 * The embedded default (PGlite, the in-process store) drains in-process.
 */
import { Worker } from "node:worker_threads";
import type { Logger } from "pino";
import type { Config } from "../config.js";
import type { Database } from "../plugins/db.js";
import { QueueOutboxDrainer, type OutboxDrainerStats } from "./queue.outbox.js";
import type { OutboxEntry, QueueOutbox } from "./queue.store.js";

/** What the app needs of a drainer, in-process or in a thread. */
export type OutboxDrain = Pick<
  QueueOutboxDrainer,
  "start" | "stop" | "close" | "drainOnce" | "lag"
> & {
  onDrained(listener: DrainedListener): void;
  stats(): OutboxDrainerStats;
};

/**
 * The app's drainer: on PostgreSQL and Redis in a worker thread of its own (off the
 * sockets' event loop), else in-process on the store's outbox (the embedded default).
 */
export function createOutboxDrain(
  config: Pick<
    Config,
    | "DATABASE_URL"
    | "DATABASE_POOL_SIZE"
    | "REDIS_URL"
    | "REDIS_CLUSTER"
    | "REDIS_KEY_PREFIX"
    | "LOG_LEVEL"
  >,
  outbox: QueueOutbox,
  db: Database,
  log: Logger,
  consumer: string,
): OutboxDrain {
  if (!config.DATABASE_URL || !config.REDIS_URL) {
    return new QueueOutboxDrainer(outbox, db, log, { consumer });
  }
  return new OutboxDrainerThread(
    {
      databaseUrl: config.DATABASE_URL,
      poolSize: Math.max(2, Math.ceil(config.DATABASE_POOL_SIZE / 4)),
      redisUrl: config.REDIS_URL,
      redisCluster: config.REDIS_CLUSTER,
      keyPrefix: `${config.REDIS_KEY_PREFIX}:q`,
      consumer,
      logLevel: config.LOG_LEVEL,
    },
    log,
  );
}

type DrainedListener = (fairId: string, entries: OutboxEntry[]) => void | Promise<void>;

export interface OutboxThreadData {
  databaseUrl: string;
  poolSize: number;
  redisUrl: string;
  redisCluster: boolean;
  /** The queue store's key prefix. */
  keyPrefix: string;
  consumer: string;
  logLevel: string;
}

export type ToWorker =
  | { id: number; op: "drainOnce" | "stats" | "start" | "stop" | "close" }
  | { id: number; op: "lag"; now: number };

export type FromWorker =
  | { type: "ready" }
  | { type: "drained"; fairId: string; entries: OutboxEntry[]; stats: OutboxDrainerStats }
  | { type: "answer"; id: number; ok: true; value: unknown }
  | { type: "answer"; id: number; ok: false; error: string };

const RESTART_DELAY_MS = 1_000;

export class OutboxDrainerThread implements OutboxDrain {
  readonly #listeners = new Set<DrainedListener>();
  readonly #waiting = new Map<number, { resolve(value: unknown): void; reject(e: Error): void }>();
  #worker: Worker | null = null;
  #nextId = 0;
  /** Closed for good (the app is shutting down): no restart. */
  #closing = false;
  #stats: OutboxDrainerStats = { drained: 0, entries: 0, batches: 0, skipped: 0, failures: 0 };

  constructor(
    private readonly data: OutboxThreadData,
    private readonly log: Logger,
  ) {}

  onDrained(listener: DrainedListener): void {
    this.#listeners.add(listener);
  }

  /** Starts the thread, or its drain loop again after `stop`. */
  start(): void {
    if (this.#closing) return;
    if (this.#worker) {
      this.#ask({ id: 0, op: "start" }).catch((error: unknown) =>
        this.log.warn({ err: error }, "queue outbox thread did not start its loop"),
      );
      return;
    }
    this.#spawn();
  }

  #spawn(): void {
    const worker = new Worker(new URL("./queue.outbox-boot.mjs", import.meta.url), {
      workerData: {
        ...this.data,
        entry: new URL("./queue.outbox-worker.ts", import.meta.url).href,
      },
    });
    this.#worker = worker;
    worker.on("message", (message: FromWorker) => this.#receive(message));
    worker.on("error", (error) => this.log.error({ err: error }, "queue outbox thread failed"));
    worker.on("exit", (code) => {
      this.#worker = null;
      for (const waiting of this.#waiting.values()) {
        waiting.reject(new Error(`the queue outbox thread exited (${code})`));
      }
      this.#waiting.clear();
      if (this.#closing) return;
      // What it had read but not acknowledged is claimed again by the next one.
      this.log.error({ code }, "queue outbox thread exited; restarting");
      setTimeout(() => this.start(), RESTART_DELAY_MS).unref();
    });
  }

  /** Stops the drain loop after writing what is left; `drainOnce` and `start` still work. */
  async stop(): Promise<void> {
    if (!this.#worker) return;
    await this.#ask({ id: 0, op: "stop" });
  }

  /** Stops, writes what is left, closes the thread's connections and ends it (shutdown). */
  async close(): Promise<void> {
    this.#closing = true;
    const worker = this.#worker;
    if (!worker) return;
    await this.#ask({ id: 0, op: "close" }).catch((error: unknown) =>
      this.log.warn({ err: error }, "queue outbox thread did not close cleanly"),
    );
    await worker.terminate();
  }

  async drainOnce(): Promise<void> {
    await this.#ask({ id: 0, op: "drainOnce" });
  }

  async lag(now: number): Promise<{ pending: number; oldestAgeMs: number | null }> {
    return (await this.#ask({ id: 0, op: "lag", now })) as {
      pending: number;
      oldestAgeMs: number | null;
    };
  }

  /** As of the thread's last drained batch. */
  stats(): OutboxDrainerStats {
    return { ...this.#stats };
  }

  #ask(message: ToWorker): Promise<unknown> {
    const worker = this.#worker;
    if (!worker) return Promise.reject(new Error("the queue outbox thread is not running"));
    const id = ++this.#nextId;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      worker.postMessage({ ...message, id });
    });
  }

  #receive(message: FromWorker): void {
    if (message.type === "drained") {
      this.#stats = message.stats;
      for (const listener of this.#listeners) {
        Promise.resolve(listener(message.fairId, message.entries)).catch((error: unknown) =>
          this.log.error({ err: error }, "queue outbox listener failed"),
        );
      }
      return;
    }
    if (message.type !== "answer") return;
    const waiting = this.#waiting.get(message.id);
    if (!waiting) return;
    this.#waiting.delete(message.id);
    if (message.ok) waiting.resolve(message.value);
    else waiting.reject(new Error(message.error));
  }
}
