/**
 * A queue change whose answer is lost. The store runs on the server's own
 * Redis connections (plugins/redis.ts), through a TCP proxy that lets the
 * command reach Redis, throws the answer away and then cuts the connection.
 * ioredis reconnects and sends the unanswered command again; the change must
 * not be made twice, and the caller must get the answer of the one change.
 * Without the operation ids in the stand scripts, the resent leave answers
 * "not in the queue" and the resent call "recruiter busy" with a candidate
 * called that nobody knows of.
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisConnections, type RedisConnections } from "@crossfair/server/plugins/redis";
import { queueKeys } from "@crossfair/server/queue/keys";
import { RedisQueueStore } from "@crossfair/server/queue/queue.redis";
import { REDIS_TEST_URL, redisAvailable } from "../../support/services.js";
import { startTcpProxy, type TcpProxy } from "../../support/tcp-proxy.js";

const available = await redisAvailable();
const silentLog = { warn() {} } as unknown as Parameters<typeof redisConnections>[1];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!available)("a queue change whose answer was lost", () => {
  const prefix = `crossfair-test:${randomBytes(4).toString("hex")}`;
  const keys = queueKeys(prefix);
  const fairId = `fair-${randomBytes(3).toString("hex")}`;
  const now = Date.now();
  let proxy: TcpProxy;
  let connections: RedisConnections;
  let store: RedisQueueStore;
  let direct: Redis;

  beforeAll(async () => {
    const target = new URL(REDIS_TEST_URL);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
    const viaProxy = new URL(REDIS_TEST_URL);
    viaProxy.port = String(proxy.port);
    connections = redisConnections(viaProxy.toString(), silentLog);
    store = new RedisQueueStore(await connections.connect("queue"), prefix);
    direct = new Redis(REDIS_TEST_URL);
  });

  afterAll(async () => {
    await connections?.close();
    await proxy?.close();
    const left = await direct.keys(`${prefix}:*`);
    if (left.length > 0) await direct.del(...left);
    direct.disconnect();
  });

  /**
   * Runs `change` with its answer lost once it has reached Redis (`done` says
   * when the change is visible there), then lets ioredis reconnect and resend.
   */
  async function withAnswerLost<T>(change: () => Promise<T>, done: () => Promise<boolean>) {
    proxy.holdAnswers();
    const pending = change();
    for (let waited = 0; !(await done()); waited += 10) {
      if (waited > 5_000) throw new Error("the change never reached Redis");
      await sleep(10);
    }
    proxy.cut();
    proxy.passAnswers();
    return pending;
  }

  const join = (standId: string, candidateId: string) =>
    store.join({ fairId, standId, candidateId, languages: ["fr"], cap: 3, now, answers: [] });
  const entries = (standId: string) => direct.hgetall(keys.stand(fairId, standId).entries);

  it("a resent leave answers as the leave did, and leaves one record", async () => {
    const standId = "stand-leave";
    await store.setStandOpen({ fairId, standId }, true, "r1", now);
    await join(standId, "alice");
    const outboxBefore = await direct.xlen(keys.fair(fairId).outbox);

    const left = await withAnswerLost(
      () => store.leave({ fairId, standId, candidateId: "alice", now }),
      async () => !("alice" in (await entries(standId))),
    );

    expect(left).toEqual({ calledBy: "" });
    expect(await direct.xlen(keys.fair(fairId).outbox)).toBe(outboxBefore + 1);
  });

  it("a resent call calls one candidate, and tells the recruiter who", async () => {
    const standId = "stand-call";
    await store.setStandOpen({ fairId, standId }, true, "r1", now);
    await join(standId, "bob");
    await join(standId, "carla");

    const called = await withAnswerLost(
      () =>
        store.callNext({
          ...{ fairId, standId, recruiterId: "r1", languages: [], now },
          ...{ deadline: now + 30_000, onlineSince: now - 15_000 },
        }),
      async () => (await direct.hget(keys.fair(fairId).recruiterBusy, "r1")) !== null,
    );

    expect(called).toMatchObject({ status: "called", candidateId: "bob" });
    const states = Object.fromEntries(
      Object.entries(await entries(standId)).map(([id, raw]) => [id, JSON.parse(raw).s]),
    );
    expect(states).toEqual({ bob: "called", carla: "waiting" });
  });

  it("forgets answers after a minute, a few with each new change", async () => {
    const standId = "stand-forget";
    await store.setStandOpen({ fairId, standId }, true, "r1", now);
    const replies = keys.fair(fairId).replies;
    const before = await direct.hlen(replies);
    expect(before).toBeGreaterThan(0);
    // A change a minute later takes up to eight stale answers with it.
    await store.join({
      ...{ fairId, standId, candidateId: "dan", languages: [], cap: 3, answers: [] },
      now: now + 61_000,
    });
    expect(await direct.hlen(replies)).toBe(Math.max(0, before - 8) + 1);
    expect(await direct.zcard(keys.fair(fairId).replyTimes)).toBe(Math.max(0, before - 8) + 1);
  });
});
