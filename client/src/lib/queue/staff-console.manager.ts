/**
 * Owns a recruiter's console for one stand: opening it (which also counts
 * them as an active recruiter on the server), the live `staff:queue` view
 * (the head of the queue in full, the rest counted), calling the next
 * candidate, pausing, opening and closing the stand, and the last answer to
 * a call. The console is re-opened after every reconnect, because the server
 * forgets a socket's consoles with the socket.
 */
import {
  ErrorCode,
  type Ack,
  type AckError,
  type ClientEventResult,
  type ServerEventPayload,
  type StaffQueue,
} from "@crossfair/shared";
import type { RealtimeLink } from "../connection/connection.link.js";
import { LatestRequest, StateStore } from "../store/state-store.js";

export type CallAnswer = ServerEventPayload<"staff:callAnswered">;
export type StaffAction = "callNext" | "pause" | "open";

export interface StaffConsoleState {
  standId: string | null;
  status: "idle" | "loading" | "ready" | "error";
  queue: StaffQueue | null;
  error: Pick<AckError, "code" | "message"> | null;
  /** The outcome of the last "call next": who (null when nobody could be called), and when. */
  lastCall: { candidateId: string | null; at: number } | null;
  lastAnswer: CallAnswer | null;
  /** The action waiting for its ack; its button shows busy and ignores repeats. */
  pending: StaffAction | null;
}

const IDLE: StaffConsoleState = {
  standId: null,
  status: "idle",
  queue: null,
  error: null,
  lastCall: null,
  lastAnswer: null,
  pending: null,
};

export interface StaffConsoleOptions {
  now?: () => number;
}

export class StaffConsoleManager extends StateStore<StaffConsoleState> {
  readonly #link: RealtimeLink;
  readonly #now: () => number;
  /** Renewed on open, close and reconnect, so a late answer for an old console is ignored. */
  readonly #requests = new LatestRequest();
  readonly #detach: (() => void)[];

  constructor(link: RealtimeLink, options: StaffConsoleOptions = {}) {
    super(IDLE);
    this.#link = link;
    this.#now = options.now ?? Date.now;
    this.#detach = [
      link.on("staff:queue", (queue) => this.#queue(queue)),
      link.on("staff:callAnswered", (answer) => this.#answered(answer)),
      link.onConnect(() => {
        if (this.state.standId) void this.#load(this.state.standId);
      }),
    ];
  }

  /** Opens the console of a stand; reopening the same stand only refreshes it. */
  async open(standId: string): Promise<void> {
    if (this.state.standId !== standId) this.set({ ...IDLE, standId, status: "loading" });
    if (this.#link.connected) await this.#load(standId);
  }

  /** Stops showing the console, and tells the server this recruiter no longer takes candidates here. */
  close(): void {
    const standId = this.state.standId;
    this.#requests.cancel();
    this.set(IDLE);
    if (standId && this.#link.connected) void this.#link.request("staff:closeConsole", { standId });
  }

  async callNext(): Promise<Ack<ClientEventResult<"staff:callNext">>> {
    return this.#act(
      "callNext",
      (standId) => this.#link.request("staff:callNext", { standId }),
      (result) => {
        // A new call makes the previous call's answer old news.
        this.set({
          ...this.state,
          lastCall: { candidateId: result.candidateId, at: this.#now() },
          lastAnswer: null,
        });
      },
    );
  }

  async setPaused(paused: boolean): Promise<Ack<ClientEventResult<"staff:pause">>> {
    return this.#act(
      "pause",
      (standId) => this.#link.request("staff:pause", { standId, paused }),
      () => {
        const queue = this.state.queue;
        if (queue) this.set({ ...this.state, queue: { ...queue, paused } });
      },
    );
  }

  async setOpen(open: boolean): Promise<Ack<ClientEventResult<"staff:open">>> {
    return this.#act(
      "open",
      (standId) => this.#link.request("staff:open", { standId, open }),
      () => {
        const queue = this.state.queue;
        if (queue) this.set({ ...this.state, queue: { ...queue, open } });
      },
    );
  }

  destroy(): void {
    for (const detach of this.#detach) detach();
    this.#requests.cancel();
  }

  async #load(standId: string): Promise<void> {
    const generation = this.#requests.start();
    const result = await this.#link.request("staff:console", { standId });
    if (!generation.isLatest()) return;
    if (result.ok) {
      this.set({ ...this.state, status: "ready", queue: result.queue, error: null });
    } else {
      this.set({
        ...this.state,
        status: "error",
        queue: null,
        error: { code: result.code, message: result.message },
      });
    }
  }

  async #act<R extends { ok: boolean }>(
    action: StaffAction,
    send: (standId: string) => Promise<R>,
    onOk: (result: Extract<R, { ok: true }>) => void,
  ): Promise<R | AckError> {
    const { standId, status, pending } = this.state;
    if (!standId || status !== "ready") {
      return { ok: false, code: ErrorCode.conflict, message: "the console is not open" };
    }
    if (pending) return { ok: false, code: ErrorCode.conflict, message: `${pending} is under way` };
    const generation = this.#requests.current;
    this.set({ ...this.state, pending: action, error: null });
    const result = await send(standId);
    if (!generation.isLatest()) return result;
    this.set({
      ...this.state,
      pending: null,
      error: result.ok ? null : pickError(result as unknown as AckError),
    });
    if (result.ok) onOk(result as Extract<R, { ok: true }>);
    return result;
  }

  #queue(queue: StaffQueue): void {
    if (queue.standId !== this.state.standId) return;
    this.set({ ...this.state, status: "ready", queue, error: this.state.error });
  }

  #answered(answer: CallAnswer): void {
    if (answer.standId !== this.state.standId) return;
    this.set({ ...this.state, lastAnswer: answer });
  }
}

/** Entries of the queue past the head the console shows in full ("and N more"). */
export function beyondHead(queue: StaffQueue): number {
  return Math.max(0, queue.queueLength - queue.entries.length);
}

function pickError(error: AckError): Pick<AckError, "code" | "message"> {
  return { code: error.code, message: error.message };
}
