/**
 * Realtime basics over real sockets: the typed hello, validated payloads with
 * typed acks, hostile input that must not crash the server, and the Redis
 * adapter that lets two server instances share their sockets.
 */
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROTOCOL_VERSION } from "@crossfair/shared";
import { buildTestApp, type TestApp } from "../support/app.js";
import { REDIS_TEST_URL, redisAvailable } from "../support/services.js";
import { connectClient, type TestSocket } from "../support/socket-client.js";

async function listen(app: TestApp): Promise<string> {
  await app.http.listen({ host: "127.0.0.1", port: 0 });
  return `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
}

describe("socket protocol on the embedded default", () => {
  let app: TestApp;
  let baseUrl: string;
  let socket: TestSocket;

  beforeAll(async () => {
    app = await buildTestApp();
    baseUrl = await listen(app);
    const connected = await connectClient(baseUrl);
    socket = connected.socket;
    expect(connected.hello.protocolVersion).toBe(PROTOCOL_VERSION);
  });
  afterAll(async () => {
    socket?.close();
    await app?.dispose();
  });

  it("answers a valid ping with a typed ok ack", async () => {
    const answer = await socket.emitWithAck("system:ping", { sentAt: 1234 });
    expect(answer).toMatchObject({ ok: true, sentAt: 1234 });
    if (answer.ok) expect(answer.serverTime).toBeGreaterThan(0);
  });

  it("answers an invalid payload with validation_failed and the failing field", async () => {
    const untyped = socket as unknown as {
      emitWithAck(event: string, payload: unknown): Promise<unknown>;
    };
    await expect(untyped.emitWithAck("system:ping", { sentAt: "soon" })).resolves.toMatchObject({
      ok: false,
      code: "validation_failed",
      field: "sentAt",
    });
    await expect(untyped.emitWithAck("system:ping", null)).resolves.toMatchObject({
      ok: false,
      code: "validation_failed",
    });
  });

  it("survives events without ack, unknown events and garbage, and keeps answering", async () => {
    const raw = socket as unknown as { emit(event: string, ...args: unknown[]): void };
    raw.emit("system:ping", { sentAt: 1 });
    raw.emit("system:ping");
    raw.emit("no:such-event", { anything: true }, () => undefined);
    raw.emit("system:ping", "x".repeat(10_000), 42);
    const answer = await socket.emitWithAck("system:ping", { sentAt: 5 });
    expect(answer).toMatchObject({ ok: true, sentAt: 5 });
  });
});

const redisUp = await redisAvailable();

describe.runIf(redisUp)("two server instances sharing sockets through Redis", () => {
  const apps: TestApp[] = [];
  const sockets: TestSocket[] = [];

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    for (const app of apps) await app.dispose();
  });

  it("uses the Redis queue store and delivers a broadcast from one instance to a client of the other", async () => {
    const [first, second] = await Promise.all([
      buildTestApp({ REDIS_URL: REDIS_TEST_URL }),
      buildTestApp({ REDIS_URL: REDIS_TEST_URL }),
    ]);
    apps.push(first!, second!);
    expect(first!.queueStore.kind).toBe("redis");
    const ready = await first!.http.inject({ url: "/readyz" });
    expect(ready.json()).toMatchObject({ checks: { queueStore: { ok: true } } });

    const { socket, hello } = await connectClient(await listen(second!));
    sockets.push(socket);
    const received = new Promise<string>((resolve) =>
      socket.on("system:hello", (payload) => resolve(payload.serverId)),
    );
    first!.io.emit("system:hello", { protocolVersion: PROTOCOL_VERSION, serverId: "from-first" });
    expect(await received).toBe("from-first");
    expect(hello.serverId).not.toBe("from-first");
  });
});
