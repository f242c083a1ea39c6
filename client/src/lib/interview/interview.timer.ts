/**
 * The interview's clock, the same on both sides: the time left until the
 * planned end (mm:ss), a gentle warning from `INTERVIEW_WARNING_MS` before
 * it, then the time over it, counting up. It never ends the call: the two
 * people in it finish their sentence and decide.
 *
 * The planned end arrives with every join as server epoch ms beside the
 * server's clock at that moment, so it is counted on this browser's clock
 * from their difference (as the queue's call deadline is): a skewed clock
 * still shows the right time left. Screen readers hear the warning and the
 * end once, through `announcement`, not every second.
 *
 *   none ─plan()→ running ─(2 min left)→ warning ─(planned end)→ over
 *     ↑                                                     │
 *     └───────────────────── stop() ────────────────────────┘
 */
import { INTERVIEW_WARNING_MS } from "@crossfair/shared";
import { StateStore } from "../store/state-store.js";

export type TimerStage = "none" | "running" | "warning" | "over";

export interface InterviewTimerState {
  stage: TimerStage;
  /** The time left (`running`, `warning`) or the time over (`over`), as mm:ss; "" for `none`. */
  display: string;
  /**
   * What a polite live region says: the stage worth telling (the warning, then
   * the end). It changes when the stage does, never with the seconds.
   */
  announcement: "" | "warning" | "over";
}

export interface TimerClock {
  now(): number;
  /** Calls `fn` every `ms` until the returned stop is called. */
  every(fn: () => void, ms: number): () => void;
}

export const browserClock: TimerClock = {
  now: () => Date.now(),
  every: (fn, ms) => {
    const handle = setInterval(fn, ms);
    return () => clearInterval(handle);
  },
};

/** Often enough that the seconds never skip; the state only changes when the display does. */
const TICK_MS = 250;

/** `ms` as mm:ss (minutes may pass 59: an interview long over shows 75:03). */
export function formatClock(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1_000));
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${pad(Math.floor(seconds / 60))}:${pad(seconds % 60)}`;
}

export class InterviewTimer extends StateStore<InterviewTimerState> {
  readonly #clock: TimerClock;
  /** The planned end on this browser's clock; null while there is none. */
  #endsAt: number | null = null;
  #stopTicking: (() => void) | null = null;

  constructor(clock: TimerClock = browserClock) {
    super({ stage: "none", display: "", announcement: "" });
    this.#clock = clock;
  }

  /**
   * The planned end as a join answered it (null: the interview has none, so no
   * timer shows), with the server's clock at that answer.
   */
  plan(plannedEndsAt: number | null, serverTime: number): void {
    if (plannedEndsAt === null) return this.stop();
    this.#endsAt = this.#clock.now() + (plannedEndsAt - serverTime);
    this.#stopTicking ??= this.#clock.every(() => this.#tick(), TICK_MS);
    this.#tick();
  }

  /** The call is over here (left, ended, failed): no timer any more. */
  stop(): void {
    this.#stopTicking?.();
    this.#stopTicking = null;
    this.#endsAt = null;
    this.set({ stage: "none", display: "", announcement: "" });
  }

  #tick(): void {
    if (this.#endsAt === null) return;
    const left = this.#endsAt - this.#clock.now();
    const stage: TimerStage =
      left <= 0 ? "over" : left <= INTERVIEW_WARNING_MS ? "warning" : "running";
    // Counting down shows a second until it is over (00:01 to the last moment, then 00:00).
    const display = stage === "over" ? formatClock(-left) : formatClock(left + 999);
    const announcement = stage === "running" ? "" : stage;
    const { state } = this;
    if (state.stage === stage && state.display === display) return;
    this.set({ stage, display, announcement });
  }
}
