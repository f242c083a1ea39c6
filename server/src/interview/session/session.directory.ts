/**
 * Where each live session is placed, and which processes can take one. Every
 * process announces itself with its load on each heartbeat; one unseen for
 * three beats counts as dead. A session is claimed by exactly one owning
 * process (set-if-absent), and moves only when its owner is dead or drains:
 * the claim is then replaced if, and only if, it still names that owner.
 *
 * Redis when the queue is on Redis (every process sees the same), a map in
 * the embedded default, where the one process owns everything.
 */
import type { RedisClient } from "../../plugins/redis.js";

/** What a process tells the others about itself on every heartbeat. */
export interface ProcessLoad {
  processId: string;
  /** Live sessions it owns. */
  sessions: number;
  /** Live mediasoup workers; a process without any takes no session. */
  workers: number;
  /** Shutting down: it finishes its own sessions and takes no new one. */
  draining: boolean;
  seenAt: number;
}

export interface SessionDirectory {
  announce(load: ProcessLoad): Promise<void>;
  /** The processes seen within `aliveMs`. */
  processes(now: number, aliveMs: number): Promise<ProcessLoad[]>;
  /** A process stopping for good leaves at once rather than three beats later. */
  withdraw(processId: string): Promise<void>;
  owner(sessionId: string): Promise<string | null>;
  /**
   * Makes `processId` the owner unless another process already is; when
   * `replacing` is given, a claim naming that (dead) owner is taken over.
   * Returns the owner after the call.
   */
  claim(sessionId: string, processId: string, replacing?: string): Promise<string>;
  /** Drops the claim if it still names `processId`. */
  release(sessionId: string, processId: string): Promise<void>;
}

/** The one-process directory of the embedded default (and of unit tests). */
export class MemorySessionDirectory implements SessionDirectory {
  readonly #processes = new Map<string, ProcessLoad>();
  readonly #owners = new Map<string, string>();

  async announce(load: ProcessLoad): Promise<void> {
    this.#processes.set(load.processId, { ...load });
  }

  async processes(now: number, aliveMs: number): Promise<ProcessLoad[]> {
    return [...this.#processes.values()].filter((p) => p.seenAt >= now - aliveMs);
  }

  async withdraw(processId: string): Promise<void> {
    this.#processes.delete(processId);
  }

  async owner(sessionId: string): Promise<string | null> {
    return this.#owners.get(sessionId) ?? null;
  }

  async claim(sessionId: string, processId: string, replacing?: string): Promise<string> {
    const current = this.#owners.get(sessionId);
    if (current === undefined || current === replacing) this.#owners.set(sessionId, processId);
    return this.#owners.get(sessionId)!;
  }

  async release(sessionId: string, processId: string): Promise<void> {
    if (this.#owners.get(sessionId) === processId) this.#owners.delete(sessionId);
  }
}

/** A claim outlives any interview; it is released on close, this only bounds a leak. */
const CLAIM_TTL_SECONDS = 12 * 3600;

/** Sets the owner when absent or when it is the one being replaced; answers the owner. */
const CLAIM_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if (not current) or (ARGV[2] ~= '' and current == ARGV[2]) then
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3])
  return ARGV[1]
end
return current`;

const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

type ScriptRunner = (...args: (string | number)[]) => Promise<unknown>;

export class RedisSessionDirectory implements SessionDirectory {
  readonly #claim: ScriptRunner;
  readonly #release: ScriptRunner;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {
    if (!("crossfair_session_claim" in redis)) {
      redis.defineCommand("crossfair_session_claim", { numberOfKeys: 1, lua: CLAIM_SCRIPT });
      redis.defineCommand("crossfair_session_release", { numberOfKeys: 1, lua: RELEASE_SCRIPT });
    }
    const commands = redis as unknown as Record<string, ScriptRunner>;
    this.#claim = commands.crossfair_session_claim!.bind(redis);
    this.#release = commands.crossfair_session_release!.bind(redis);
  }

  get #processKey(): string {
    return `${this.prefix}:processes`;
  }

  #sessionKey(sessionId: string): string {
    return `${this.prefix}:owner:${sessionId}`;
  }

  async announce(load: ProcessLoad): Promise<void> {
    await this.redis.hset(this.#processKey, load.processId, JSON.stringify(load));
  }

  async processes(now: number, aliveMs: number): Promise<ProcessLoad[]> {
    const all = await this.redis.hgetall(this.#processKey);
    const alive: ProcessLoad[] = [];
    const gone: string[] = [];
    for (const [processId, raw] of Object.entries(all)) {
      const load = JSON.parse(raw) as ProcessLoad;
      if (load.seenAt >= now - aliveMs) alive.push(load);
      // Long dead: tidied by whoever reads (a restart gets a new id).
      else if (load.seenAt < now - 20 * aliveMs) gone.push(processId);
    }
    if (gone.length > 0) await this.redis.hdel(this.#processKey, ...gone);
    return alive;
  }

  async withdraw(processId: string): Promise<void> {
    await this.redis.hdel(this.#processKey, processId);
  }

  async owner(sessionId: string): Promise<string | null> {
    return this.redis.get(this.#sessionKey(sessionId));
  }

  async claim(sessionId: string, processId: string, replacing?: string): Promise<string> {
    return (await this.#claim(
      this.#sessionKey(sessionId),
      processId,
      replacing ?? "",
      CLAIM_TTL_SECONDS,
    )) as string;
  }

  async release(sessionId: string, processId: string): Promise<void> {
    await this.#release(this.#sessionKey(sessionId), processId);
  }
}
