/**
 * A candidate bot, driven through the client's own `QueueManager` (the code
 * the candidate's browser runs) over a real socket: joins up to three random
 * stands (answering the screening question where there is one), sometimes
 * leaves, snoozes or readies a place, looks at a stand's page, and closes and
 * reopens its socket; answers most calls the manager shows (accepts most,
 * declines some, lets a few time out) and, once the recruiter ended the
 * interview, checks that the queue dropped the place. Each reconnect lands on
 * a random live server process; when its process dies (or the server drops
 * the socket) the bot reconnects elsewhere, as a browser would, and checks
 * that its places came back.
 *
 * The raw socket is also listened to, only to feed the invariant tracker.
 */
import type { MyQueue, ServerEventPayload } from "@crossfair/shared";
import { QueueManager, type QueueState } from "../../../client/src/lib/queue/queue.manager.js";
import type { RealtimeLink } from "../../../client/src/lib/connection/connection.link.js";
import type { BenchOptions } from "./args.js";
import { BotConnection, connectSomewhere, timedLink } from "./bot-socket.js";
import type { FailoverWatch } from "./failover.js";
import type { RecordsLedger } from "./records-check.js";
import type { SeededStand, SeededUser } from "./seed.js";
import type { ServerPicker } from "./server-cluster.js";
import { between, pick, signal, sleep, thinkTime, type BenchStats } from "./stats.js";
import type { InvariantTracker } from "./tracker.js";

export interface BotContext {
  servers: ServerPicker;
  stats: BenchStats;
  ledger: RecordsLedger;
  failover: FailoverWatch;
  tracker: InvariantTracker;
  options: BenchOptions;
  stands: SeededStand[];
  recruiterIdByName: Map<string, string>;
  /** The source address of a candidate's sockets, by bot index (the soak's network drops). */
  localAddressOf?: (index: number) => string | undefined;
}

const QUEUE_CAP = 3;

/** An error ack after which the server may or may not have made the change. */
const unknownOutcome = (code: string) => code === "internal" || code === "unavailable";
/** How long the queue may take to drop a place after its interview ended (generous: under saturation acks take seconds). */
const END_PROPAGATION_MS = 10_000;
/** Online this long, a candidate's presence mark has been refreshed (heartbeats are 10 s apart). */
const ONLINE_LONG_ENOUGH_MS = 30_000;
/** A removal pushed this long before a request may still be on its way when the request is answered. */
const PUSH_IN_FLIGHT_MS = 10_000;

/** The window a place answered "not in queue" may have gone in: while the request was on its way. */
const requestWindow = (sentAt: number) => ({
  from: sentAt - PUSH_IN_FLIGHT_MS,
  to: Date.now(),
  away: false,
});

export class CandidateBot {
  readonly #socket: BotConnection;
  readonly #link: RealtimeLink;
  readonly #manager: QueueManager;
  #stopping = false;
  #closed = false;
  /** The reconnect under way (on purpose or after a drop); reconnects never overlap. */
  #reopening: Promise<void> | null = null;
  readonly #stopped = signal();
  #inFlight = 0;
  #reconnecting = false;
  /** The call being answered (`standId:deadline`), so each call is answered once. */
  #answering: string | null = null;
  #interviewing = false;
  /** The stand of the call being answered or the interview under way. */
  #engagedStand: string | null = null;
  /** Stands whose leave was sent and not yet answered. */
  readonly #leaving = new Set<string>();
  #baseline: ((queues: MyQueue[]) => void) | null = null;
  /** Since when (epoch ms) this bot's socket has been down; null while connected. */
  #offlineSince: number | null = null;
  /** When (epoch ms) the latest reconnect got its places back. */
  #backSince = Date.now();

  constructor(
    readonly user: SeededUser,
    private readonly index: number,
    private readonly context: BotContext,
  ) {
    this.#socket = new BotConnection(user.cookie, context.stats, context.localAddressOf?.(index));
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
    this.#socket.onDrop(() => this.#onDrop());
  }

  get connected(): boolean {
    return this.#socket.connected;
  }

