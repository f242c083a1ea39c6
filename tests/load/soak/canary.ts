/**
 * The soak's canaries: one candidate per server slot (and one more leaving
 * from the address the network drop cuts), each joining and leaving a stand
 * of its own every half second over the client's `socketLink`, with short
 * timeouts. A fault has recovered, for the canaries, once every one of them
 * has completed a whole join-and-leave that started after the fault ended.
 * Their joins go into the records ledger, so they are checked in PostgreSQL
 * like the bots'.
 */
import {
  socketLink,
  type RealtimeLink,
} from "../../../client/src/lib/connection/connection.link.js";
import { BotConnection, connectSomewhere } from "../queue-bench/bot-socket.js";
import type { RecordsLedger } from "../queue-bench/records-check.js";
import type { SeededUser } from "../queue-bench/seed.js";
import type { ServerPicker } from "../queue-bench/server-cluster.js";
import { BenchStats, sleep } from "../queue-bench/stats.js";

const CYCLE_PAUSE_MS = 500;
const REQUEST_TIMEOUT_MS = 3_000;

export class Canary {
  readonly #connection: BotConnection;
  readonly #link: RealtimeLink;
  #stopped = false;
  #url: string;
  /** Start time (epoch ms) of the latest cycle that completed. */
  #lastOkStart = 0;
  readonly failures = new Map<string, number>();

  constructor(
    readonly name: string,
    private readonly user: SeededUser,
    private readonly standId: string,
    url: string,
    private readonly servers: ServerPicker,
    private readonly ledger: RecordsLedger,
    localAddress?: string,
  ) {
    // Its own stats: the canaries' requests are not the fair's traffic.
    this.#connection = new BotConnection(user.cookie, new BenchStats(), localAddress);
    this.#link = socketLink(this.#connection, REQUEST_TIMEOUT_MS);
    this.#url = url;
  }

  /** Whether a whole cycle started at or after `since` (epoch ms) has completed. */
  okSince(since: number): boolean {
    return this.#lastOkStart >= since;
  }

  /** Moves to another server (a respawned slot) at the next cycle. */
  pin(url: string): void {
    this.#url = url;
    this.#connection.disconnect();
  }

  async run(): Promise<void> {
    while (!this.#stopped) {
      const started = Date.now();
      if (!this.#connection.connected) {
        const url = this.#url;
        const opened = await connectSomewhere(
          (target) => this.#connection.connect(target, 5_000),
          // The pinned server first; another live one when it is down.
          { initial: () => url, random: () => (Math.random() < 0.5 ? url : this.servers.random()) },
        );
        if (!opened.ok) {
          this.#fail("connect");
          continue;
        }
      }
      if (await this.#cycle()) this.#lastOkStart = started;
      await sleep(CYCLE_PAUSE_MS);
    }
  }

  async #cycle(): Promise<boolean> {
    const joined = await this.#link.request("queue:join", {
      standId: this.standId,
      consentToShareProfile: true,
      answers: [],
    });
    // A join is idempotent: after a cycle cut short it answers with the place already held.
    if (!joined.ok) {
      this.#fail(`join ${joined.code}`);
      // The place may have been made all the same: leave, so the next cycle starts clean.
      await this.#link.request("queue:leave", { standId: this.standId });
      return false;
    }
    this.ledger.joined(this.user.id, this.standId, joined.entry.ticket);
    const left = await this.#link.request("queue:leave", { standId: this.standId });
    if (!left.ok) {
      this.#fail(`leave ${left.code}`);
      return false;
    }
    return true;
  }

  #fail(what: string): void {
    this.failures.set(what, (this.failures.get(what) ?? 0) + 1);
  }

  stop(): void {
    this.#stopped = true;
  }

  close(): void {
    this.#stopped = true;
    this.#connection.close();
  }
}

/** Resolves with the ms from `since` until every canary completed a cycle started after it (null: not within `timeoutMs`). */
export async function canariesRecovered(
  canaries: readonly Canary[],
  since: number,
  timeoutMs: number,
): Promise<number | null> {
  const deadline = since + timeoutMs;
  while (Date.now() < deadline) {
    if (canaries.every((canary) => canary.okSince(since))) return Date.now() - since;
    await sleep(100);
  }
  return null;
}
