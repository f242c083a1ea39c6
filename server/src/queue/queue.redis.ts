/** Redis-backed queue store, shared by every server process. */
import type { Redis } from "ioredis";
import type { QueueStore } from "./queue.store.js";

export class RedisQueueStore implements QueueStore {
  readonly kind = "redis" as const;

  constructor(private readonly redis: Redis) {}

  async ping(): Promise<void> {
    const answer = await this.redis.ping();
    if (answer !== "PONG") throw new Error(`unexpected PING answer: ${answer}`);
  }

  async close(): Promise<void> {
    // The connection belongs to the RedisConnections that made it.
  }
}