  /** The server process this bot is connected to (or was last). */
  get serverUrl(): string {
    return this.#socket.url;
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

  /** Connects to this bot's first server (round robin); resolves once `queue:mine` came. */
  async connect(): Promise<void> {
    await this.#open(this.context.servers.initial(this.index));
  }

  /** Connects and resolves with the queues the server pushed on connect (null: none came). */
  async #open(url: string): Promise<MyQueue[] | null> {
    const baseline = new Promise<MyQueue[]>((resolve) => (this.#baseline = resolve));
    try {
      await this.#socket.connect(url);
      return await Promise.race([baseline, sleep(10_000).then(() => null)]);
    } finally {
      this.#baseline = null;
    }
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
    this.#closed = true;
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
    if (result.ok) {
      this.context.tracker.joined(this.user.id, stand.id);
      this.context.ledger.joined(this.user.id, stand.id, result.entry.ticket);
    } else if (unknownOutcome(result.code))
      this.context.tracker.uncertain(this.user.id, stand.id, result.code);
  }

  async #leave(standId: string): Promise<void> {
    const { tracker } = this.context;
    tracker.release(this.user.id, standId);
    // A leave in flight when the socket drops may have been carried out without its ack.
    this.#leaving.add(standId);
    const sentAt = Date.now();
    const result = await this.#manager.leave(standId).finally(() => this.#leaving.delete(standId));
    if (result.ok) tracker.left(this.user.id, standId);
    else if (unknownOutcome(result.code)) tracker.uncertain(this.user.id, standId, result.code);
    else if (result.code === "not_in_queue" && tracker.standsOf(this.user.id).has(standId)) {
      tracker.lostEntry(
        this.user.id,
        standId,
        "leave answered not_in_queue",
        requestWindow(sentAt),
      );
    }
  }

  async #snooze(standId: string): Promise<void> {
    const entry = this.#manager.state.queues.find((queue) => queue.standId === standId);
    const sentAt = Date.now();
    const result =
      entry?.state === "snoozed"
        ? await this.#manager.ready(standId)
        : await this.#manager.snooze(standId);
    if (!result.ok && result.code === "not_in_queue") {
      this.context.tracker.lostEntry(
        this.user.id,
        standId,
        "snooze answered not_in_queue",
        requestWindow(sentAt),
      );
    }
  }

  /** Closes the socket and opens it again, on a random server; the places must come back. */
  async #reconnect(): Promise<void> {
    // Closing the socket under an answer in flight would lose its ack: not the test here.
    if (this.#answering || this.#interviewing || this.#reopening) return;
    this.#offlineSince = Date.now();
    this.#socket.disconnect();
    await this.#reopen("reconnect (until queue:mine)", between(300, 2_000));
  }

  /** The server closed the socket (its process died): back, elsewhere, like a browser. */
  #onDrop(): void {
    this.context.stats.count("candidate sockets dropped by the server or network");
    this.#offlineSince ??= Date.now();
    const after = this.#reopening ?? Promise.resolve();
    void after.then(() => {
      if (this.#closed || this.#socket.connected) return;
      // socket.io-client's own first retry waits 1 s ± 50%.
      return this.#reopen("reconnect after a drop (until queue:mine)", between(500, 1_500));
    });
  }

  /** Reconnects after `pauseMs` offline and checks the places that came back. */
  #reopen(operation: string, pauseMs: number): Promise<void> {
    const run = async () => {
      const { stats, tracker, servers, failover } = this.context;
      this.#reconnecting = true;
      // A place with a call or interview open may end while the socket is down (the interview
      // ended, the call lapsed); the push saying so went to the dead socket.
      const engaged = new Set(
        [...tracker.standsOf(this.user.id)].filter(
          (standId) => standId === this.#engagedStand || tracker.engagedAt(this.user.id, standId),
        ),
      );
      try {
        const heardBefore = this.#socket.lastHeardAt;
        await sleep(pauseMs);
        const before = new Set(tracker.standsOf(this.user.id));
        const started = performance.now();
        const opened = await connectSomewhere((url) => this.#open(url), servers);
        if (!opened.ok) {
          stats.count(`reconnects failed: ${opened.error}`);
          return;
        }
        const queues = opened.value;
        if (!queues) {
          stats.count("no queue:mine within 10 s of connecting");
          return;
        }
        stats.recordOp(operation, performance.now() - started, "ok");
        // A push sent after the last one heard (a removal, say) died with the old socket.
        const from = Math.min(this.#offlineSince ?? Date.now(), heardBefore);
        const offline = { from, to: Date.now(), away: true };
        this.#offlineSince = null;
        this.#backSince = offline.to;
        const restored = new Set(queues.map((queue) => queue.standId));
        // A place the bot itself left meanwhile (its leave may have been sent while the new
        // socket connected, and answered before this check) is not lost.
        const stillHeld = tracker.standsOf(this.user.id);
        for (const standId of before) {
          if (restored.has(standId) || !stillHeld.has(standId)) continue;
          if (engaged.has(standId)) {
            stats.count(
              "places with a call or interview open that ended while the socket was down",
            );
            tracker.gone(this.user.id, standId);
          } else if (this.#leaving.has(standId)) {
            stats.count("places whose leave was in flight when the socket dropped (left)");
            tracker.gone(this.user.id, standId);
          } else tracker.lostEntry(this.user.id, standId, "missing after reconnect", offline);
        }
        for (const standId of restored) {
          if (!before.has(standId)) stats.count("unexpected places restored on reconnect");
          tracker.joined(this.user.id, standId);
        }
        failover.placesBack(this.user.id);
      } finally {
        this.#reconnecting = false;
      }
    };
    const reopening = run().finally(() => {
      if (this.#reopening === reopening) this.#reopening = null;
    });
    this.#reopening = reopening;
    return reopening;
  }

  #onCalled({ standId, deadline, recruiterName }: ServerEventPayload<"queue:called">): void {
    const recruiterId = this.context.recruiterIdByName.get(recruiterName);
    this.context.tracker.callSeen(this.user.id, standId, recruiterId, "called", deadline);
  }

  #onRemoved({ standId, reason }: ServerEventPayload<"queue:removed">): void {
    this.context.stats.count(`queue:removed (${reason})`);
    // The grace removes only candidates offline for long: never one online for a while.
    const onlineForMs = Date.now() - this.#backSince;
    if (reason === "connection_lost" && this.connected && onlineForMs > ONLINE_LONG_ENOUGH_MS) {
      this.context.tracker.lostEntry(
        this.user.id,
        standId,
        `removed as gone (connection_lost) after ${Math.round(onlineForMs / 1000)} s online`,
      );
    }
    this.context.tracker.gone(this.user.id, standId);
  }

