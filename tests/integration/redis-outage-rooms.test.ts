/**
 * A room joined while Redis is away still hears the other processes once it
 * is back. The Socket.io adapter subscribes to a room's channel when the
 * room is created; during an outage that subscription used to fail after
 * three retries (its rejection unhandled), and the channel stayed deaf: a
 * candidate who connected to one process then was never told of a call made
 * from another. Found by the soak. Two in-process apps on a redis-server of
 * this test's own, killed and restarted, and real PostgreSQL.
 */
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";
import {
  redisServerAvailable,
  startRedisInstance,
  type RedisInstance,
} from "../support/redis-instance.js";
import { postgresAvailable } from "../support/services.js";
import { signInCookie } from "../support/session.js";
import { connectClient, nextEvent, type TestSocket } from "../support/socket-client.js";
import { hallOf, standIn } from "./application-fixture.js";

const available = (await postgresAvailable()) && (await redisServerAvailable());
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const urlOf = (app: TestApp) =>
  `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;

describe.runIf(available)("rooms joined during a Redis outage", () => {
  let redis: RedisInstance;
  let database: TestDatabase;
  let caller: TestApp;
  let holder: TestApp;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    redis = await startRedisInstance();
    database = await createTestDatabase();
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: `crossfair-test-${randomBytes(4).toString("hex")}`,
    };
    caller = await buildTestApp({ ...env, SEED_DEMO: "true" });
    holder = await buildTestApp(env);
    for (const app of [caller, holder]) await app.http.listen({ host: "127.0.0.1", port: 0 });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await holder?.dispose();
    await caller?.dispose();
    await redis?.stop();
    await database?.drop();
  });

  it("hear a call made from the other process once Redis is back", async () => {
    const food = standIn(await hallOf(caller), "Flanders Food Factory").id;
    const candidateCookie = await signInCookie(caller, "candidate@crossfair.test");
    const recruiterCookie = await signInCookie(caller, "recruiter@crossfair.test");

    const screening = (await (
      await fetch(`${urlOf(caller)}/api/stands/${food}/screening-questions`, {
        headers: { cookie: candidateCookie },
      })
    ).json()) as { questions: { id: string }[] };
    const answers = screening.questions.map(({ id }) => ({ questionId: id, answer: "Oui" }));

    await redis.kill();
    // The candidate connects to the holder while Redis is down: their rooms are created now.
    const { socket: candidate } = await connectClient(urlOf(holder), candidateCookie);
    sockets.push(candidate);
    await sleep(2_000); // past ioredis' three retries of a command
    await redis.restart();

    await expect
      .poll(
        async () =>
          (
            await candidate.emitWithAck("queue:join", {
              standId: food,
              consentToShareProfile: true,
              answers,
            })
          ).ok,
        { timeout: 15_000, interval: 500 },
      )
      .toBe(true);
    const { socket: recruiter } = await connectClient(urlOf(caller), recruiterCookie);
    sockets.push(recruiter);
    expect(await recruiter.emitWithAck("staff:console", { standId: food })).toMatchObject({
      ok: true,
    });
    const called = nextEvent(candidate, "queue:called");
    expect(await recruiter.emitWithAck("staff:callNext", { standId: food })).toMatchObject({
      ok: true,
    });
    expect(await called).toMatchObject({ standId: food });
  }, 60_000);
});
