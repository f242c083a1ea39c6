/**
 * A Redis outage longer than the reconnect grace. Two server processes share
 * a redis-server of this test's own (AOF on, tests/support/redis-instance.ts)
 * and a PostgreSQL database: `holder`, a real child process, holds the
 * candidates' sockets; `sweeper`, an in-process app, holds nobody and only
 * sweeps. Redis is SIGKILLed for longer than the grace and restarted from its
 * AOF. When it returns, every mark in it is older than the grace.
 *
 * The holder is held (SIGSTOP) through the outage and for a moment after the
 * sweeper has reached Redis again. So its first heartbeat after the recovery
 * comes after the sweeper's first sweeps, as a 10 s heartbeat does after 1 s
 * sweeps in production. A sweep that expired graces then would remove
 * everyone as "connection lost". Presence must hold lapsed graces back until
 * heartbeats have marked everyone again; no place may be lost. Afterwards the
 * grace must still work: someone who really leaves is removed once it runs out.
 */
import { randomBytes } from "node:crypto";
import { fairHallSchema, type FairHall, type RemovalReason } from "@crossfair/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/app.js";
import { createTestDatabase, type TestDatabase } from "../../support/databases.js";
import {
  redisServerAvailable,
  startRedisInstance,
  type RedisInstance,
} from "../../support/redis-instance.js";
import { startServer, type ServerProcess } from "../../support/server-process.js";
import { postgresAvailable } from "../../support/services.js";
import { connectClient, type TestSocket } from "../../support/socket-client.js";
import { signUpVerified } from "../../support/sign-up.js";
import { NEW_PASSWORD, uniqueEmail } from "../../support/stands.js";

const GRACE_SECONDS = 5;
const HEARTBEAT_SECONDS = 2;
/** QueueTimings.onlineWindowMs as app.ts derives it from the heartbeat. */
const ONLINE_WINDOW_MS = HEARTBEAT_SECONDS * 2_500;
/** How long after the sweeper is back the holder stays held: past a sweep, well inside the window. */
const HOLDER_LATE_MS = 2_000;

const available = (await postgresAvailable()) && (await redisServerAvailable());
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Candidate {
  id: string;
  socket: TestSocket;
  /** Every `queue:removed` this candidate was told. */
  removals: { standId: string; reason: RemovalReason }[];
}

