/**
 * Owns a candidate's side of the live queues: which queues they are in (from
 * `queue:mine` and the acks) and so, with each stand's line (`StandWatches`),
 * their position and wait estimate; the pending incoming call and its answer
 * (the countdown is `CallCountdown`'s), and the interview that starts when a
 * call is accepted. Components read it as a Svelte store and call its
 * actions; only this file and `StandWatches` talk to the link.
 *
 * The server is the source of truth: every full `queue:mine` replaces what we
 * hold, and after a reconnect the manager asks again, so places survive
 * reloads and network blips.
 */
import {
  ErrorCode,
  type Ack,
  type ClientEventPayload,
  type ClientEventResult,
  type MyQueue,
  type RemovalReason,
  type ServerEventPayload,
  type StandQueueCounts,
  type StandQueueView,
} from "@crossfair/shared";
import type { RealtimeLink } from "../connection/connection.link.js";
import { CallCountdown, type IncomingCall } from "./queue.call-countdown.js";
import { toQueueView, type MyQueueView } from "./queue.view.js";
import { StandWatches } from "./queue.watches.js";
import type { LineTimers } from "./stand-line.js";
import { LatestRequest, StateStore } from "../store/state-store.js";

export type { IncomingCall } from "./queue.call-countdown.js";

export type QueueNotice =
  { kind: "removed"; standId: string; reason: RemovalReason } | { kind: "missed"; standId: string };

export interface QueueState {
  /** False until the server has told this connection the candidate's queues. */
  loaded: boolean;
  queues: MyQueueView[];
  call: IncomingCall | null;
  /** The interview the candidate is in, from the start event or a restored place. */
  interview: { standId: string; interviewId: string } | null;
  notice: QueueNotice | null;
  /** Latest counts of every stand this client watches, for stand pages too. */
  stands: Readonly<Record<string, StandQueueCounts>>;
}

export interface QueueManagerOptions {
  /** Wall clock in epoch ms, the same scale as the server's deadlines. */
  now?: () => number;
  /** How often the call countdown is refreshed. */
  tickMs?: number;
  /** How long a missing delta version may stay missing before the stand is read again. */
  gapMs?: number;
  timers?: LineTimers;
}

type ChangeEvent = "queue:join" | "queue:leave" | "queue:snooze" | "queue:respond";
type Result<E extends ChangeEvent> = Ack<ClientEventResult<E>>;

/** Answers after which a change may or may not have been made (the server could not tell). */
const OUTCOME_UNKNOWN = new Set<string>([ErrorCode.unavailable, ErrorCode.internal]);

const EMPTY: QueueState = {
  loaded: false,
  queues: [],
  call: null,
  interview: null,
  notice: null,
  stands: {},
};

export class QueueManager extends StateStore<QueueState> {
  readonly #link: RealtimeLink;
  readonly #now: () => number;
  readonly #countdown: CallCountdown;
  readonly #watches: StandWatches;

  #candidate = false;
  #loaded = false;
  #entries: MyQueue[] = [];
  #interview: QueueState["interview"] = null;
  #notice: QueueNotice | null = null;
  readonly #interviewListeners = new Set<(interviewId: string) => void>();
  readonly #joinListeners = new Set<(standId: string) => void>();
  #announcedInterview: string | null = null;
  /** Renewed on reconnect and on a change of user, so a late answer of an old request is ignored. */
  readonly #requests = new LatestRequest();
  readonly #detach: (() => void)[];

