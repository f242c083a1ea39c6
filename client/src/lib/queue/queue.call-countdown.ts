/**
 * A candidate's pending incoming call and its countdown: the answer window,
 * the time left by the injected clock, and the ticker that refreshes it and
 * runs only while there is a call. The queue manager decides when a call
 * starts or ends; this module only counts, and says when one ran out.
 */

export interface IncomingCall {
  standId: string;
  /** Unknown when the call was restored from `queue:mine` after a reload. */
  recruiterName: string | null;
  /** Epoch ms, from the server. */
  deadline: number;
  /** The answer window as first seen, for a progress bar. */
  windowMs: number;
  remainingMs: number;
  /** An accept or decline is on its way. */
  answering: boolean;
}

export interface CallCountdownOptions {
  /** Wall clock in epoch ms, the same scale as the deadlines. */
  now: () => number;
  /** How often the countdown is refreshed. */
  tickMs: number;
  /** After every tick that keeps the call. */
  onTick: () => void;
  /** The call's deadline passed unanswered; the call is already cleared. */
  onMissed: (standId: string) => void;
}

export class CallCountdown {
  readonly #options: CallCountdownOptions;
  #call: IncomingCall | null = null;
  #ticker: ReturnType<typeof setInterval> | undefined;

  constructor(options: CallCountdownOptions) {
    this.#options = options;
  }

  get call(): IncomingCall | null {
    return this.#call;
  }

  /**
   * Starts counting down a call. Seeing the same call again (a `queue:mine`
   * after the `queue:called`) keeps its window and recruiter's name.
   */
  start(standId: string, deadline: number, recruiterName: string | null): void {
    const remainingMs = deadline - this.#options.now();
    if (remainingMs <= 0) return; // a stale call restored after its deadline
    const sameCall = this.#call?.standId === standId && this.#call.deadline === deadline;
    this.#replace({
      standId,
      deadline,
      recruiterName: recruiterName ?? (sameCall ? (this.#call?.recruiterName ?? null) : null),
      windowMs: sameCall ? (this.#call?.windowMs ?? remainingMs) : remainingMs,
      remainingMs,
      answering: false,
    });
  }

  /** Marks an accept or decline as on its way (or back, after a failure); no call, no change. */
  setAnswering(answering: boolean): void {
    if (this.#call) this.#call = { ...this.#call, answering };
  }

  /** Drops the call, if any, and stops the ticker. */
  clear(): void {
    this.#replace(null);
  }

  #replace(call: IncomingCall | null): void {
    this.#call = call;
    if (call && this.#ticker === undefined) {
      this.#ticker = setInterval(() => this.#tick(), this.#options.tickMs);
    } else if (!call && this.#ticker !== undefined) {
      clearInterval(this.#ticker);
      this.#ticker = undefined;
    }
  }

  #tick(): void {
    const call = this.#call;
    if (!call) return;
    const remainingMs = Math.max(0, call.deadline - this.#options.now());
    if (remainingMs > 0 || call.answering) {
      this.#call = { ...call, remainingMs };
      this.#options.onTick();
    } else {
      // The server's sweep decides what happens to the place; its queue:mine follows.
      this.#replace(null);
      this.#options.onMissed(call.standId);
    }
  }
}