  /** The manager shows a call: answer it like a person would, once. */
  #onState(state: QueueState): void {
    const call = state.call;
    if (!call || call.answering || this.#interviewing) return;
    const key = `${call.standId}:${call.deadline}`;
    if (this.#answering === key) return;
    this.#answering = key;
    this.#engagedStand = call.standId;
    // A call made while offline only shows in `queue:mine`, never as `queue:called`.
    this.context.tracker.callRestored(this.user.id, call.standId, call.deadline);
    const roll = Math.random();
    const how = roll < 0.03 ? "ignore" : roll < 0.15 ? "decline" : "accept";
    void this.#respond(call.standId, call.deadline, how).finally(() => {
      if (this.#answering === key) this.#answering = null;
      if (!this.#interviewing) this.#engagedStand = null;
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
    this.context.ledger.accepted(this.user.id, standId, result.interviewId);
    try {
      await this.#interviewUntilEnded(standId, result.interviewId);
    } finally {
      this.#interviewing = false;
    }
  }

  /** After the recruiter ends it, the queue should drop the place (`interviewEnded`). */
  async #interviewUntilEnded(standId: string, interviewId: string): Promise<void> {
    const { stats, tracker } = this.context;
    const stillInterviewing = () =>
      this.#manager.state.queues.some(
        (queue) => queue.standId === standId && queue.state === "interviewing",
      );
    const endedBy = await Promise.race([
      tracker.waitInterviewEnd(interviewId).then(() => "recruiter" as const),
      this.#serverEnds(standId, stillInterviewing),
    ]);
    if (endedBy === "server") {
      // Nobody joined its media (bots never do) or its process died: the server ended it.
      stats.count("interviews ended by the server before the recruiter ended them");
      tracker.gone(this.user.id, standId);
      return;
    }
    const endedAt = Date.now();
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
    // As for any leave: one in flight when the socket drops may be carried out unacked.
    this.#leaving.add(standId);
    const result = await this.#manager.leave(standId).finally(() => this.#leaving.delete(standId));
    // not_in_queue: the end reached the queue while the leave was on its way.
    if (result.ok || result.code === "not_in_queue") tracker.gone(this.user.id, standId);
  }

  /**
   * Resolves "server" once the place, seen interviewing, is dropped while the recruiter
   * had not ended the interview (they release the call before sending the end).
   */
  async #serverEnds(standId: string, stillInterviewing: () => boolean): Promise<"server"> {
    const { tracker } = this.context;
    let seen = false;
    for (;;) {
      await sleep(500);
      if (this.#closed) return new Promise<never>(() => undefined);
      if (stillInterviewing()) seen = true;
      else if (seen && tracker.engagedAt(this.user.id, standId)) return "server";
      else if (seen) return new Promise<never>(() => undefined);
    }
  }
}