  constructor(link: RealtimeLink, options: QueueManagerOptions = {}) {
    super(EMPTY);
    this.#link = link;
    this.#now = options.now ?? Date.now;
    this.#countdown = new CallCountdown({
      now: this.#now,
      tickMs: options.tickMs ?? 250,
      onTick: () => this.#emit(),
      onMissed: (standId) => {
        this.#notice = { kind: "missed", standId };
        this.#emit();
      },
    });
    this.#watches = new StandWatches(link, {
      onChange: () => this.#emit(),
      gapMs: options.gapMs,
      timers: options.timers,
    });
    this.#detach = [
      link.on("queue:mine", ({ queues }) => this.#replaceEntries(queues)),
      link.on("queue:called", (call) => this.#called(call)),
      link.on("queue:removed", (removed) => this.#removed(removed)),
      link.on("queue:interviewStarted", (started) => this.#interviewStarted(started)),
      link.onConnect(() => this.#reconnected()),
    ];
  }

  /** Built fresh on each read: the watches and the call countdown change between emits. */
  override get state(): QueueState {
    return this.#snapshot();
  }

  /** Only candidates have queues; anyone else (or nobody) gets an empty, quiet manager. */
  setCandidate(candidate: boolean): void {
    if (candidate === this.#candidate) return;
    this.#candidate = candidate;
    this.#requests.cancel();
    this.#watches.invalidate();
    this.#loaded = false;
    this.#setEntries([]);
    this.#countdown.clear();
    this.#interview = null;
    this.#announcedInterview = null;
    this.#notice = null;
    this.#emit();
    if (candidate && this.#link.connected) void this.#refresh();
  }

  /** Staff hear about their interviews through the same event; they navigate too. */
  onInterviewStarted(listener: (interviewId: string) => void): () => void {
    this.#interviewListeners.add(listener);
    return () => this.#interviewListeners.delete(listener);
  }

  /** After each join the server accepted (the page offers notifications then). */
  onJoined(listener: (standId: string) => void): () => void {
    this.#joinListeners.add(listener);
    return () => this.#joinListeners.delete(listener);
  }

  async join(
    standId: string,
    answers: { questionId: string; answer: string }[],
  ): Promise<Result<"queue:join">> {
    const result = await this.#change("queue:join", {
      standId,
      consentToShareProfile: true,
      answers,
    });
    if (result.ok) {
      this.#upsert(result.entry, result.update);
      for (const listener of this.#joinListeners) listener(standId);
    }
    return result;
  }

  async leave(standId: string): Promise<Result<"queue:leave">> {
    const result = await this.#change("queue:leave", { standId });
    // "not in queue" means the server already forgot it: so should we.
    if (result.ok || result.code === ErrorCode.notInQueue) {
      this.#setEntries(this.#entries.filter((entry) => entry.standId !== standId));
      if (this.#countdown.call?.standId === standId) this.#countdown.clear();
      this.#emit();
    }
    return result;
  }

  /** Keeps the place but lets others go first until `ready`. */
  snooze(standId: string): Promise<Result<"queue:snooze">> {
    return this.#setSnoozed(standId, true);
  }

  ready(standId: string): Promise<Result<"queue:snooze">> {
    return this.#setSnoozed(standId, false);
  }

  accept(): Promise<Result<"queue:respond">> {
    return this.#respond(true);
  }

  /** A first decline returns the candidate to their place, a second removes them. */
  decline(): Promise<Result<"queue:respond">> {
    return this.#respond(false);
  }

  /** Keeps the stand's counts coming while its page is open; returns the stop. */
  viewStand(standId: string): () => void {
    return this.#watches.view(standId);
  }

  dismissNotice(): void {
    this.#notice = null;
    this.#emit();
  }

  destroy(): void {
    for (const detach of this.#detach) detach();
    this.#watches.destroy();
    this.#countdown.clear();
    this.#interviewListeners.clear();
    this.#joinListeners.clear();
  }

  // ---- server events -------------------------------------------------------

  #replaceEntries(queues: MyQueue[]): void {
    if (!this.#candidate) return;
    this.#loaded = true;
    this.#setEntries(queues);
    const called = queues.find((entry) => entry.state === "called");
    if (!called && this.#countdown.call) {
      this.#countdown.clear(); // answered in another tab, expired, or withdrawn
    } else if (
      called &&
      called.callDeadline !== undefined &&
      called.standId !== this.#countdown.call?.standId
    ) {
      this.#countdown.start(called.standId, called.callDeadline, null);
    }
    const interviewing = queues.find(
      (entry) => entry.state === "interviewing" && entry.interviewId,
    );
    this.#interview =
      interviewing?.interviewId !== undefined
        ? { standId: interviewing.standId, interviewId: interviewing.interviewId }
        : null;
    this.#emit();
  }

  #called(call: ServerEventPayload<"queue:called">): void {
    if (!this.#candidate) return;
    // Rebase the deadline on this device's clock, which may be off from the server's.
    const deadline = this.#now() + (call.deadline - call.serverTime);
    this.#countdown.start(call.standId, deadline, call.recruiterName);
    this.#setEntries(
      this.#entries.map((entry) =>
        entry.standId === call.standId
          ? { ...entry, state: "called", callDeadline: deadline }
          : entry,
      ),
    );
    this.#emit();
  }

  #removed({ standId, reason }: ServerEventPayload<"queue:removed">): void {
    if (!this.#candidate) return;
    this.#setEntries(this.#entries.filter((entry) => entry.standId !== standId));
    if (this.#countdown.call?.standId === standId) this.#countdown.clear();
    // Leaving is the candidate's own doing and needs no notice.
    if (reason !== "left") this.#notice = { kind: "removed", standId, reason };
    this.#emit();
  }

  #interviewStarted({ standId, interviewId }: ServerEventPayload<"queue:interviewStarted">): void {
    if (this.#countdown.call?.standId === standId) this.#countdown.clear();
    if (this.#candidate) this.#interview = { standId, interviewId };
    this.#emit();
    this.#announceInterview(interviewId);
  }

  #reconnected(): void {
    // Rooms and subscriptions of the old connection are gone on the server.
    this.#requests.cancel();
    this.#watches.reconnected();
    if (this.#candidate) void this.#refresh();
  }

  // ---- requests ------------------------------------------------------------

  async #refresh(): Promise<void> {
    const generation = this.#requests.current;
    const result = await this.#link.request("queue:mine", {});
    if (!generation.isLatest()) return;
    if (result.ok) this.#replaceEntries(result.queues);
    else if (result.code === ErrorCode.unauthenticated || result.code === ErrorCode.forbidden) {
      // The session ended under us: show no stale places.
      this.#setEntries([]);
      this.#countdown.clear();
      this.#emit();
    }
  }

  /** Asks for a change; if the answer leaves its outcome unknown, reads the places again. */
  async #change<E extends ChangeEvent>(
    event: E,
    payload: ClientEventPayload<E>,
  ): Promise<Result<E>> {
    const result = await this.#link.request(event, payload);
    if (!result.ok && OUTCOME_UNKNOWN.has(result.code) && this.#candidate) void this.#refresh();
    return result;
  }

  async #setSnoozed(standId: string, snoozed: boolean): Promise<Result<"queue:snooze">> {
    const result = await this.#change("queue:snooze", { standId, snoozed });
    if (result.ok) this.#upsert(result.entry, result.update);
    return result;
  }

  async #respond(accept: boolean): Promise<Result<"queue:respond">> {
    const call = this.#countdown.call;
    if (!call) return { ok: false, code: ErrorCode.notCalled, message: "no call to answer" };
    if (call.answering)
      return { ok: false, code: ErrorCode.conflict, message: "already answering" };
    this.#countdown.setAnswering(true);
    this.#emit();
    const result = await this.#change("queue:respond", { standId: call.standId, accept });
    // Resolved meanwhile by an event.
    if (this.#countdown.call?.standId !== call.standId) return result;
    if (result.ok) {
      this.#countdown.clear();
      if (result.interviewId)
        this.#interviewStarted({ standId: call.standId, interviewId: result.interviewId });
    } else if (result.code === ErrorCode.notCalled) {
      this.#countdown.clear();
      this.#notice = { kind: "missed", standId: call.standId };
    } else {
      this.#countdown.setAnswering(false);
    }
    this.#emit();
    return result;
  }

  // ---- helpers -------------------------------------------------------------

  /** Every change of the candidate's places goes through here, so the watches follow. */
  #setEntries(entries: MyQueue[], view?: StandQueueView): void {
    this.#entries = entries;
    this.#watches.track(entries, view);
  }

  /** A place the server answered for, with the stand's view read right after when it came. */
  #upsert(entry: MyQueue, view?: StandQueueView): void {
    const known = this.#entries.some((existing) => existing.standId === entry.standId);
    this.#setEntries(
      known
        ? this.#entries.map((existing) => (existing.standId === entry.standId ? entry : existing))
        : [...this.#entries, entry],
      view?.standId === entry.standId ? view : undefined,
    );
    this.#emit();
  }

  #announceInterview(interviewId: string): void {
    if (this.#announcedInterview === interviewId) return;
    this.#announcedInterview = interviewId;
    for (const listener of this.#interviewListeners) listener(interviewId);
  }

  #snapshot(): QueueState {
    return {
      loaded: this.#loaded,
      queues: this.#entries.map((entry) =>
        toQueueView(entry, this.#watches.countsOf(entry.standId), this.#watches.aheadOf(entry)),
      ),
      call: this.#countdown.call,
      interview: this.#interview,
      notice: this.#notice,
      stands: this.#watches.counts(),
    };
  }

  #emit(): void {
    this.set(this.#snapshot());
  }
}
