/**
 * A recruiter bot, driven through the client's own `StaffConsoleManager`:
 * opens its stand's console, then calls the next candidate, waits for the
 * answer, holds the interview for a while and ends it through
 * `POST /api/interviews/:id/end`, with a short think time between calls.
 */
import type { ServerEventPayload } from "@crossfair/shared";
import { StaffConsoleManager } from "../../../client/src/lib/queue/staff-console.manager.js";
import { connectBotSocket, createBotSocket, timedLink, type BotSocket } from "./bot-socket.js";
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
  readonly #socket: BotSocket;
  readonly #console: StaffConsoleManager;
  #stopping = false;
  readonly #stopped = signal();
  #busy = false;
  readonly #waiting = new Map<string, (answer: Answer) => void>();

  constructor(
    readonly user: SeededUser & { displayName: string },
    readonly stand: SeededStand,
    private readonly context: BotContext,
  ) {
    this.#socket = createBotSocket(context.baseUrl, user.cookie, context.stats);
    this.#console = new StaffConsoleManager(timedLink(this.#socket, context.stats));
    this.#socket.on("staff:callAnswered", (answer) => {
      this.#waiting.get(answer.candidateId)?.(answer);
      this.#waiting.delete(answer.candidateId);
    });
  }

  get idle(): boolean {
    return !this.#busy;
  }

  async connect(): Promise<void> {
    await connectBotSocket(this.#socket);
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
    this.#console.destroy();
    this.#socket.close();
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
    const { stats, tracker, baseUrl } = this.context;
    tracker.release(candidateId, this.stand.id);
    const started = now();
    try {
      const response = await fetch(`${baseUrl}/api/interviews/${interviewId}/end`, {
        method: "POST",
        headers: { cookie: this.user.cookie },
      });
      const outcome = response.ok ? "ok" : `http_${response.status}`;
      stats.recordOp("POST /api/interviews/:id/end", now() - started, outcome);
      await response.arrayBuffer();
    } catch {
      stats.recordOp("POST /api/interviews/:id/end", now() - started, "timeout");
    } finally {
      tracker.interviewEnded(interviewId);
    }
  }
}
