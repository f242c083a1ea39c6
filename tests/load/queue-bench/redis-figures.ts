/**
 * Figures read from Redis while the run goes on: the CPU Redis used (`INFO
 * cpu` before and after), and the fair's outbox (a Redis Stream with the
 * consumer group `drain`, see server/src/queue/keys.ts): how old its oldest
 * undrained entry is, sampled every second, how many entries it took in and
 * how many were drained, and waiting until it is empty before the records
 * are checked in PostgreSQL.
 */
import type { Redis } from "ioredis";
import { percentile, sleep, sortNumbers } from "./stats.js";

const GROUP = "drain";

export interface RedisCpu {
  /** used_cpu_sys + used_cpu_user, ms. */
  totalMs: number;
  /** The _main_thread variants (Redis 6.2+), ms; null when absent. */
  mainThreadMs: number | null;
}

export async function redisCpu(redis: Redis): Promise<RedisCpu> {
  const info = await redis.info("cpu");
  const field = (name: string) => {
    const value = new RegExp(`^${name}:([\\d.]+)`, "m").exec(info)?.[1];
    return value === undefined ? null : Number(value) * 1_000;
  };
  const main = [field("used_cpu_sys_main_thread"), field("used_cpu_user_main_thread")];
  return {
    totalMs: (field("used_cpu_sys") ?? 0) + (field("used_cpu_user") ?? 0),
    mainThreadMs: main.every((value) => value !== null) ? main[0]! + main[1]! : null,
  };
}

export const cpuDelta = (before: RedisCpu, after: RedisCpu): RedisCpu => ({
  totalMs: after.totalMs - before.totalMs,
  mainThreadMs:
    before.mainThreadMs === null || after.mainThreadMs === null
      ? null
      : after.mainThreadMs - before.mainThreadMs,
});

export interface OutboxSample {
  exists: boolean;
  /** Entries still in the stream: read and not yet acknowledged, or not read yet. */
  undrained: number;
  /** Now minus the time of the oldest undrained entry (null when none). */
  oldestAgeMs: number | null;
}

export interface OutboxFigures {
  key: string;
  seen: boolean;
  lagMaxMs: number;
  lagP50Ms: number;
  samples: number;
  /** Entries the stream ever took in (XINFO STREAM entries-added), and how many were drained. */
  entriesAdded: number | null;
  entriesDrained: number | null;
  undrainedAtEnd: number;
  /** How long the drain took after the bots stopped (null: it never emptied). */
  drainAfterStopMs: number | null;
}

/** Flat [name, value, name, value…] replies of XINFO as a map. */
function pairs(reply: unknown): Map<string, unknown> {
  const list = Array.isArray(reply) ? reply : [];
  const map = new Map<string, unknown>();
  for (let index = 0; index + 1 < list.length; index += 2)
    map.set(String(list[index]), list[index + 1]);
  return map;
}

const idMs = (id: string) => Number(id.split("-")[0]);

export class OutboxMonitor {
  readonly #redis: Redis;
  readonly #lags: number[] = [];
  #seen = false;
  #timer: NodeJS.Timeout | null = null;
  #drainAfterStopMs: number | null = null;
  #last: OutboxSample = { exists: false, undrained: 0, oldestAgeMs: null };

  constructor(
    redis: Redis,
    readonly key: string,
  ) {
    this.#redis = redis;
  }

  /**
   * The drainer deletes every entry it acknowledges, so what the stream holds
   * is what is still to write: its length, and its first entry's age. (The
   * group's `lag` from XINFO GROUPS is not used: on Redis 7.0, after deletions
   * and an AOF reload it reported 20,280 entries unread of an empty stream.)
   */
  async sample(): Promise<OutboxSample> {
    const redis = this.#redis;
    const [length, first] = await Promise.all([
      redis.xlen(this.key),
      redis.xrange(this.key, "-", "+", "COUNT", 1) as Promise<[string, string[]][]>,
    ]);
    if (length === 0 && !first[0] && (await redis.exists(this.key)) === 0) {
      return { exists: false, undrained: 0, oldestAgeMs: null };
    }
    this.#seen = true;
    const oldest = first[0]?.[0];
    return {
      exists: true,
      undrained: length,
      oldestAgeMs: oldest ? Math.max(0, Date.now() - idMs(oldest)) : null,
    };
  }

  /** Samples every second until `stop`; sampling errors are counted, never fatal. */
  startSampling(onError: (message: string) => void): void {
    const tick = async () => {
      try {
        this.#last = await this.sample();
        this.#lags.push(this.#last.oldestAgeMs ?? 0);
      } catch (error) {
        onError((error as Error).message);
      }
      this.#timer = setTimeout(() => void tick(), 1_000);
    };
    void tick();
  }

  stopSampling(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** Polls until nothing is undrained (true) or `timeoutMs` passed (false). */
  async waitDrained(timeoutMs: number): Promise<boolean> {
    const started = Date.now();
    for (;;) {
      this.#last = await this.sample();
      if (this.#last.undrained === 0) {
        this.#drainAfterStopMs = Date.now() - started;
        return true;
      }
      if (Date.now() - started > timeoutMs) return false;
      await sleep(250);
    }
  }

  /** What the stream and its group hold, for a post-mortem of an outbox that did not drain. */
  async describe(): Promise<Record<string, unknown>> {
    const redis = this.#redis;
    const group = ((await redis.call("XINFO", "GROUPS", this.key)) as unknown[])
      .map(pairs)
      .find((entry) => entry.get("name") === GROUP);
    const consumers = group
      ? ((await redis.call("XINFO", "CONSUMERS", this.key, GROUP)) as unknown[]).map((entry) =>
          Object.fromEntries(pairs(entry)),
        )
      : [];
    return {
      length: await redis.xlen(this.key),
      group: group ? Object.fromEntries(group) : null,
      consumers,
      first: ((await redis.xrange(this.key, "-", "+", "COUNT", 1)) as [string, string[]][])[0]?.[0],
      last: (
        (await redis.xrevrange(this.key, "+", "-", "COUNT", 1)) as [string, string[]][]
      )[0]?.[0],
    };
  }

  async figures(): Promise<OutboxFigures> {
    let entriesAdded: number | null = null;
    if (this.#seen) {
      try {
        const added = pairs(await this.#redis.call("XINFO", "STREAM", this.key)).get(
          "entries-added",
        );
        if (typeof added === "number") entriesAdded = added;
      } catch {
        // Redis before 7.0 has no entries-added; the stream may also be gone.
      }
    }
    const sorted = sortNumbers(this.#lags);
    return {
      key: this.key,
      seen: this.#seen,
      lagMaxMs: Math.round(sorted.at(-1) ?? 0),
      lagP50Ms: Math.round(percentile(sorted, 50)),
      samples: sorted.length,
      entriesAdded,
      entriesDrained: entriesAdded === null ? null : entriesAdded - this.#last.undrained,
      undrainedAtEnd: this.#last.undrained,
      drainAfterStopMs: this.#drainAfterStopMs,
    };
  }
}
