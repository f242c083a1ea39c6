/**
 * The pool of mediasoup workers (one C++ process each), each with its own
 * WebRtcServer: every WebRTC transport of a worker shares that one UDP+TCP
 * port, so a firewall only needs the small MEDIA_PORT range open. A worker
 * that dies is replaced so the process keeps serving; rebuilding the rooms it
 * hosted is the room manager's job (it listens to `onWorkerDied`).
 */
import { accessSync, constants } from "node:fs";
import * as mediasoup from "mediasoup";
import type { types as ms } from "mediasoup";
import type { Logger } from "pino";

export interface WebRtcListenOptions {
  listenIp: string;
  announcedAddress?: string | undefined;
  portMin: number;
  portMax: number;
}

export interface WorkerPoolOptions {
  size: number;
  log: Logger;
  /** Absent: no WebRtcServer (benchmarks that only use PlainTransports). */
  webRtc?: WebRtcListenOptions;
}

/** A live worker and the WebRtcServer its browser transports go through. */
export interface MediaWorker {
  readonly worker: ms.Worker;
  readonly webRtcServer: ms.WebRtcServer | undefined;
  readonly port: number | undefined;
}

type WorkerListener = (dead: ms.Worker) => void;

export class WorkerPool {
  readonly #workers: MediaWorker[] = [];
  readonly #diedListeners = new Set<WorkerListener>();
  readonly #replacedListeners = new Set<(dead: ms.Worker, replacement: ms.Worker) => void>();
  #closing = false;

  private constructor(private readonly options: WorkerPoolOptions) {}

  static async start(options: WorkerPoolOptions): Promise<WorkerPool> {
    if (options.size > 0) assertWorkerBinary();
    const { webRtc } = options;
    if (webRtc && webRtc.portMax - webRtc.portMin + 1 < options.size) {
      throw new MediaStartError(
        `MEDIA_PORT_MIN..MEDIA_PORT_MAX (${webRtc.portMin}..${webRtc.portMax}) must hold at least ` +
          `one port per media worker (${options.size}).`,
      );
    }
    const pool = new WorkerPool(options);
    try {
      for (let index = 0; index < options.size; index += 1) {
        pool.#workers.push(await pool.#spawn());
      }
    } catch (error) {
      await pool.close();
      throw error;
    }
    if (options.size > 0) {
      options.log.info(
        {
          workers: options.size,
          version: mediasoup.version,
          ports: pool.#workers.map((w) => w.port),
        },
        "mediasoup ready",
      );
    }
    return pool;
  }

  get size(): number {
    return this.#workers.length;
  }

  get workers(): readonly MediaWorker[] {
    return this.#workers;
  }

  /** The live worker with the least load (ties: the first), skipping any awaiting replacement. */
  leastLoaded(loadOf: (worker: MediaWorker) => number): MediaWorker | undefined {
    let best: MediaWorker | undefined;
    for (const candidate of this.#workers) {
      if (candidate.worker.died || candidate.worker.closed) continue;
      if (!best || loadOf(candidate) < loadOf(best)) best = candidate;
    }
    return best;
  }

  /** Live workers now (a dead one counts again once its replacement is up). */
  get liveCount(): number {
    return this.#workers.filter(({ worker }) => !worker.died && !worker.closed).length;
  }

  /** Resolves when a replacement worker is up, or false after `timeoutMs`. */
  waitForReplacement(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        stop();
        resolve(false);
      }, timeoutMs);
      const stop = this.onWorkerReplaced(() => {
        clearTimeout(timer);
        stop();
        resolve(true);
      });
    });
  }

  /** Called as soon as a worker dies, before its replacement is up. */
  onWorkerDied(listener: WorkerListener): () => void {
    this.#diedListeners.add(listener);
    return () => this.#diedListeners.delete(listener);
  }

  onWorkerReplaced(listener: (dead: ms.Worker, replacement: ms.Worker) => void): () => void {
    this.#replacedListeners.add(listener);
    return () => this.#replacedListeners.delete(listener);
  }

  /** True when every expected worker is alive. */
  healthy(): boolean {
    return this.#workers.every(({ worker }) => !worker.closed && !worker.died);
  }

  async close(): Promise<void> {
    this.#closing = true;
    for (const { worker } of this.#workers.splice(0)) worker.close();
  }

  async #spawn(): Promise<MediaWorker> {
    const worker = await mediasoup.createWorker({ logLevel: "warn" });
    worker.on("died", (error) => void this.#replace(worker, error));
    try {
      const listen = this.options.webRtc;
      if (!listen) return { worker, webRtcServer: undefined, port: undefined };
      const { webRtcServer, port } = await this.#listen(worker, listen);
      return { worker, webRtcServer, port };
    } catch (error) {
      worker.close();
      throw error;
    }
  }

  /**
   * Takes the first free port of the range for UDP and TCP. Searching (rather
   * than port = min + index) lets a replacement reuse a dead worker's port and
   * lets test servers share a machine without coordinating.
   */
  async #listen(
    worker: ms.Worker,
    listen: WebRtcListenOptions,
  ): Promise<{ webRtcServer: ms.WebRtcServer; port: number }> {
    const taken = new Set(this.#workers.map((w) => w.port));
    for (let port = listen.portMin; port <= listen.portMax; port += 1) {
      if (taken.has(port)) continue;
      const info = (protocol: "udp" | "tcp"): ms.TransportListenInfo => ({
        protocol,
        ip: listen.listenIp,
        port,
        ...(listen.announcedAddress ? { announcedAddress: listen.announcedAddress } : {}),
      });
      try {
        const webRtcServer = await worker.createWebRtcServer({
          listenInfos: [info("udp"), info("tcp")],
        });
        return { webRtcServer, port };
      } catch (error) {
        // Only a busy port is worth another try; anything else (bad IP) is final.
        if (!/in use|EADDRINUSE|bind/i.test(String(error)))
          throw new MediaStartError(String(error));
      }
    }
    throw new MediaStartError(
      `No free media port in ${listen.portMin}..${listen.portMax} on ${listen.listenIp}.`,
    );
  }

  async #replace(dead: ms.Worker, error: Error): Promise<void> {
    if (this.#closing) return;
    this.options.log.error({ err: error, pid: dead.pid }, "mediasoup worker died; replacing it");
    for (const listener of this.#diedListeners) listener(dead);
    try {
      const replacement = await this.#spawn();
      const index = this.#workers.findIndex((w) => w.worker === dead);
      if (index >= 0) this.#workers[index] = replacement;
      else this.#workers.push(replacement);
      for (const listener of this.#replacedListeners) listener(dead, replacement.worker);
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
