/**
 * The operations page's state: the newest board of every server process's
 * figures (polled every 5 s, paused while the page is hidden), when this
 * browser received it, and whether the last poll failed. A failed poll keeps
 * the last good board on screen; `retry()` asks again at once. Also which
 * figures a process shows, in which unit, and whether it has gone silent.
 */
import {
  OPERATIONS_POLL_INTERVAL_MS,
  OPERATIONS_SILENT_AFTER_MS,
  type OperationsBoard,
  type ProcessFigures,
} from "@crossfair/shared";
import type { HttpResult } from "../http/http.client.js";
import type { ListError } from "./paged-list.js";
import { Poller, type PollerTimers, type VisibilitySignal } from "./poller.js";
import { StateStore } from "../store/state-store.js";

export interface OperationsState {
  board: OperationsBoard | null;
  /** When the board arrived, on this browser's clock (epoch ms). */
  receivedAt: number | null;
  /** The last poll failed; `board` is the last good one, if any. */
  error: ListError | null;
}

export interface OperationsOptions {
  intervalMs?: number;
  timers?: PollerTimers;
  visibility?: VisibilitySignal;
}

export class OperationsManager extends StateStore<OperationsState> {
  readonly #poller: Poller<OperationsBoard>;
  readonly #now: () => number;

  constructor(
    request: () => Promise<HttpResult<OperationsBoard>>,
    options: OperationsOptions = {},
  ) {
    super({ board: null, receivedAt: null, error: null });
    const timers = options.timers;
    this.#now = timers ? () => timers.now() : () => Date.now();
    this.#poller = new Poller({
      intervalMs: options.intervalMs ?? OPERATIONS_POLL_INTERVAL_MS,
      request,
      onAnswer: (answer) => this.#take(answer),
      ...(timers ? { timers } : {}),
      ...(options.visibility ? { visibility: options.visibility } : {}),
    });
  }

  start(): void {
    this.#poller.start();
  }

  stop(): void {
    this.#poller.stop();
  }

  /** Asks again now, after a failure, instead of waiting out the backoff. */
  retry(): void {
    this.#poller.stop();
    this.#poller.start();
  }

  #take(answer: HttpResult<OperationsBoard>): void {
    if (!answer.ok) {
      this.update({ error: { code: answer.code, message: answer.message } });
      return;
    }
    this.set({ board: answer.data, receivedAt: this.#now(), error: null });
  }
}

/** Whole seconds since the board arrived, for "updated N s ago"; null before the first. */
export function secondsSince(state: OperationsState, now: number): number | null {
  return state.receivedAt === null
    ? null
    : Math.max(0, Math.floor((now - state.receivedAt) / 1000));
}

/** A process whose last figures are too old for the board: it stopped or died. */
export function isSilent(process: ProcessFigures, board: OperationsBoard): boolean {
  return board.at - process.at > OPERATIONS_SILENT_AFTER_MS;
}

export type FigureUnit = "count" | "ms" | "mb" | "percent" | "seconds";

export interface Figure {
  key: Exclude<keyof ProcessFigures, "processId" | "at" | "socketEvents">;
  unit: FigureUnit;
  /** Null where the process cannot tell yet (the workers' CPU before a second sample). */
  value: number | null;
}

/** The key figures of one process, in the order an operator reads them. */
export function processFigures(process: ProcessFigures): Figure[] {
  const units: [Figure["key"], FigureUnit][] = [
    ["sockets", "count"],
    ["eventLoopLagP99Ms", "ms"],
    ["interviewsLive", "count"],
    ["mediaStreams", "count"],
    ["mediaWorkersLive", "count"],
    ["mediaWorkersCpuPercent", "percent"],
    ["outboxPending", "count"],
    ["outboxOldestAgeSeconds", "seconds"],
    ["signInFailures", "count"],
    ["rssMb", "mb"],
    ["heapUsedMb", "mb"],
    ["uptimeSeconds", "seconds"],
  ];
  return units.map(([key, unit]) => ({ key, unit, value: process[key] }));
}
