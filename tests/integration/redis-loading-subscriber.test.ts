/**
 * A subscriber connection comes back cleanly from a Redis that restarts with
 * a big AOF to load. While Redis loads, ioredis' ready check (INFO) is
 * answered LOADING and retried on a timer; on a connection that meanwhile
 * renewed its subscriptions that retry was refused ("Connection in subscriber
 * mode"), an unhandled rejection in the process (ioredis #2037). The soak
 * found 58 of them per Redis restart. A redis-server of this test's own,
 * filled so that loading takes a while, killed and restarted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { redisConnections, type RedisConnections } from "@crossfair/server/plugins/redis";
import {
  redisServerAvailable,
  startRedisInstance,
  type RedisInstance,
} from "../support/redis-instance.js";

const available = await redisServerAvailable();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(available)("a subscriber across a Redis restart that loads its AOF", () => {
  let redis: RedisInstance;
  let connections: RedisConnections;
  const warnings: string[] = [];
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  const log = {
    warn: (fields: { err?: Error }, message: string) =>
      warnings.push(`${message}: ${fields.err?.message ?? ""}`),
  } as unknown as Parameters<typeof redisConnections>[1];

  beforeAll(async () => {
    redis = await startRedisInstance();
    const filler = new Redis(redis.url);
    // About a second of loading on this machine: long enough for ioredis to retry its check.
    const fill = "for i = 1, tonumber(ARGV[1]) do redis.call('SET', 'load:' .. i, ARGV[2]) end";
    for (let batch = 0; batch < 10; batch++) {
      await filler.eval(fill.replace("'load:'", `'load:${batch}:'`), 0, 150_000, "x".repeat(64));
    }
    filler.disconnect();
    connections = redisConnections(redis.url, log);
    process.on("unhandledRejection", onRejection);
  }, 60_000);

  afterAll(async () => {
    process.off("unhandledRejection", onRejection);
    await connections?.close();
    await redis?.stop();
  });

  it("hears its channels again, without a refused command", async () => {
    const subscriber = (await connections.connect("sub", { shardedSubscriber: true })) as Redis;
    const heard: string[] = [];
    subscriber.on("smessage", (channel: string) => heard.push(channel));
    await subscriber.ssubscribe("before");

    await redis.kill();
    // Rooms keep being created (each subscribes) during the outage and while Redis loads:
    // a subscription sent between the reconnect and the ready check is what raced.
    const during = subscriber.ssubscribe("during");
    const rooms: Promise<unknown>[] = [];
    const creating = setInterval(() => {
      rooms.push(subscriber.ssubscribe(`room:${rooms.length}`).catch((error: Error) => error));
    }, 5);
    await sleep(500);
    await redis.restart();
    await during;
    clearInterval(creating);
    expect((await Promise.all(rooms)).filter((result) => result instanceof Error)).toEqual([]);

    const publisher = new Redis(redis.url);
    try {
      await expect
        .poll(
          async () => {
            await publisher.spublish("before", "x");
            await publisher.spublish("during", "x");
            return new Set(heard).size;
          },
          { timeout: 20_000, interval: 250 },
        )
        .toBe(2);
    } finally {
      publisher.disconnect();
    }
    await sleep(1_500); // a ready check retried late would fail now
    expect(warnings.filter((line) => line.includes("subscriber mode"))).toEqual([]);
    expect(rejections).toEqual([]);
  }, 60_000);
});
