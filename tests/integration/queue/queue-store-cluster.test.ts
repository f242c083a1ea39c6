/**
 * The queue store on a Redis Cluster: three masters this file starts itself
 * (tests/support/redis-cluster.ts). First what the store relies on: one fair's
 * keys share a slot, so multi-key commands and scripts declaring them all run
 * there, while keys of different fairs may not mix; the app's connections
 * (plugins/redis.ts) reach the cluster, sharded pub/sub included. Then the
 * queue store contract, as for the in-process store and one Redis.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { Cluster } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queueKeys } from "@crossfair/server/queue/keys";
import { RedisQueueStore } from "@crossfair/server/queue/queue.redis";
import { redisConnections, type RedisConnections } from "@crossfair/server/plugins/redis";
import { startRedisCluster, type RedisCluster } from "../../support/redis-cluster.js";
import { redisServerAvailable } from "../../support/redis-instance.js";
import { queueStoreContract } from "./queue-store.contract.js";

const available = await redisServerAvailable();
/** The plugin only logs connection errors; a test has nothing to do with them. */
const silentLog = { warn() {} } as unknown as Parameters<typeof redisConnections>[1];

let cluster: RedisCluster | undefined;
const clients: Cluster[] = [];
const connect = () => {
  if (!cluster) throw new Error("the cluster did not start");
  const client = new Cluster(cluster.nodes);
  clients.push(client);
  return client;
};

beforeAll(async () => {
  if (available) cluster = await startRedisCluster();
});
afterAll(async () => {
  await Promise.all(clients.splice(0).map((client) => client.quit()));
  await cluster?.stop();
});

describe.runIf(available)("Redis Cluster under the queue store", () => {
  it("keeps one fair's keys in one slot, so multi-key commands and scripts run", async () => {
    const redis = connect();
    const keys = queueKeys(`crossfair-test:${randomBytes(4).toString("hex")}`);
    const fairId = randomUUID();
    const scriptKeys = keys.scriptKeys(fairId, randomUUID());
    const slots = new Set(
      await Promise.all(scriptKeys.map((key) => redis.cluster("KEYSLOT", key) as Promise<number>)),
    );
    expect(slots.size).toBe(1);

    const { busy, presence } = keys.fair(fairId);
    await redis.mset(busy, "a", presence, "b");
    expect(await redis.mget(busy, presence)).toEqual(["a", "b"]);

    // A script that declares every key it touches, like the store's: all of one fair and stand.
    const touched = await redis.eval(
      `for i, key in ipairs(KEYS) do redis.call("SET", key, ARGV[1] .. i) end
       return {#KEYS, redis.call("GET", KEYS[1]), redis.call("GET", KEYS[#KEYS])}`,
      scriptKeys.length,
      ...scriptKeys,
      "v",
    );
    expect(touched).toEqual([scriptKeys.length, "v1", `v${scriptKeys.length}`]);
  });

  it("refuses a command across two fairs' slots (what the hash tag prevents)", async () => {
    const redis = connect();
    const keys = queueKeys("crossfair-test");
    // Two fairs whose tags hash to different slots (most pairs do; look for one).
    const first = keys.fair(randomUUID()).busy;
    let second = keys.fair(randomUUID()).busy;
    while ((await redis.cluster("KEYSLOT", second)) === (await redis.cluster("KEYSLOT", first))) {
      second = keys.fair(randomUUID()).busy;
    }
    await expect(redis.mset(first, "a", second, "b")).rejects.toThrow(/CROSSSLOT/);
  });

  it("connects the app's clients to the cluster, and delivers sharded pub/sub", async () => {
    if (!cluster) throw new Error("the cluster did not start");
    const seeds = cluster.nodes.map((node) => `redis://${node.host}:${node.port}`).join(",");
    const connections: RedisConnections = redisConnections(seeds, silentLog, { cluster: true });
    try {
      const commands = await connections.connect("test");
      expect(commands).toBeInstanceOf(Cluster);
      await commands.set("{smoke}:a", "1");
      expect(await commands.get("{smoke}:a")).toBe("1");

      const subscriber = await connections.connect("test-sub", { shardedSubscriber: true });
      const channels = ["{fair-a}#room", "{fair-b}#room", "{fair-c}#room"];
      const received = new Promise<string[]>((resolve) => {
        const got: string[] = [];
        subscriber.on("smessage", (channel: string, message: string) => {
          got.push(`${channel}=${message}`);
          if (got.length === channels.length) resolve(got.sort());
        });
      });
      for (const channel of channels) await subscriber.ssubscribe(channel);
      for (const channel of channels) await commands.spublish(channel, "hello");
      expect(await received).toEqual(channels.map((channel) => `${channel}=hello`).sort());
    } finally {
      await connections.close();
    }
  });
});

if (available) {
  queueStoreContract("Redis Cluster", {
    async create(peers = 0) {
      // A fresh prefix per test, as on one Redis; the whole cluster is thrown away afterwards.
      const prefix = `crossfair-test:${randomBytes(4).toString("hex")}`;
      const make = () => new RedisQueueStore(connect(), prefix);
      return { store: make(), peers: Array.from({ length: peers }, make) };
    },
  });
}
