/**
 * Owns the candidate's agenda: their bookings and ended interviews (read
 * together, again every `pollMs` while the page shows, and at once when a
 * call starts or ends or an interview starts, since each changes a booking),
 * their queue places as the `QueueManager` keeps them live, and cancelling a
 * booking (asked for first, since a cancelled slot may go to someone else).
 * What the page shows is `agendaView(state)`.
 */
import type { ErrorCode, MyBooking, MyInterview } from "@crossfair/shared";
import type { Readable } from "svelte/store";
import { Poller, type PollerTimers, type VisibilitySignal } from "../admin/poller.js";
import type { HttpResult } from "../http/http.client.js";
import type { QueueState } from "../queue/queue.manager.js";
import type { MyQueueView } from "../queue/queue.view.js";
import { StateStore } from "../store/state-store.js";
import type { AgendaApi } from "./agenda.api.js";
import { agendaView, type AgendaView } from "./agenda.view.js";

export type AgendaOutcome =
  { kind: "cancelled"; bookingId: string } | { kind: "failed"; code: ErrorCode };

export interface AgendaState {
  status: "idle" | "loading" | "ready" | "error";
  /** The first read failed (`error`), or the last refresh did (`ready`, older data kept). */
  error: ErrorCode | null;
  bookings: MyBooking[];
  interviews: MyInterview[];
  /** False until the server has told the candidate's queues. */
  queuesLoaded: boolean;
  queues: MyQueueView[];
  callingStandId: string | null;
  /** Epoch ms of the last change or read, for the view's "ahead" and "cancellable". */
  now: number;
  /** The booking whose cancellation waits for "yes". */
  confirming: string | null;
  /** The booking being cancelled. */
  busy: string | null;
  outcome: AgendaOutcome | null;
}

const IDLE: AgendaState = {
  status: "idle",
  error: null,
  bookings: [],
  interviews: [],
  queuesLoaded: false,
  queues: [],
  callingStandId: null,
  now: 0,
  confirming: null,
  busy: null,
  outcome: null,
};

type Api = Pick<AgendaApi, "myBookings" | "myInterviews" | "cancel">;
/** One read of both lists; `seq` orders reads, so an older answer never replaces a newer one. */
interface Records {
  seq: number;
  bookings: MyBooking[];
  interviews: MyInterview[];
}

export interface AgendaManagerOptions {
  now?: () => number;
  /** How often the bookings are read again while the page shows. */
  pollMs?: number;
  timers?: PollerTimers;
  visibility?: VisibilitySignal;
}

/** Gentle: bookings change rarely, and the events that change them refresh at once. */
export const AGENDA_POLL_MS = 30_000;

export class AgendaManager extends StateStore<AgendaState> {
  readonly #api: Api;
  readonly #queue: Readable<QueueState>;
  readonly #now: () => number;
  readonly #poller: Poller<Records>;
  #issued = 0;
  #applied = 0;
  #unsubscribe: (() => void) | null = null;
  /** The ringing call's stand and the live interview as last seen; null before the first. */
  #liveKey: string | null = null;

  constructor(api: Api, queue: Readable<QueueState>, options: AgendaManagerOptions = {}) {
    super(IDLE);
    this.#api = api;
    this.#queue = queue;
    this.#now = options.now ?? Date.now;
    this.#poller = new Poller<Records>({
      intervalMs: options.pollMs ?? AGENDA_POLL_MS,
      request: () => this.#read(),
      onAnswer: (answer) => this.#apply(answer),
      ...(options.timers ? { timers: options.timers } : {}),
      ...(options.visibility ? { visibility: options.visibility } : {}),
    });
  }

  /** The page shows: read everything, follow the queues, poll gently. */
  open(): void {
    if (this.#unsubscribe) return;
    this.set({ ...IDLE, status: "loading", now: this.#now() });
    this.#unsubscribe = this.#queue.subscribe((queue) => this.#followQueue(queue));
    this.#poller.start();
  }

  close(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#poller.stop();
    this.#liveKey = null;
    this.set(IDLE);
  }

  /** Reads bookings and interviews again now (the poller keeps its own rhythm). */
  async refresh(): Promise<void> {
    this.#apply(await this.#read());
  }

  askCancel(bookingId: string): void {
    if (this.state.busy) return;
    this.update({ confirming: bookingId, outcome: null });
  }

  keep(): void {
    this.update({ confirming: null });
  }

  async cancel(bookingId: string): Promise<boolean> {
    if (this.state.busy || this.state.confirming !== bookingId) return false;
    this.update({ busy: bookingId, outcome: null });
    const result = await this.#api.cancel(bookingId);
    this.update({
      busy: null,
      confirming: null,
      outcome: result.ok ? { kind: "cancelled", bookingId } : { kind: "failed", code: result.code },
    });
    // Cancelled, or refused (past the cut-off, already called): show where it is now.
    await this.refresh();
    return result.ok;
  }

  /** The view of the current state: what the page renders. */
  get view(): AgendaView {
    return agendaView(this.state);
  }

  #followQueue(queue: QueueState): void {
    const callingStandId = queue.call?.standId ?? null;
    const key = `${callingStandId ?? ""}|${queue.interview?.interviewId ?? ""}`;
    const changed = this.#liveKey !== null && key !== this.#liveKey;
    this.#liveKey = key;
    this.update({
      queuesLoaded: queue.loaded,
      queues: queue.queues,
      callingStandId,
      now: this.#now(),
    });
    // A call that starts or ends, or an interview that starts, moves a booking along.
    if (changed) void this.refresh();
  }

  async #read(): Promise<HttpResult<Records>> {
    const seq = ++this.#issued;
    const [bookings, interviews] = await Promise.all([
      this.#api.myBookings(),
      this.#api.myInterviews(),
    ]);
    if (!bookings.ok) return bookings;
    if (!interviews.ok) return interviews;
    return {
      ok: true,
      data: { seq, bookings: bookings.data.bookings, interviews: interviews.data.interviews },
    };
  }

  #apply(answer: HttpResult<Records>): void {
    if (this.state.status === "idle") return; // closed meanwhile
    if (!answer.ok) {
      this.update({
        status: this.state.status === "ready" ? "ready" : "error",
        error: answer.code,
        now: this.#now(),
      });
      return;
    }
    const { seq, bookings, interviews } = answer.data;
    if (seq < this.#applied) return;
    this.#applied = seq;
    this.update({ status: "ready", error: null, bookings, interviews, now: this.#now() });
  }
}
