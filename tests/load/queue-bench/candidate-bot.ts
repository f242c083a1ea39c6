/**
 * A candidate bot, driven through the client's own `QueueManager` (the code
 * the candidate's browser runs) over a real socket: joins up to three random
 * stands (answering the screening question where there is one), sometimes
 * leaves, snoozes or readies a place, looks at a stand's page, and closes and
 * reopens its socket; answers most calls the manager shows (accepts most,
 * declines some, lets a few time out) and, once the recruiter ended the
 * interview, checks that the queue dropped the place.
 *
 * The raw socket is also listened to, only to feed the invariant tracker.
 */
import type { MyQueue, ServerEventPayload } from "@crossfair/shared";
import { QueueManager, type QueueState } from "../../../client/src/lib/queue/queue.manager.js";
import type { RealtimeLink } from "../../../client/src/lib/connection/connection.link.js";
import type { BenchOptions } from "./args.js";
import { connectBotSocket, createBotSocket, timedLink, type BotSocket } from "./bot-socket.js";
import type { SeededStand, SeededUser } from "./seed.js";
import { between, pick, signal, sleep, thinkTime, type BenchStats } from "./stats.js";
import type { InvariantTracker } from "./tracker.js";

export interface BotContext {
  baseUrl: string;
  stats: BenchStats;
  tracker: InvariantTracker;
  options: BenchOptions;
  stands: SeededStand[];
  recruiterIdByName: Map<string, string>;
}

const QUEUE_CAP = 3;

/** An error ack after which the server may or may not have made the change. */
const unknownOutcome = (code: string) => code === "internal" || code === "unavailable";
/** How long the queue may take to drop a place after its interview ended (generous: under saturation acks take seconds). */
const END_PROPAGATION_MS = 10_000;

export class CandidateBot {
  readonly #socket: BotSocket;
  readonly #link: RealtimeLink;
  readonly #manager: QueueManager;
  #stopping = false;
  readonly #stopped = signal();
  #inFlight = 0;
  #reconnecting = false;
  /** The call being answered (`standId:deadline`), so each call is answered once. */
  #answering: string | null = null;
  #interviewing = false;
  #baseline: ((queues: MyQueue[]) => void) | null = null;

