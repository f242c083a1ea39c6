/**
 * Two real server processes sharing one PostgreSQL and one Redis: a candidate
 * on one process, a recruiter on the other. Call-next crosses processes
 * through the Socket.io Redis adapter, and when the candidate's process is
 * killed, reconnecting to the other process keeps their place.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fairHallSchema, type FairHall } from "@crossfair/shared";
import { startServer, type ServerProcess } from "../../support/server-process.js";
import { postgresAvailable, redisAvailable } from "../../support/services.js";
import { signInCookieOverHttp } from "../../support/session.js";
import { createSharedStores, type SharedStores } from "../../support/shared-stores.js";
import { connectClient, nextEvent, type TestSocket } from "../../support/socket-client.js";

const available = (await postgresAvailable()) && (await redisAvailable());

describe.runIf(available)("queues shared by two server processes through Redis", () => {
  let stores: SharedStores;
  let first: ServerProcess;
  let second: ServerProcess;
  let hall: FairHall;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    stores = await createSharedStores();
    const env = {
      ...stores.env,
      MEDIA_WORKERS: "0",
      QUEUE_HEARTBEAT_SECONDS: "1",
      QUEUE_RECONNECT_GRACE_SECONDS: "30",
      LOG_LEVEL: "warn",
    };
    first = await startServer({ ...env, SEED_DEMO: "true" });
    second = await startServer(env);
    hall = fairHallSchema.parse(
      await (await fetch(`${second.baseUrl}/api/fairs/current/hall`)).json(),
    );
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await first?.stop();
    await second?.stop();
    await stores?.drop();
  });

  it("delivers a call made on one process to a candidate on the other, and keeps the place after the candidate's process dies", async () => {
    const food = hall.stands.find(
      (stand) => stand.organisationName === "Flanders Food Factory",
    )!.id;
    const candidateCookie = await signInCookieOverHttp(first.baseUrl, "candidate@crossfair.test");
    const recruiterCookie = await signInCookieOverHttp(second.baseUrl, "recruiter@crossfair.test");
    const { socket: candidate, hello: candidateHello } = await connectClient(
      first.baseUrl,
      candidateCookie,
    );
    const { socket: recruiter, hello: recruiterHello } = await connectClient(
      second.baseUrl,
      recruiterCookie,
    );
    sockets.push(candidate, recruiter);
    expect(candidateHello.serverId).not.toBe(recruiterHello.serverId);

    const joined = await candidate.emitWithAck("queue:join", {
      standId: food,
      consentToShareProfile: true,
    });
    if (!joined.ok) throw new Error(`join failed: ${JSON.stringify(joined)}`);
    // The profile shows once the join's consent is in PostgreSQL (the outbox, a moment later).
    await expect
      .poll(async () => recruiter.emitWithAck("staff:console", { standId: food }))
      .toMatchObject({
        ok: true,
        queue: {
          entries: [{ ticket: joined.entry.ticket, profile: { displayName: "Camille Dubois" } }],
        },
      });

    const called = nextEvent(candidate, "queue:called");
    const calledView = nextEvent(recruiter, "staff:queue", (queue) =>
      queue.entries.some((entry) => entry.state === "called"),
    );
    expect(await recruiter.emitWithAck("staff:callNext", { standId: food })).toMatchObject({
      ok: true,
    });
    expect(await called).toMatchObject({ standId: food, recruiterName: "Lotte Peeters" });
    // The second process has shown the call before the candidate answers on the first, so the
    // refreshed console below can only come from the first process's signal.
    await calledView;
    const staffUpdate = nextEvent(recruiter, "staff:callAnswered");
    const staffView = nextEvent(recruiter, "staff:queue", (queue) =>
      queue.entries.some((entry) => entry.noShows === 1 && entry.state === "waiting"),
    );
    expect(await candidate.emitWithAck("queue:respond", { standId: food, accept: false })).toEqual({
      ok: true,
    });
    expect(await staffUpdate).toMatchObject({ outcome: "declined" });
    await staffView;

    expect(await first.stop("SIGKILL")).toBeNull();
    const { socket: reconnected } = await connectClient(second.baseUrl, candidateCookie);
    sockets.push(reconnected);
    expect(await reconnected.emitWithAck("queue:mine", {})).toMatchObject({
      ok: true,
      queues: [{ standId: food, ticket: joined.entry.ticket, state: "waiting", noShows: 1 }],
    });

    const calledAgain = nextEvent(reconnected, "queue:called");
    await recruiter.emitWithAck("staff:callNext", { standId: food });
    expect(await calledAgain).toMatchObject({ standId: food });
  });
});
