/**
 * Sockets are bound to their sign-in session, across two processes sharing
 * PostgreSQL and Redis: signing out cuts that session's sockets in both (and
 * no other session's), an expiring session cuts its sockets when it ends,
 * and a connection recovered after a network drop is authenticated again
 * and keeps no room of the person it spoke for before.
 */
import type { AddressInfo } from "node:net";
import { io } from "socket.io-client";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions } from "@crossfair/server/auth/auth.schema";
import { hashToken } from "@crossfair/server/auth/auth.service";
import { buildTestApp, type TestApp } from "../support/app.js";
import { startAppPair, type AppPair } from "../support/shared-stores.js";
import { signInCookie } from "../support/session.js";
import type { TestSocket } from "../support/socket-client.js";

const disconnected = (socket: TestSocket, timeoutMs = 5_000) =>
  new Promise<string>((resolve, reject) => {
    if (socket.disconnected) return resolve("already");
    const timer = setTimeout(() => reject(new Error("still connected")), timeoutMs);
    socket.once("disconnect", (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });

const tokenOf = (cookie: string) => cookie.split("=").slice(1).join("=");

describe("sockets bound to sessions", () => {
  let pair: AppPair;

  beforeAll(async () => {
    pair = await startAppPair();
  });
  afterAll(async () => pair?.close());

  it("signing out cuts that session's sockets in both processes, and no other session's", async () => {
    const cookie = await signInCookie(pair.first, "candidate@crossfair.test");
    const otherSession = await signInCookie(pair.first, "candidate@crossfair.test");
    const here = await pair.connect(pair.first, cookie);
    const there = await pair.connect(pair.second, cookie);
    const kept = await pair.connect(pair.second, otherSession);
    const cut = Promise.all([disconnected(here), disconnected(there)]);
    const response = await pair.second.http.inject({
      method: "POST",
      url: "/api/auth/sign-out",
      headers: { cookie },
    });
    expect(response.statusCode).toBeLessThan(300);
    expect(await cut).toEqual(["io server disconnect", "io server disconnect"]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(kept.connected).toBe(true);
  });

  it("cuts a socket when its session expires", async () => {
    const cookie = await signInCookie(pair.first, "recruiter@crossfair.test");
    await pair.first.database.db
      .update(sessions)
      .set({ expiresAt: sql`now() + interval '1 second'` })
      .where(sql`${sessions.tokenHash} = ${hashToken(tokenOf(cookie))}`);
    const socket = await pair.connect(pair.second, cookie);
    expect(await disconnected(socket, 5_000)).toBe("io server disconnect");
  });

  // Connection-state recovery needs an adapter that keeps the missed packets: the in-memory one
  // (embedded). The sharded Redis adapter has none, so across processes a drop is a new socket.
  describe("after a network drop", () => {
    let embedded: TestApp;
    beforeAll(async () => {
      embedded = await buildTestApp();
      await embedded.http.listen({ host: "127.0.0.1", port: 0 });
    });
    afterAll(async () => embedded?.dispose());

    /** Connects, runs `before`, ends the session behind the socket's back, drops the network. */
    const recoverAfterSessionEnds = async (
      email: string,
      before: (socket: TestSocket) => Promise<void> = async () => undefined,
    ) => {
      const cookie = await signInCookie(embedded, email);
      const { port } = embedded.http.server.address() as AddressInfo;
      const socket: TestSocket = io(`http://127.0.0.1:${port}`, {
        transports: ["websocket"],
        reconnectionDelay: 50,
        extraHeaders: { cookie },
      });
      await new Promise<void>((resolve) => socket.once("system:hello", () => resolve()));
      const serverSide = () => embedded.io.sockets.sockets.get(socket.id ?? "");
      const rooms = () => [...(serverSide()?.rooms ?? [])].filter((room) => room !== socket.id);
      await before(socket);
      const roomsBefore = rooms();
      // No event: the session row goes, then the connection drops and comes back.
      await embedded.database.db
        .delete(sessions)
        .where(sql`${sessions.tokenHash} = ${hashToken(tokenOf(cookie))}`);
      const back = new Promise<void>((resolve) => socket.io.once("reconnect", () => resolve()));
      socket.io.engine.close();
      await back;
      await new Promise((resolve) => setTimeout(resolve, 200));
      return { socket, roomsBefore, roomsAfter: rooms(), user: serverSide()?.data.user };
    };

    it("authenticates the recovered connection again, and leaves the person's rooms", async () => {
      const { socket, roomsBefore, roomsAfter, user } = await recoverAfterSessionEnds(
        "candidate@crossfair.test",
      );
      socket.close();
      expect(roomsBefore.some((room) => room.startsWith("user:"))).toBe(true);
      expect(roomsBefore.some((room) => room.startsWith("session:"))).toBe(true);
      expect(socket.recovered).toBe(true);
      expect(user).toBeNull();
      expect(roomsAfter.filter((room) => !room.startsWith("stand:"))).toEqual([]);
    });

    it("leaves a stand's console it may no longer see", async () => {
      const { socket, roomsBefore, roomsAfter } = await recoverAfterSessionEnds(
        "recruiter@crossfair.test",
        async (connected) => {
          const cookie = await signInCookie(embedded, "recruiter@crossfair.test");
          const mine = await embedded.http.inject({ url: "/api/me/stands", headers: { cookie } });
          const standId = (mine.json() as { stands: { standId: string }[] }).stands[0]!.standId;
          expect(await connected.emitWithAck("staff:console", { standId })).toMatchObject({
            ok: true,
          });
        },
      );
      socket.close();
      expect(roomsBefore.some((room) => room.startsWith("staff:"))).toBe(true);
      expect(socket.recovered).toBe(true);
      expect(roomsAfter.filter((room) => room.startsWith("staff:"))).toEqual([]);
    });
  });
});
