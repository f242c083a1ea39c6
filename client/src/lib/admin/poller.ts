/**
 * Asks the same question every few seconds (the live dashboard's snapshot):
 * at once on start, then one interval after the previous request began,
 * never two requests at a time, slower after failures (up to a cap) so a
 * dashboard left open does not hammer a struggling server, paused while the
 * page is hidden and asked again as soon as it shows. An answer that arrives
 * after `stop()` is dropped.
 */
import { ErrorCode } from "@crossfair/shared";
import type { HttpResult } from "../http/http.client.js";
import { LatestRequest } from "../store/state-store.js";

export interface PollerTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

/** Whether the page is shown; the browser's is `document.visibilityState`. */
export interface VisibilitySignal {
  isVisible(): boolean;
  /** Calls back on every change; returns the unsubscribe. */
  onChange(listener: (visible: boolean) => void): () => void;
}

export interface PollerOptions<T> {
  intervalMs: number;
  request: () => Promise<HttpResult<T>>;
  onAnswer: (answer: HttpResult<T>) => void;
  /** After n failures in a row the wait is interval × 2^n, at most interval × this. */
  maxBackoff?: number;
  timers?: PollerTimers;
  visibility?: VisibilitySignal;
}

const realTimers: PollerTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export class Poller<T> {
  readonly #options: PollerOptions<T>;
  readonly #timers: PollerTimers;
  #running = false;
  #inFlight = false;
  #timer: unknown = undefined;
  #failures = 0;
  // Every start/stop begins a new generation; answers of an older one are dropped.
  readonly #requests = new LatestRequest();
  #unwatchVisibility: (() => void) | undefined;

  constructor(options: PollerOptions<T>) {
    if (!(options.intervalMs > 0)) throw new RangeError("a poll interval must be positive");
    this.#options = options;
    this.#timers = options.timers ?? realTimers;
  }

  get running(): boolean {
    return this.#running;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#requests.cancel();
    this.#failures = 0;
    this.#unwatchVisibility = this.#options.visibility?.onChange((visible) => {
      if (!this.#running) return;
      if (!visible) this.#clearTimer();
      else if (!this.#inFlight && this.#timer === undefined) void this.#poll();
    });
    if (this.#visible()) void this.#poll();
  }

  stop(): void {
    this.#running = false;
    this.#requests.cancel();
    this.#inFlight = false;
    this.#clearTimer();
    this.#unwatchVisibility?.();
    this.#unwatchVisibility = undefined;
  }

  #visible(): boolean {
    return this.#options.visibility?.isVisible() ?? true;
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) this.#timers.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  async #poll(): Promise<void> {
    this.#clearTimer();
    const generation = this.#requests.current;
    const startedAt = this.#timers.now();
    this.#inFlight = true;
    let answer: HttpResult<T>;
    try {
      answer = await this.#options.request();
    } catch (error) {
      // callApi never throws, but a caller's own request function might.
      answer = { ok: false, code: ErrorCode.internal, message: String(error) };
    }
    if (!generation.isLatest()) return;
    this.#inFlight = false;
    this.#failures = answer.ok ? 0 : this.#failures + 1;
    this.#options.onAnswer(answer);
    if (!this.#running || !this.#visible()) return;
    const factor = Math.min(2 ** this.#failures, this.#options.maxBackoff ?? 4);
    const elapsed = this.#timers.now() - startedAt;
    const delay = Math.max(0, this.#options.intervalMs * factor - elapsed);
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = undefined;
      void this.#poll();
    }, delay);
  }
}
