/**
 * Runs the queue store contract against both implementations: the in-process
 * store and the Redis store on the real Redis at 127.0.0.1:6379 (each test
 * under its own key prefix, with separate connections for concurrency).
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll } from "vitest";
import { MemoryQueueStore } from "@crossfair/server/queue/queue.memory";
import { RedisQueueStore } from "@crossfair/server/queue/queue.redis";
import { REDIS_TEST_URL, redisAvailable } from "../../support/services.js";
import { queueStoreContract } from "./queue-store.contract.js";

queueStoreContract("in-process", {
  async create(peers = 0) {
    // One process holds one store; "peers" are the same store seen by other callers.
    const store = new MemoryQueueStore();
    return { store, peers: Array.from({ length: peers }, () => store) };
  },
});

const clients: Redis[] = [];
const prefixes: string[] = [];
afterAll(async () => {
  const cleaner = clients[0];
  for (const prefix of prefixes) {
    const keys = cleaner ? await cleaner.keys(`${prefix}:*`) : [];
    if (keys.length > 0) await cleaner?.del(...keys);
  }
  // The contract closes some stores itself; a client already closed is fine here.
  await Promise.allSettled(clients.map((client) => client.quit()));
});

if (await redisAvailable()) {
  queueStoreContract("Redis", {
    async create(peers = 0) {
      const prefix = `crossfair-test:${randomBytes(4).toString("hex")}`;
      prefixes.push(prefix);
      const make = () => {
        const client = new Redis(REDIS_TEST_URL);
        clients.push(client);
        return new RedisQueueStore(client, prefix);
      };
      return { store: make(), peers: Array.from({ length: peers }, make) };
    },
  });
}
