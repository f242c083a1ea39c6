/**
 * Interviews started from the live queue, while they are live: the queue
 * records their start in its outbox (PostgreSQL gets the row a moment later),
 * so reads and the end go here first. Redis when the queue is on Redis (every
 * process sees the same), a map in the embedded default. Entries expire a
 * day after the start; the row in PostgreSQL is the lasting record.
 *
 * The store also knows when someone was last in each live interview (its
 * start, then every heartbeat of the process hosting its call), so an
 * interview both people abandoned is found and ended.
 */
import type { Interview } from "@crossfair/shared";
import type { RedisClient } from "../plugins/redis.js";

/** A live interview with its stand's fair, so its end is recorded without asking PostgreSQL. */
export type LiveInterview = Interview & { fairId?: string };

export interface LiveInterviews {
  put(interview: LiveInterview): Promise<void>;
  get(interviewId: string): Promise<LiveInterview | null>;
  /** Ends it once: the ended interview for the first caller, null when it was not live here. */
  end(interviewId: string, endedAt: Date): Promise<LiveInterview | null>;
  /** Someone was in these live interviews at `at` (epoch ms). */
  touch(interviewIds: string[], at: number): Promise<void>;
  /** Live interviews nobody has been in since `before` (epoch ms). */
  idleSince(before: number): Promise<string[]>;
}

const TTL_SECONDS = 24 * 3600;

export class MemoryLiveInterviews implements LiveInterviews {
  readonly #interviews = new Map<string, LiveInterview>();
  readonly #lastPresent = new Map<string, number>();

  async put(interview: LiveInterview): Promise<void> {
    this.#interviews.set(interview.id, interview);
    this.#lastPresent.set(interview.id, Date.parse(interview.startedAt));
    setTimeout(() => {
      this.#interviews.delete(interview.id);
      this.#lastPresent.delete(interview.id);
    }, TTL_SECONDS * 1_000).unref();
  }

  async touch(interviewIds: string[], at: number): Promise<void> {
    for (const id of interviewIds) if (this.#lastPresent.has(id)) this.#lastPresent.set(id, at);
  }

  async idleSince(before: number): Promise<string[]> {
    return [...this.#lastPresent].filter(([, at]) => at < before).map(([id]) => id);
  }

  async get(interviewId: string): Promise<LiveInterview | null> {
    return this.#interviews.get(interviewId) ?? null;
  }

  async end(interviewId: string, endedAt: Date): Promise<LiveInterview | null> {
    this.#lastPresent.delete(interviewId);
    const interview = this.#interviews.get(interviewId);
    if (!interview || interview.status !== "live") return null;
    const ended: LiveInterview = {
      ...interview,
      status: "ended",
      endedAt: endedAt.toISOString(),
    };
    this.#interviews.set(interviewId, ended);
    return ended;
  }
}

/** Ends the stored interview only if it is live, atomically (two ends race in two processes). */
const END_SCRIPT = `
local raw = redis.call('GET', KEYS[1])
if not raw then return false end
local interview = cjson.decode(raw)
if interview.status ~= 'live' then return false end
interview.status = 'ended'
interview.endedAt = ARGV[1]
raw = cjson.encode(interview)
redis.call('SET', KEYS[1], raw, 'KEEPTTL')
return raw`;

export class RedisLiveInterviews implements LiveInterviews {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {
    if (!("crossfair_end_interview" in redis)) {
      redis.defineCommand("crossfair_end_interview", { numberOfKeys: 1, lua: END_SCRIPT });
    }
  }

  #key(interviewId: string): string {
    return `${this.prefix}:interview:${interviewId}`;
  }

  /** ZSET interviewId → when someone was last in it; a live interview is in it until it ends. */
  get #presenceKey(): string {
    return `${this.prefix}:present`;
  }

  async put(interview: LiveInterview): Promise<void> {
    await this.redis.set(this.#key(interview.id), JSON.stringify(interview), "EX", TTL_SECONDS);
    await this.redis.zadd(this.#presenceKey, Date.parse(interview.startedAt), interview.id);
  }

  async touch(interviewIds: string[], at: number): Promise<void> {
    // XX: only interviews still live (an ended one was removed and stays out).
    const members = interviewIds.flatMap((id) => [at, id]);
    await this.redis.zadd(this.#presenceKey, "XX", ...members);
  }

  async idleSince(before: number): Promise<string[]> {
    // A day without anyone is past the entries' life: those are dropped, not ended.
    const tooOld = before - TTL_SECONDS * 1_000;
    await this.redis.zremrangebyscore(this.#presenceKey, "-inf", tooOld);
    return this.redis.zrangebyscore(this.#presenceKey, tooOld, before - 1, "LIMIT", 0, 500);
  }

  async get(interviewId: string): Promise<LiveInterview | null> {
    const raw = await this.redis.get(this.#key(interviewId));
    return raw ? parseLive(raw) : null;
  }

  async end(interviewId: string, endedAt: Date): Promise<LiveInterview | null> {
    const end = (this.redis as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)
      .crossfair_end_interview;
    const raw = (await end!.call(this.redis, this.#key(interviewId), endedAt.toISOString())) as
      string | null;
    await this.redis.zrem(this.#presenceKey, interviewId);
    return raw ? parseLive(raw) : null;
  }
}

/** A copy written before interviews had a planned end reads as having none. */
function parseLive(raw: string): LiveInterview {
  const interview = JSON.parse(raw) as LiveInterview;
  return { ...interview, plannedEndsAt: interview.plannedEndsAt ?? null };
}
