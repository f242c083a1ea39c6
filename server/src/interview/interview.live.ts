/**
 * Interviews started from the live queue, while they are live: the queue
 * records their start in its outbox (PostgreSQL gets the row a moment later),
 * so reads and the end go here first. Redis when the queue is on Redis (every
 * process sees the same), a map in the embedded default. Entries expire a
 * day after the start; the row in PostgreSQL is the lasting record.
 */
import type { Interview } from "@crossfair/shared";
import type { RedisClient } from "../queue/queue.redis.js";

/** A live interview with its stand's fair, so its end is recorded without asking PostgreSQL. */
export type LiveInterview = Interview & { fairId?: string };

export interface LiveInterviews {
  put(interview: LiveInterview): Promise<void>;
  get(interviewId: string): Promise<LiveInterview | null>;
  /** Ends it once: the ended interview for the first caller, null when it was not live here. */
  end(interviewId: string, endedAt: Date): Promise<LiveInterview | null>;
}

const TTL_SECONDS = 24 * 3600;

export class MemoryLiveInterviews implements LiveInterviews {
  readonly #interviews = new Map<string, LiveInterview>();

  async put(interview: LiveInterview): Promise<void> {
    this.#interviews.set(interview.id, interview);
    setTimeout(() => this.#interviews.delete(interview.id), TTL_SECONDS * 1_000).unref();
  }

  async get(interviewId: string): Promise<LiveInterview | null> {
    return this.#interviews.get(interviewId) ?? null;
  }

  async end(interviewId: string, endedAt: Date): Promise<LiveInterview | null> {
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

  async put(interview: LiveInterview): Promise<void> {
    await this.redis.set(this.#key(interview.id), JSON.stringify(interview), "EX", TTL_SECONDS);
  }

  async get(interviewId: string): Promise<LiveInterview | null> {
    const raw = await this.redis.get(this.#key(interviewId));
    return raw ? (JSON.parse(raw) as LiveInterview) : null;
  }

  async end(interviewId: string, endedAt: Date): Promise<LiveInterview | null> {
    const end = (this.redis as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)
      .crossfair_end_interview;
    const raw = (await end!.call(this.redis, this.#key(interviewId), endedAt.toISOString())) as
      string | null;
    return raw ? (JSON.parse(raw) as LiveInterview) : null;
  }
}