  constructor(
    readonly user: SeededUser,
    private readonly context: BotContext,
  ) {
    this.#socket = createBotSocket(context.baseUrl, user.cookie, context.stats);
    this.#link = timedLink(this.#socket, context.stats);
    this.#manager = new QueueManager(this.#link);
    this.#manager.setCandidate(true);
    this.#manager.subscribe((state) => this.#onState(state));
    this.#socket.on("queue:called", (payload) => this.#onCalled(payload));
    this.#socket.on("queue:removed", (payload) => this.#onRemoved(payload));
    this.#socket.on("queue:mine", ({ queues }) => {
      this.#baseline?.(queues);
      this.#baseline = null;
    });
    this.#socket.on("disconnect", (reason) => {
      if (reason !== "io client disconnect") {
        context.stats.count("candidate sockets dropped by the server or network");
      }
    });
  }

  get connected(): boolean {
    return this.#socket.connected;
  }

  /** Nothing in flight, no call or interview open, connected: safe to read the final state. */
  get idle(): boolean {
    return (
      this.#inFlight === 0 &&
      !this.#answering &&
      !this.#interviewing &&
      !this.#reconnecting &&
      this.#socket.connected
    );
  }

  /** Connects and resolves with the queues the server pushed on connect. */
  async connect(): Promise<MyQueue[]> {
    const baseline = new Promise<MyQueue[]>((resolve) => (this.#baseline = resolve));
    await connectBotSocket(this.#socket);
    const queues = await Promise.race([baseline, sleep(10_000).then(() => null)]);
    this.#baseline = null;
    if (queues) return queues;
    this.context.stats.count("no queue:mine within 10 s of connecting");
    return [];
  }

  async run(): Promise<void> {
    const { options } = this.context;
    const pause = (ms: number) => Promise.race([sleep(ms), this.#stopped.promise]);
    await pause(Math.random() * options.thinkMs);
    while (!this.#stopping) {
      await pause(thinkTime(options.thinkMs));
      if (this.#stopping) break;
      if (!this.connected || this.#answering || this.#interviewing) continue;
      this.#inFlight += 1;
      try {
        await this.#act();
      } finally {
        this.#inFlight -= 1;
      }
    }
  }

  stop(): void {
    this.#stopping = true;
    this.#stopped.fire();
  }

  close(): void {
    this.#manager.destroy();
    this.#socket.close();
  }

  async #act(): Promise<void> {
    const { tracker, options, stands } = this.context;
    const mine = tracker.standsOf(this.user.id);
    if (Math.random() < options.reconnectRate) return this.#reconnect();
    if (mine.size < QUEUE_CAP && (mine.size === 0 || Math.random() < 0.6)) {
      const open = stands.filter((stand) => !mine.has(stand.id));
      if (open.length > 0) return this.#join(pick(open));
    }
    const free = [...mine].filter((standId) => !tracker.engagedAt(this.user.id, standId));
    const choice = Math.random();
    if (free.length > 0 && choice < 0.3) return this.#leave(pick(free));
    if (free.length > 0 && choice < 0.75) return this.#snooze(pick(free));
    // Looks at a stand's page for a while: the manager watches it, then unwatches.
    const stop = this.#manager.viewStand(pick(stands).id);
    setTimeout(stop, between(2_000, 8_000));
  }

  async #join(stand: SeededStand): Promise<void> {
    const answers = stand.questionIds.map((questionId) => ({
      questionId,
      answer: "Yes, since 2019",
    }));
    const result = await this.#manager.join(stand.id, answers);
    if (result.ok) this.context.tracker.joined(this.user.id, stand.id);
    else if (unknownOutcome(result.code))
      this.context.tracker.uncertain(this.user.id, stand.id, result.code);
  }

  async #leave(standId: string): Promise<void> {
    const { tracker } = this.context;
    tracker.release(this.user.id, standId);
    const result = await this.#manager.leave(standId);
    if (result.ok) tracker.left(this.user.id, standId);
    else if (unknownOutcome(result.code)) tracker.uncertain(this.user.id, standId, result.code);
    else if (result.code === "not_in_queue" && tracker.standsOf(this.user.id).has(standId)) {
      tracker.lostEntry(this.user.id, standId, "leave answered not_in_queue");
    }
  }

  async #snooze(standId: string): Promise<void> {
    const entry = this.#manager.state.queues.find((queue) => queue.standId === standId);
    const result =
      entry?.state === "snoozed"
        ? await this.#manager.ready(standId)
        : await this.#manager.snooze(standId);
    if (!result.ok && result.code === "not_in_queue") {
      this.context.tracker.lostEntry(this.user.id, standId, "snooze answered not_in_queue");
    }
  }

  /** Closes the socket and opens it again; the places must come back unchanged. */
  async #reconnect(): Promise<void> {
    const { stats, tracker } = this.context;
    // Closing the socket under an answer in flight would lose its ack: not the test here.
    if (this.#answering || this.#interviewing) return;
    this.#reconnecting = true;
    try {
      this.#socket.disconnect();
      await sleep(between(300, 2_000));
      const before = new Set(tracker.standsOf(this.user.id));
      const started = performance.now();
      let queues: MyQueue[];
      try {
        queues = await this.connect();
      } catch (error) {
        stats.count(`reconnects failed: ${(error as Error).message}`);
        return;
      }
      stats.recordOp("reconnect (until queue:mine)", performance.now() - started, "ok");
      const restored = new Set(queues.map((queue) => queue.standId));
      for (const standId of before) {
        if (!restored.has(standId))
          tracker.lostEntry(this.user.id, standId, "missing after reconnect");
      }
      for (const standId of restored) {
        if (!before.has(standId)) stats.count("unexpected places restored on reconnect");
        tracker.joined(this.user.id, standId);
      }
    } finally {
      this.#reconnecting = false;
    }
  }

  #onCalled({ standId, deadline, recruiterName }: ServerEventPayload<"queue:called">): void {
    const recruiterId = this.context.recruiterIdByName.get(recruiterName);
    this.context.tracker.callSeen(this.user.id, standId, recruiterId, "called", deadline);
  }

  #onRemoved({ standId, reason }: ServerEventPayload<"queue:removed">): void {
    this.context.stats.count(`queue:removed (${reason})`);
    this.context.tracker.gone(this.user.id, standId);
  }

  /** The manager shows a call: answer it like a person would, once. */
  #onState(state: QueueState): void {
    const call = state.call;
    if (!call || call.answering || this.#interviewing) return;
    const key = `${call.standId}:${call.deadline}`;
    if (this.#answering === key) return;
    this.#answering = key;
    // A call made while offline only shows in `queue:mine`, never as `queue:called`.
    this.context.tracker.callRestored(this.user.id, call.standId, call.deadline);
    const roll = Math.random();
    const how = roll < 0.03 ? "ignore" : roll < 0.15 ? "decline" : "accept";
    void this.#respond(call.standId, call.deadline, how).finally(() => {
      if (this.#answering === key) this.#answering = null;
    });
  }

  async #respond(standId: string, deadline: number, how: "ignore" | "decline" | "accept") {
    const { stats, tracker } = this.context;
    const verb = { ignore: "left to time out", decline: "declined", accept: "accepted" }[how];
    stats.count(`calls ${verb} by candidates`);
    if (how === "ignore") {
      // The server's sweep must turn it into a no-show; wait a little past the deadline.
      await sleep(Math.max(0, deadline - Date.now()) + 1_500);
      return;
    }
    await sleep(this.#stopping ? 100 : between(300, 1_500));
    // A call that came just before this bot's own reconnect is answered once it is back.
    while (this.#reconnecting) await sleep(100);
    if (how === "decline") tracker.release(this.user.id, standId);
    const result = how === "accept" ? await this.#manager.accept() : await this.#manager.decline();
    if (!result.ok) {
      tracker.release(this.user.id, standId);
      // No ack: the interview may have started (and its end may drop the place) unseen.
      if (unknownOutcome(result.code)) tracker.uncertain(this.user.id, standId, result.code);
      return;
    }
    if (how === "decline") return;
    if (!result.interviewId) {
      stats.count("accepted calls without an interview id");
      return;
    }
    this.#interviewing = true;
    tracker.interviewing(this.user.id, standId, result.interviewId);
    try {
      await this.#interviewUntilEnded(standId, result.interviewId);
    } finally {
      this.#interviewing = false;
    }
  }

  /** After the recruiter ends it, the queue should drop the place (`interviewEnded`). */
  async #interviewUntilEnded(standId: string, interviewId: string): Promise<void> {
    const { stats, tracker } = this.context;
    await tracker.waitInterviewEnd(interviewId);
    const endedAt = Date.now();
    const stillInterviewing = () =>
      this.#manager.state.queues.some(
        (queue) => queue.standId === standId && queue.state === "interviewing",
      );
    while (stillInterviewing() && Date.now() < endedAt + END_PROPAGATION_MS) await sleep(100);
    if (!stillInterviewing()) {
      stats.recordOp("interview end → place dropped (queue:mine)", Date.now() - endedAt, "ok");
      tracker.gone(this.user.id, standId);
      return;
    }
    // The end did not reach the queue in time: the place would stay "interviewing"
    // and freeze the candidate's other queues, so the candidate leaves it.
    stats.count(`interviews still 'interviewing' ${END_PROPAGATION_MS / 1000} s after their end`);
    if (!this.connected) return;
    tracker.release(this.user.id, standId);
    const result = await this.#manager.leave(standId);
    // not_in_queue: the end reached the queue while the leave was on its way.
    if (result.ok || result.code === "not_in_queue") tracker.gone(this.user.id, standId);
  }
}