describe.runIf(available)("queues across a Redis outage longer than the grace", () => {
  let redis: RedisInstance;
  let database: TestDatabase;
  let holder: ServerProcess;
  let sweeper: TestApp;
  let hall: FairHall;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    redis = await startRedisInstance();
    database = await createTestDatabase();
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: `crossfair-test-${randomBytes(4).toString("hex")}`,
      QUEUE_RECONNECT_GRACE_SECONDS: String(GRACE_SECONDS),
      QUEUE_HEARTBEAT_SECONDS: String(HEARTBEAT_SECONDS),
    };
    holder = await startServer({
      ...env,
      SEED_DEMO: "true",
      MEDIA_WORKERS: "0",
      LOG_LEVEL: "warn",
    });
    sweeper = await buildTestApp(env);
    hall = fairHallSchema.parse(
      await (await fetch(`${holder.baseUrl}/api/fairs/current/hall`)).json(),
    );
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    // A stopped process would not see SIGTERM.
    holder?.child.kill("SIGCONT");
    await holder?.stop();
    await sweeper?.dispose();
    await database?.drop();
    await redis?.stop();
  });

  const standId = (name: string) => {
    const stand = hall.stands.find((entry) => entry.organisationName === name);
    if (!stand) throw new Error(`no stand ${name}`);
    return stand.id;
  };

  /**
   * A new candidate, connected to the holder, listening for removals. Signed up through the
   * sweeper (the same database), whose development mailbox this test can read.
   */
  async function newCandidate(): Promise<Candidate> {
    const { user, cookie } = await signUpVerified(sweeper, {
      email: uniqueEmail("outage"),
      password: NEW_PASSWORD,
      displayName: "Olga",
    });
    const id = user.id;
    const { socket } = await connectClient(holder.baseUrl, cookie);
    sockets.push(socket);
    const removals: Candidate["removals"] = [];
    socket.on("queue:removed", (removal) => removals.push(removal));
    return { id, socket, removals };
  }

  async function join(candidate: Candidate, stand: string): Promise<void> {
    const joined = await candidate.socket.emitWithAck("queue:join", {
      standId: stand,
      consentToShareProfile: true,
    });
    if (!joined.ok) throw new Error(`join failed: ${JSON.stringify(joined)}`);
  }

  /** Resolves once the sweeper answers ready again (Redis back). */
  const untilReady = () =>
    expect
      .poll(async () => (await sweeper.http.inject({ url: "/readyz" })).statusCode, {
        timeout: 20_000,
        interval: 100,
      })
      .toBe(200);

  /** standId → ticket of what the candidate holds, read from the shared store. */
  const places = async (candidate: Candidate) =>
    Object.fromEntries(
      (await sweeper.queue.queuesOf(candidate.id)).map((entry) => [entry.standId, entry.ticket]),
    );

  it("keeps every place of everyone connected, and still expires a real departure's grace", async () => {
    const food = standId("Flanders Food Factory");
    const energy = standId("Dunkerque Énergie");
    const candidates = [await newCandidate(), await newCandidate(), await newCandidate()];
    const [first, second, leaver] = candidates as [Candidate, Candidate, Candidate];
    const before = new Map<Candidate, Record<string, number>>();
    for (const candidate of candidates) {
      await join(candidate, food);
      if (candidate !== second) await join(candidate, energy);
    }
    for (const candidate of candidates) before.set(candidate, await places(candidate));
    expect(Object.keys(before.get(first)!)).toHaveLength(2);
    await sleep(HEARTBEAT_SECONDS * 1_500);

    // Down for longer than the grace: every mark is older than the grace when Redis returns.
    holder.child.kill("SIGSTOP");
    await redis.kill();
    await sleep(GRACE_SECONDS * 1_000 + 2_000);
    await redis.restart();
    await untilReady();
    // The sweeper sweeps (every second) before the holder's first heartbeat after the outage.
    await sleep(HOLDER_LATE_MS);
    holder.child.kill("SIGCONT");
    await sleep(ONLINE_WINDOW_MS + HEARTBEAT_SECONDS * 2_000);

    for (const candidate of candidates) {
      expect(await places(candidate)).toEqual(before.get(candidate));
      const mine = await candidate.socket.emitWithAck("queue:mine", {});
      expect(mine).toMatchObject({ ok: true });
      if (mine.ok) {
        expect(
          Object.fromEntries(mine.queues.map((entry) => [entry.standId, entry.ticket])),
        ).toEqual(before.get(candidate));
      }
      expect(candidate.removals).toEqual([]);
    }

    // A real departure after the recovery: the grace runs out and a sweep removes them.
    leaver.socket.close();
    await expect
      .poll(async () => Object.keys(await places(leaver)).length, {
        timeout: GRACE_SECONDS * 1_000 + ONLINE_WINDOW_MS + 5_000,
        interval: 250,
      })
      .toBe(0);
    expect(await places(first)).toEqual(before.get(first));
    expect(await places(second)).toEqual(before.get(second));
    expect([...first.removals, ...second.removals]).toEqual([]);
  }, 90_000);

  it("answers a change asked while Redis is away `unavailable`, and takes it once Redis is back", async () => {
    const food = standId("Flanders Food Factory");
    const candidate = await newCandidate();
    await redis.kill();
    try {
      // ioredis gives the command up after its retries: whether it ran is unknown, so the
      // answer says "try again" (the client reads its places again), never `internal`.
      const refused = await candidate.socket
        .timeout(20_000)
        .emitWithAck("queue:join", { standId: food, consentToShareProfile: true });
      expect(refused).toMatchObject({ ok: false, code: "unavailable" });
    } finally {
      await redis.restart();
    }
    await untilReady();
    await expect
      .poll(
        async () =>
          (await places(candidate))[food] !== undefined ||
          (await join(candidate, food).then(
            () => true,
            () => false,
          )),
        { timeout: 20_000, interval: 500 },
      )
      .toBe(true);
    expect(Object.keys(await places(candidate))).toEqual([food]);
  }, 60_000);
});
