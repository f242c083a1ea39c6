/**
 * The live dashboard's state: the newest snapshot of the fair (polled every
 * 3 s), the short history of waiting candidates and interviews kept in the
 * browser, and whether the figures are stale because the last poll failed.
 * A failed poll keeps the last good figures on screen.
 */
import { LIVE_POLL_INTERVAL_MS, type LiveFairSnapshot } from "@crossfair/shared";
import type { HttpResult } from "../http/http.client.js";
import { trendPoint, type TrendKey } from "./chart-data.js";
import type { ListError } from "./paged-list.js";
import { Poller, type PollerTimers, type VisibilitySignal } from "./poller.js";
import { TimeSeriesBuffer, type TimePoint } from "./time-series.js";
import { StateStore } from "../store/state-store.js";

/** The trend chart covers the last ten minutes. */
export const TREND_WINDOW_MS = 10 * 60_000;

export interface LiveDashboardState {
  snapshot: LiveFairSnapshot | null;
  trend: readonly TimePoint<TrendKey>[];
  /** The last poll failed; `snapshot` is the last good one, if any. */
  error: ListError | null;
}

export interface LiveDashboardOptions {
  intervalMs?: number;
  windowMs?: number;
  timers?: PollerTimers;
  visibility?: VisibilitySignal;
}

export class LiveDashboardManager extends StateStore<LiveDashboardState> {
  readonly #trend: TimeSeriesBuffer<TrendKey>;
  readonly #poller: Poller<LiveFairSnapshot>;

  constructor(
    request: () => Promise<HttpResult<LiveFairSnapshot>>,
    options: LiveDashboardOptions = {},
  ) {
    super({ snapshot: null, trend: [], error: null });
    const intervalMs = options.intervalMs ?? LIVE_POLL_INTERVAL_MS;
    const windowMs = options.windowMs ?? TREND_WINDOW_MS;
    // Room for every poll in the window, and some to spare for faster answers.
    this.#trend = new TimeSeriesBuffer({
      windowMs,
      maxPoints: Math.ceil(windowMs / intervalMs) * 2,
    });
    this.#poller = new Poller({
      intervalMs,
      request,
      onAnswer: (answer) => this.#take(answer),
      ...(options.timers ? { timers: options.timers } : {}),
      ...(options.visibility ? { visibility: options.visibility } : {}),
    });
  }

  start(): void {
    this.#poller.start();
  }

  stop(): void {
    this.#poller.stop();
  }

  #take(answer: HttpResult<LiveFairSnapshot>): void {
    if (!answer.ok) {
      this.update((state) => ({
        ...state,
        error: { code: answer.code, message: answer.message },
      }));
      return;
    }
    this.#trend.push(trendPoint(answer.data));
    this.set({ snapshot: answer.data, trend: [...this.#trend.points], error: null });
  }
}

/** The browser's page visibility for the poller. */
export const documentVisibility: VisibilitySignal = {
  isVisible: () => document.visibilityState !== "hidden",
  onChange(listener) {
    const changed = () => listener(document.visibilityState !== "hidden");
    document.addEventListener("visibilitychange", changed);
    return () => document.removeEventListener("visibilitychange", changed);
  },
};
