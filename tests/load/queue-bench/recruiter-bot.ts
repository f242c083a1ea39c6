/**
 * A recruiter bot, driven through the client's own `StaffConsoleManager`:
 * opens its stand's console, then calls the next candidate, waits for the
 * answer, holds the interview for a while and ends it through
 * `POST /api/interviews/:id/end`, with a short think time between calls.
 * When its server process dies it reconnects to another one (the console
 * manager reopens the console by itself on every connect).
 */
import type { ServerEventPayload } from "@crossfair/shared";
import { StaffConsoleManager } from "../../../client/src/lib/queue/staff-console.manager.js";
import { BotConnection, connectSomewhere, timedLink } from "./bot-socket.js";
import type { BotContext } from "./candidate-bot.js";
import type { SeededStand, SeededUser } from "./seed.js";
import { between, now, signal, sleep } from "./stats.js";

type Answer = ServerEventPayload<"staff:callAnswered">;

/**
 * Past the call deadline the answer must still come (the sweep turns silence into
 * `timed_out`); under saturation acks take seconds, so the recruiter waits long.
 */
const ANSWER_GRACE_MS = 60_000;

export class RecruiterBot {
  readonly #socket: BotConnection;
  readonly #console: StaffConsoleManager;
  #stopping = false;
  readonly #stopped = signal();
  #busy = false;
  readonly #waiting = new Map<string, (answer: Answer) => void>();
  #closed = false;
  /** When the server last dropped this bot's socket (epoch ms; 0: never). */
  #droppedAt = 0;

