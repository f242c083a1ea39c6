/**
 * The short-lived part of a session's state that every process must agree
 * on: raised hands and the viewers promoted onto the stage. It lasts only as
 * long as the session and nothing in the report needs it, so it lives in
 * Redis (two hashes per session, one slot each for its members) when the
 * server runs on Redis, and in a map in the embedded one-process default.
 * The cap on promoted viewers is checked and taken in one step (a Lua
 * script on Redis), so two moderators promoting at once cannot overfill it.
 */
import type { RaisedHand } from "@crossfair/shared";
import type { RedisClient } from "../../plugins/redis.js";

export interface PromotedViewer {
  userId: string;
  displayName: string;
}

export interface StageStore {
  hands(webinarId: string): Promise<RaisedHand[]>;
  /** Answers whether it changed. */
  setHand(webinarId: string, hand: RaisedHand, raised: boolean): Promise<boolean>;
  promoted(webinarId: string): Promise<PromotedViewer[]>;
  /** False when `max` are promoted already (and this viewer is not one of them). */
  promote(webinarId: string, viewer: PromotedViewer, max: number): Promise<boolean>;
  demote(webinarId: string, userId: string): Promise<boolean>;
  /** The session ended: its hands and stage go. */
  clear(webinarId: string): Promise<void>;
}

const byRaise = (a: RaisedHand, b: RaisedHand) => a.raisedAt - b.raisedAt;

export class MemoryStageStore implements StageStore {
  readonly #hands = new Map<string, Map<string, RaisedHand>>();
  readonly #promoted = new Map<string, Map<string, PromotedViewer>>();

  async hands(webinarId: string): Promise<RaisedHand[]> {
    return [...(this.#hands.get(webinarId)?.values() ?? [])].sort(byRaise);
  }

  async setHand(webinarId: string, hand: RaisedHand, raised: boolean): Promise<boolean> {
    const hands = this.#hands.get(webinarId) ?? new Map<string, RaisedHand>();
    this.#hands.set(webinarId, hands);
    if (!raised) return hands.delete(hand.userId);
    if (hands.has(hand.userId)) return false;
    hands.set(hand.userId, hand);
    return true;
  }

  async promoted(webinarId: string): Promise<PromotedViewer[]> {
    return [...(this.#promoted.get(webinarId)?.values() ?? [])];
  }

  async promote(webinarId: string, viewer: PromotedViewer, max: number): Promise<boolean> {
    const stage = this.#promoted.get(webinarId) ?? new Map<string, PromotedViewer>();
    this.#promoted.set(webinarId, stage);
    if (stage.has(viewer.userId)) return true;
    if (stage.size >= max) return false;
    stage.set(viewer.userId, viewer);
    return true;
  }

  async demote(webinarId: string, userId: string): Promise<boolean> {
    return this.#promoted.get(webinarId)?.delete(userId) ?? false;
  }

  async clear(webinarId: string): Promise<void> {
    this.#hands.delete(webinarId);
    this.#promoted.delete(webinarId);
  }
}

/** A session's keys expire a day after their last change: a bound on a leak, not a rule. */
const TTL_SECONDS = 24 * 3600;

/** HSET the viewer unless `max` others are there; answers 1 when on stage. */
const PROMOTE_SCRIPT = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 1 end
if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 1
`;

export class RedisStageStore implements StageStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  // One hash tag per session, so both keys sit on one cluster slot.
  #key(webinarId: string, what: "hands" | "promoted") {
    return `${this.prefix}:{${webinarId}}:${what}`;
  }

  async hands(webinarId: string): Promise<RaisedHand[]> {
    const all = await this.redis.hvals(this.#key(webinarId, "hands"));
    return all.map((value) => JSON.parse(value) as RaisedHand).sort(byRaise);
  }

  async setHand(webinarId: string, hand: RaisedHand, raised: boolean): Promise<boolean> {
    const key = this.#key(webinarId, "hands");
    if (!raised) return (await this.redis.hdel(key, hand.userId)) > 0;
    const added = await this.redis.hsetnx(key, hand.userId, JSON.stringify(hand));
    await this.redis.expire(key, TTL_SECONDS);
    return added === 1;
  }

  async promoted(webinarId: string): Promise<PromotedViewer[]> {
    const all = await this.redis.hgetall(this.#key(webinarId, "promoted"));
    return Object.entries(all).map(([userId, displayName]) => ({ userId, displayName }));
  }

  async promote(webinarId: string, viewer: PromotedViewer, max: number): Promise<boolean> {
    const answer = await this.redis.eval(
      PROMOTE_SCRIPT,
      1,
      this.#key(webinarId, "promoted"),
      viewer.userId,
      viewer.displayName,
      String(max),
      String(TTL_SECONDS),
    );
    return answer === 1;
  }

  async demote(webinarId: string, userId: string): Promise<boolean> {
    return (await this.redis.hdel(this.#key(webinarId, "promoted"), userId)) > 0;
  }

  async clear(webinarId: string): Promise<void> {
    await this.redis.del(this.#key(webinarId, "hands"));
    await this.redis.del(this.#key(webinarId, "promoted"));
  }
}
