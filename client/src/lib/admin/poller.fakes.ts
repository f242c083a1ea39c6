/** Timers a manager's test fires by hand, one poll at a time, on a clock it sets. */
import type { PollerTimers } from "./poller.js";

export class ManualTimers implements PollerTimers {
  time = 0;
  /** Every wait the poller asked for, in order. */
  delays: number[] = [];
  callbacks: (() => void)[] = [];
  setTimeout(callback: () => void, ms: number) {
    this.callbacks.push(callback);
    this.delays.push(ms);
    return this.callbacks.length;
  }
  clearTimeout() {
    this.callbacks = [];
  }
  now() {
    return this.time;
  }
  /** Runs what is due, then lets the answers settle. */
  async fire() {
    const due = this.callbacks;
    this.callbacks = [];
    for (const callback of due) callback();
    await settle();
  }
}

export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
