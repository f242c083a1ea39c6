/**
 * What one socket may ask, over real sockets on the real server with small
 * limits set through the config: a burst of queue, hall or staff events over
 * the socket's token bucket is answered `rate_limited` without running the
 * handler, the socket stays connected and is served again once the bucket
 * refills; one user's sockets share a bucket; and a socket watches at most so
 * many halls and stands (`watch_limit`), unwatching one frees its slot.
 */
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fairHallSchema } from "@crossfair/shared";
import { buildTestApp, type TestApp } from "../support/app.js";
import { signInCookie } from "../support/session.js";
import { connectClient, type TestSocket } from "../support/socket-client.js";
import { createFair } from "./fairs/fair-helpers.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Answer = { ok: boolean; code?: string };
/** The tests also send payloads and events the typed map would refuse. */
const untyped = (socket: TestSocket) =>
  socket.timeout(5_000) as unknown as {
    emitWithAck(event: string, payload: unknown): Promise<Answer>;
  };

/** Sends `count` events at once (no waiting in between) and counts the answers by code. */
async function burst(socket: TestSocket, count: number): Promise<Record<string, number>> {
  const answers = await Promise.all(
    Array.from({ length: count }, () =>
      untyped(socket).emitWithAck("hall:unwatch", { fairId: randomUUID() }),
    ),
  );
  const counts: Record<string, number> = {};
  for (const answer of answers) {
    const key = answer.ok ? "ok" : (answer.code ?? "?");
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

async function listen(app: TestApp): Promise<string> {
  await app.http.listen({ host: "127.0.0.1", port: 0 });
  return `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
}

describe("socket event rate limits", () => {
  let app: TestApp;
  let baseUrl: string;
  const sockets: TestSocket[] = [];
  const connect = async (email?: string) => {
    const cookie = email ? await signInCookie(app, email) : undefined;
    const { socket } = await connectClient(baseUrl, cookie);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    // A token every two seconds: nothing refills by chance while a burst is answered.
    app = await buildTestApp({
      SOCKET_EVENT_BURST: "3",
      SOCKET_EVENTS_PER_SECOND: "0.5",
      USER_EVENT_BURST: "5",
      USER_EVENTS_PER_SECOND: "0.5",
    });
    baseUrl = await listen(app);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await app?.dispose();
  });

  it("answers a burst over the socket's limit with rate_limited, keeps the socket and serves it after refill", async () => {
    const socket = await connect();
    let disconnected = false;
    socket.on("disconnect", () => (disconnected = true));

    expect(await burst(socket, 8)).toEqual({ ok: 3, rate_limited: 5 });
    // Refused before anything else: no validation, and no handler (it would say not_found).
    expect(await untyped(socket).emitWithAck("hall:unwatch", { fairId: 42 })).toMatchObject({
      ok: false,
      code: "rate_limited",
    });
    expect(await untyped(socket).emitWithAck("hall:watch", { fairId: randomUUID() })).toMatchObject(
      { ok: false, code: "rate_limited" },
    );
    // Pings and interview signalling are not limited.
    expect(await socket.emitWithAck("system:ping", { sentAt: 1 })).toMatchObject({ ok: true });
    const interview = await untyped(socket).emitWithAck("interview:leave", {
      interviewId: randomUUID(),
    });
    expect(interview.code).not.toBe("rate_limited");

    await sleep(2_200);
    expect(socket.connected).toBe(true);
    expect(disconnected).toBe(false);
    expect(await burst(socket, 2)).toEqual({ ok: 1, rate_limited: 1 });
    expect(await untyped(socket).emitWithAck("hall:watch", { fairId: randomUUID() })).toMatchObject(
      { ok: false, code: "rate_limited" },
    );
  });

  it("shares one bucket between the sockets of one user, and only theirs", async () => {
    const first = await connect("candidate@crossfair.test");
    const second = await connect("candidate@crossfair.test");
    const otherUser = await connect("kandidaat@crossfair.test");
    const anonymous = await connect();

    expect(await burst(first, 3)).toEqual({ ok: 3 });
    // The second socket's own bucket is full, but the user has 2 of 5 left.
    expect(await burst(second, 3)).toEqual({ ok: 2, rate_limited: 1 });
    expect(await burst(first, 1)).toEqual({ rate_limited: 1 });
    expect(await burst(otherUser, 3)).toEqual({ ok: 3 });
    expect(await burst(anonymous, 3)).toEqual({ ok: 3 });
    for (const socket of [first, second, otherUser, anonymous]) {
      expect(socket.connected).toBe(true);
    }
  });
});

describe("the cap on rooms one socket watches", () => {
  let app: TestApp;
  let baseUrl: string;
  let adminCookie: string;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    app = await buildTestApp({
      SOCKET_WATCH_HALLS: "1",
      SOCKET_WATCH_STANDS: "2",
      // Only the caps are under test here.
      SOCKET_EVENT_BURST: "1000",
      USER_EVENT_BURST: "1000",
    });
    baseUrl = await listen(app);
    adminCookie = await signInCookie(app, "admin@crossfair.test");
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await app?.dispose();
  });

  it("refuses a hall beyond the cap with watch_limit until one is unwatched", async () => {
    // Fairs of their own, with no stands yet: their figures need no queue.
    const [first, second] = await Promise.all([
      createFair(app, adminCookie),
      createFair(app, adminCookie),
    ]);
    const { socket } = await connectClient(baseUrl);
    sockets.push(socket);
    const watch = (fairId: string) => socket.emitWithAck("hall:watch", { fairId });

    expect(await watch(first.id)).toMatchObject({ ok: true, fairId: first.id, stands: [] });
    expect(await watch(first.id)).toMatchObject({ ok: true });
    expect(await watch(second.id)).toMatchObject({ ok: false, code: "watch_limit" });
    // Unwatching a hall it never got frees nothing.
    expect(await socket.emitWithAck("hall:unwatch", { fairId: second.id })).toMatchObject({
      ok: true,
    });
    expect(await watch(second.id)).toMatchObject({ ok: false, code: "watch_limit" });

    expect(await socket.emitWithAck("hall:unwatch", { fairId: first.id })).toMatchObject({
      ok: true,
    });
    // A watch that fails (no such fair) keeps no slot either.
    expect(await watch(randomUUID())).toMatchObject({ ok: false, code: "not_found" });
    expect(await watch(second.id)).toMatchObject({ ok: true, fairId: second.id });
    expect(await watch(first.id)).toMatchObject({ ok: false, code: "watch_limit" });

    // The cap is per socket: another connection has its own.
    const { socket: other } = await connectClient(baseUrl);
    sockets.push(other);
    expect(await other.emitWithAck("hall:watch", { fairId: first.id })).toMatchObject({
      ok: true,
    });
    expect(socket.connected && other.connected).toBe(true);
  });

  it("refuses a stand beyond the cap with watch_limit until one is unwatched", async () => {
    const hall = fairHallSchema.parse(
      (await app.http.inject({ url: "/api/fairs/current/hall" })).json(),
    );
    const [a, b, c] = hall.stands.map((stand) => stand.id);
    if (!a || !b || !c) throw new Error("the demo fair needs three stands");
    const { socket } = await connectClient(baseUrl);
    sockets.push(socket);
    const watch = (standId: string) => socket.emitWithAck("queue:watch", { standId });

    expect(await watch(a)).toMatchObject({ ok: true });
    expect(await watch(b)).toMatchObject({ ok: true });
    expect(await watch(c)).toMatchObject({ ok: false, code: "watch_limit" });
    expect(await socket.emitWithAck("queue:unwatch", { standId: a })).toMatchObject({ ok: true });
    expect(await watch(c)).toMatchObject({ ok: true });
    expect(await watch(a)).toMatchObject({ ok: false, code: "watch_limit" });
  });
});