  constructor(
    readonly user: SeededUser & { displayName: string },
    readonly stand: SeededStand,
    private readonly index: number,
    private readonly context: BotContext,
  ) {
    this.#socket = new BotConnection(user.cookie, context.stats);
    this.#console = new StaffConsoleManager(timedLink(this.#socket, context.stats));
    this.#socket.on("staff:callAnswered", (answer: Answer) => {
      this.#waiting.get(answer.candidateId)?.(answer);
      this.#waiting.delete(answer.candidateId);
    });
    this.#socket.onDrop(() => void this.#reconnectAfterDrop());
  }

  get idle(): boolean {
    return !this.#busy && this.#socket.connected;
  }

  async connect(): Promise<void> {
    await this.#socket.connect(this.context.servers.initial(this.index));
    await this.#console.open(this.stand.id);
    const { status, error } = this.#console.state;
    if (status !== "ready") throw new Error(`staff console: ${status} ${error?.code ?? ""}`);
  }

  async run(): Promise<void> {
    const pause = (ms: number) => Promise.race([sleep(ms), this.#stopped.promise]);
    await pause(Math.random() * 2_000);
    while (!this.#stopping) {
      this.#busy = true;
      let called: boolean;
      try {
        called = await this.#callOnce();
      } finally {
        this.#busy = false;
      }
      if (this.#stopping) break;
      await pause(called ? between(300, 1_000) : between(1_000, 2_000));
    }
  }

  stop(): void {
    this.#stopping = true;
    this.#stopped.fire();
  }

  close(): void {
    this.#closed = true;
    this.#console.destroy();
    this.#socket.close();
  }

  async #reconnectAfterDrop(): Promise<void> {
    const { stats, servers } = this.context;
    this.#droppedAt = Date.now();
    stats.count("recruiter sockets dropped by the server or network");
    await sleep(between(500, 1_500));
    if (this.#closed) return;
    const started = now();
    const opened = await connectSomewhere((url) => this.#socket.connect(url), servers);
    if (opened.ok) stats.recordOp("recruiter reconnect after a drop", now() - started, "ok");
    else stats.count(`recruiter reconnects failed: ${opened.error}`);
  }

  #waitAnswer(candidateId: string, timeoutMs: number): Promise<Answer | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), timeoutMs);
      this.#waiting.set(candidateId, (received) => {
        clearTimeout(timer);
        resolve(received);
      });
    });
  }

  /** One call-next round; returns whether someone was called. */
  async #callOnce(): Promise<boolean> {
    const { stats, tracker, options } = this.context;
    if (!this.#socket.connected) return false;
    const reply = await this.#console.callNext();
    if (!reply.ok || !reply.candidateId) return false;
    const candidateId = reply.candidateId;
    const deadline = Date.now() + options.callTimeoutS * 1_000;
    tracker.callSeen(candidateId, this.stand.id, this.user.id, "callNext", deadline);

    const sentAt = Date.now();
    let answer = await this.#waitAnswer(candidateId, options.callTimeoutS * 1_000 + 5_000);
    if (!answer && this.#droppedAt >= sentAt) {
      // The answer went out while this socket was down. A real recruiter sees the interview
      // again after the reload; the bench knows its id from the candidate's accept ack.
      this.#waiting.delete(candidateId);
      const interviewId = this.context.ledger.interviewSince(candidateId, this.stand.id, sentAt);
      stats.count(
        interviewId
          ? "interviews accepted while the recruiter's socket was down (ended all the same)"
          : "calls answered while the recruiter's socket was down (no interview followed)",
      );
      if (!interviewId) return true;
      const length = this.#stopping ? 0 : between(options.interviewMinMs, options.interviewMaxMs);
      await Promise.race([sleep(length), this.#stopped.promise]);
      await this.#endInterview(candidateId, interviewId);
      return true;
    }
    if (!answer && tracker.leftSince(candidateId, this.stand.id, sentAt - 1_000)) {
      // Leaving while called ends the call on the server, but nobody tells the recruiter.
      stats.count("calls ended by the candidate leaving, no staff:callAnswered");
      this.#waiting.delete(candidateId);
      tracker.release(candidateId, this.stand.id);
      return true;
    }
    if (!answer) {
      // Waits long for a late answer, but not past a stop by much: the run is over.
      const stopped = this.#stopped.promise.then(() => sleep(5_000)).then(() => null);
      answer = await Promise.race([this.#waitAnswer(candidateId, ANSWER_GRACE_MS), stopped]);
    }
    this.#waiting.delete(candidateId);
    if (!answer) {
      stats.count(
        this.#stopping
          ? "calls still without staff:callAnswered when the run stopped"
          : "calls with no staff:callAnswered by the deadline + 65 s (unexplained)",
      );
      return true;
    }
    stats.count(`staff:callAnswered (${answer.outcome})`);
    if (answer.outcome !== "accepted") {
      tracker.release(candidateId, this.stand.id);
      return true;
    }
    if (!answer.interviewId) {
      stats.count("accepted answers without an interview id");
      return true;
    }
    const length = this.#stopping ? 0 : between(options.interviewMinMs, options.interviewMaxMs);
    await Promise.race([sleep(length), this.#stopped.promise]);
    await this.#endInterview(candidateId, answer.interviewId);
    return true;
  }

  async #endInterview(candidateId: string, interviewId: string): Promise<void> {
    const { stats, tracker, servers, ledger } = this.context;
    tracker.release(candidateId, this.stand.id);
    try {
      // A process that died under the request: the recruiter presses "end" again (elsewhere).
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const baseUrl = attempt === 0 && this.#socket.url ? this.#socket.url : servers.random();
        const started = now();
        try {
          const response = await fetch(`${baseUrl}/api/interviews/${interviewId}/end`, {
            method: "POST",
            headers: { cookie: this.user.cookie },
          });
          const outcome = response.ok ? "ok" : `http_${response.status}`;
          stats.recordOp("POST /api/interviews/:id/end", now() - started, outcome);
          await response.arrayBuffer();
          if (response.ok) ledger.ended(interviewId);
          return;
        } catch {
          stats.recordOp("POST /api/interviews/:id/end", now() - started, "network_error");
          await sleep(between(300, 1_000));
        }
      }
    } finally {
      tracker.interviewEnded(interviewId);
    }
  }
}
