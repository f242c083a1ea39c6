/**
 * An interview whose live copy was never written (the process that took the
 * candidate's acceptance died right after the queue recorded it, or Redis
 * lost it) has a live row in PostgreSQL and a busy recruiter and candidate in
 * the queue, but nobody can ever join it. The live sessions' sweep finds such
 * rows once they are older than the idle time and ends them, which repairs
 * the queue: the recruiter can call the next candidate again. Real
 * PostgreSQL and Redis; the crash is simulated by deleting the live copy.
 * An end cut half way (its process died after ending the live copy, before
 * the queue recorded it: the soak found it) is finished when asked again.
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../support/app.js";
import { queryDatabase } from "../support/databases.js";
import { interviewThroughQueue, listeningUrl } from "../support/interview-start.js";
import { postgresAvailable, redisAvailable, REDIS_TEST_URL } from "../support/services.js";
import { signInCookie } from "../support/session.js";
import { createSharedStores, type SharedStores } from "../support/shared-stores.js";
import { connectClient, type TestSocket } from "../support/socket-client.js";
import { call, hallOf, standIn } from "./application-fixture.js";

const available = (await postgresAvailable()) && (await redisAvailable());

describe.runIf(available)("interviews left without their live copy", () => {
  let stores: SharedStores;
  let app: TestApp;
  let redis: Redis;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    stores = await createSharedStores();
    app = await buildTestApp({
      ...stores.env,
      SEED_DEMO: "true",
      SESSION_HEARTBEAT_MS: "200",
      INTERVIEW_IDLE_END_SECONDS: "5",
    });
    redis = new Redis(REDIS_TEST_URL);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    redis?.disconnect();
    await app?.dispose();
    await stores?.drop();
  });

  it("are ended by the sweep, which frees the recruiter for the next call", async () => {
    const food = standIn(await hallOf(app), "Flanders Food Factory").id;
    const recruiterCookie = await signInCookie(app, "recruiter@crossfair.test");
    const interviewId = await interviewThroughQueue(app, {
      recruiterCookie,
      candidateCookie: await signInCookie(app, "candidate@crossfair.test"),
      standId: food,
    });
    // The crash: the queue and the row know the interview, the live store does not.
    const prefix = stores.env.REDIS_KEY_PREFIX;
    expect(await redis.del(`${prefix}:live:interview:${interviewId}`)).toBe(1);
    expect(await redis.zrem(`${prefix}:live:present`, interviewId)).toBe(1);

    const { socket: recruiter } = await connectClient(await listeningUrl(app), recruiterCookie);
    sockets.push(recruiter);
    await recruiter.emitWithAck("staff:console", { standId: food });
    expect(await recruiter.emitWithAck("staff:callNext", { standId: food })).toMatchObject({
      ok: false,
      code: "recruiter_busy",
    });

    const status = async () =>
      (
        (await call(app, "GET", `/api/interviews/${interviewId}`, recruiterCookie)).json() as {
          interview: { status: string };
        }
      ).interview.status;
    expect(await status()).toBe("live");
    await expect.poll(status, { timeout: 30_000, interval: 500 }).toBe("ended");
    expect(await recruiter.emitWithAck("staff:callNext", { standId: food })).toMatchObject({
      ok: true,
    });
  }, 60_000);

  it("an end cut half way is finished when the recruiter asks again", async () => {
    const food = standIn(await hallOf(app), "Flanders Food Factory").id;
    const recruiterCookie = await signInCookie(app, "recruiter@crossfair.test");
    const interviewId = await interviewThroughQueue(app, {
      recruiterCookie,
      candidateCookie: await signInCookie(app, "candidate@crossfair.test"),
      standId: food,
    });
    // The crash: the live copy says ended, as the first half of an end leaves it; the
    // queue still has the candidate interviewing and the recruiter busy, the row is live.
    const prefix = stores.env.REDIS_KEY_PREFIX;
    const key = `${prefix}:live:interview:${interviewId}`;
    const live = JSON.parse((await redis.get(key)) ?? "null") as Record<string, unknown>;
    expect(live.status).toBe("live");
    await redis.set(
      key,
      JSON.stringify({ ...live, status: "ended", endedAt: new Date().toISOString() }),
      "KEEPTTL",
    );
    await redis.zrem(`${prefix}:live:present`, interviewId);

    const { socket: recruiter } = await connectClient(await listeningUrl(app), recruiterCookie);
    sockets.push(recruiter);
    await recruiter.emitWithAck("staff:console", { standId: food });
    expect(await recruiter.emitWithAck("staff:callNext", { standId: food })).toMatchObject({
      ok: false,
      code: "recruiter_busy",
    });
    const ended = await call(app, "POST", `/api/interviews/${interviewId}/end`, recruiterCookie);
    expect(ended.statusCode).toBe(200);
    await app.outbox.drainOnce();
    const rows = await queryDatabase<{ ended: boolean }>(
      stores.env.DATABASE_URL,
      `select ended_at is not null as ended from interviews where id = '${interviewId}'`,
    );
    expect(rows).toEqual([{ ended: true }]);
    expect(await recruiter.emitWithAck("staff:callNext", { standId: food })).toMatchObject({
      ok: true,
    });
  }, 60_000);
});
