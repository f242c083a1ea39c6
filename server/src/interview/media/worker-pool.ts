/**
 * The pool of mediasoup workers (one C++ process each). A worker that dies is
 * replaced so the process keeps serving; rebuilding the rooms it hosted is the
 * interview room manager's job (it listens to `onWorkerReplaced`).
 */
import { accessSync, constants } from "node:fs";
import * as mediasoup from "mediasoup";
import type { types as ms } from "mediasoup";
import type { Logger } from "pino";

export interface WorkerPoolOptions {
  size: number;
  log: Logger;
}

type ReplacedListener = (dead: ms.Worker, replacement: ms.Worker) => void;

export class WorkerPool {
  readonly #workers: ms.Worker[] = [];
  readonly #replacedListeners = new Set<ReplacedListener>();
  #next = 0;
  #closing = false;

  private constructor(private readonly options: WorkerPoolOptions) {}

  static async start(options: WorkerPoolOptions): Promise<WorkerPool> {
    if (options.size > 0) assertWorkerBinary();
    const pool = new WorkerPool(options);
    for (let index = 0; index < options.size; index += 1) {
      pool.#workers.push(await pool.#spawn());
    }
    if (options.size > 0) {
      options.log.info({ workers: options.size, version: mediasoup.version }, "mediasoup ready");
    }
    return pool;
  }

  get size(): number {
    return this.#workers.length;
  }

  /** Round-robin choice of a live worker. */
  nextWorker(): ms.Worker {
    const worker = this.#workers[this.#next % this.#workers.length];
    if (!worker) throw new Error("no mediasoup worker is running");
    this.#next += 1;
    return worker;
  }

  onWorkerReplaced(listener: ReplacedListener): () => void {
    this.#replacedListeners.add(listener);
    return () => this.#replacedListeners.delete(listener);
  }

  /** True when every expected worker is alive. */
  healthy(): boolean {
    return this.#workers.every((worker) => !worker.closed && !worker.died);
  }

  async close(): Promise<void> {
    this.#closing = true;
    for (const worker of this.#workers.splice(0)) worker.close();
  }

  async #spawn(): Promise<ms.Worker> {
    const worker = await mediasoup.createWorker({ logLevel: "warn" });
    worker.on("died", (error) => void this.#replace(worker, error));
    return worker;
  }

  async #replace(dead: ms.Worker, error: Error): Promise<void> {
    if (this.#closing) return;
    this.options.log.error({ err: error, pid: dead.pid }, "mediasoup worker died; replacing it");
    try {
      const replacement = await this.#spawn();
      const index = this.#workers.indexOf(dead);
      if (index >= 0) this.#workers[index] = replacement;
      else this.#workers.push(replacement);
      for (const listener of this.#replacedListeners) listener(dead, replacement);
    } catch (spawnError) {
      this.options.log.error({ err: spawnError }, "could not replace the mediasoup worker");
    }
  }
}

export class MediaStartError extends Error {
  override name = "MediaStartError";
}

/** A missing binary would otherwise surface as an unhandled spawn error. */
function assertWorkerBinary(): void {
  try {
    accessSync(mediasoup.workerBin, constants.X_OK);
  } catch {
    throw new MediaStartError(
      `The mediasoup worker binary is missing at ${mediasoup.workerBin}. ` +
        "Run the install again (it builds or fetches the worker; see infra/mediasoup/README.md), " +
        "set MEDIASOUP_WORKER_BIN, or start with MEDIA_WORKERS=0 to run without video.",
    );
  }
}
