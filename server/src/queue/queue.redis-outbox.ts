/**
 * The outbox of the Redis queue store: one stream per fair, appended by the
 * queue scripts in the same step as the live change, read through the
 * consumer group `drain`. An entry stays pending until the drainer has
 * committed its rows and acknowledges it (then it is deleted); entries a
 * crashed process read but never acknowledged are claimed by another after
 * `claimIdleMs` (XAUTOCLAIM). The set of fairs with a stream is kept beside
 * them, since a cluster cannot list keys across slots.
 */
import type { QueueKeys } from "./keys.js";
import type { RedisClient } from "../plugins/redis.js";
import type { OutboxEntry, OutboxRecord, QueueOutbox } from "./queue.store.js";

const GROUP = "drain";

type StreamEntry = [id: string, fields: string[]];

function toOutboxEntry(fairId: string, [id, fields]: StreamEntry): OutboxEntry {
  const field = (name: string) => fields[fields.indexOf(name) + 1];
  const records = JSON.parse(field("r") ?? "[]") as unknown;
  return {
    fairId,
    id,
    at: Number(field("a") ?? id.split("-")[0]),
    records: (Array.isArray(records) ? records : []).map(normalise),
  };
}

/** cjson writes empty arrays as `{}` and leaves out absent fields. */
function normalise(record: OutboxRecord): OutboxRecord {
  if (record.kind === "answers" && !Array.isArray(record.answers))
    return { ...record, answers: [] };
  if (record.kind === "event" && record.candidateId === undefined) {
    return { ...record, candidateId: null };
  }
  return record;
}

export class RedisQueueOutbox implements QueueOutbox {
  readonly #registered = new Set<string>();
  readonly #grouped = new Set<string>();

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: QueueKeys,
  ) {}

  /** Remembers that the fair has a stream, once per process, before its first change. */
  async register(fairId: string): Promise<void> {
    if (this.#registered.has(fairId)) return;
    await this.redis.sadd(this.keys.outboxFairs, fairId);
    this.#registered.add(fairId);
  }

  fairs(): Promise<string[]> {
    return this.redis.smembers(this.keys.outboxFairs);
  }

  async #group(key: string): Promise<void> {
    if (this.#grouped.has(key)) return;
    try {
      await this.redis.xgroup("CREATE", key, GROUP, "0", "MKSTREAM");
    } catch (error) {
      if (!String((error as Error).message).includes("BUSYGROUP")) throw error;
    }
    this.#grouped.add(key);
  }

  async read(
    fairId: string,
    consumer: string,
    count: number,
    claimIdleMs: number,
  ): Promise<OutboxEntry[]> {
    const key = this.keys.fair(fairId).outbox;
    await this.#group(key);
    const claimed = (await this.redis.xautoclaim(
      key,
      GROUP,
      consumer,
      claimIdleMs,
      "0-0",
      "COUNT",
      count,
    )) as [string, (StreamEntry | null)[]];
    const entries = claimed[1].filter((entry): entry is StreamEntry => entry !== null);
    if (entries.length < count) {
      const fresh = (await this.redis.xreadgroup(
        "GROUP",
        GROUP,
        consumer,
        "COUNT",
        count - entries.length,
        "STREAMS",
        key,
        ">",
      )) as [string, StreamEntry[]][] | null;
      for (const [, list] of fresh ?? []) entries.push(...list);
    }
    return entries.map((entry) => toOutboxEntry(fairId, entry));
  }

  async ack(fairId: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const key = this.keys.fair(fairId).outbox;
    await this.redis.xack(key, GROUP, ...ids);
    await this.redis.xdel(key, ...ids);
  }

  /** Acknowledged entries are deleted, so the stream's length is what is still to write. */
  async lag(fairId: string, now: number): Promise<{ pending: number; oldestAgeMs: number | null }> {
    const key = this.keys.fair(fairId).outbox;
    const [pending, first] = await Promise.all([
      this.redis.xlen(key),
      this.redis.xrange(key, "-", "+", "COUNT", 1),
    ]);
    const oldest = first[0] ? toOutboxEntry(fairId, first[0]) : null;
    return { pending, oldestAgeMs: oldest ? Math.max(0, now - oldest.at) : null };
  }
}
