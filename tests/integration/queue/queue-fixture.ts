/**
 * A running embedded-default app with short queue timings for the socket
 * suites, and the helpers they share: stands by name, signed-in sockets,
 * sessions, store addresses and the (drained) event log.
 */
import type { AddressInfo } from "node:net";
import { fairHallSchema, sessionUserSchema, type FairHall } from "@crossfair/shared";
import { queueEvents } from "@crossfair/server/queue/queue.schema";
import { screeningQuestions } from "@crossfair/server/stand/stand.schema";
import type { StandRef } from "@crossfair/server/queue/queue.store";
import { buildTestApp, type TestApp } from "../../support/app.js";
import { signInCookie } from "../../support/session.js";
import { connectClient, type TestSocket } from "../../support/socket-client.js";

export interface QueueFixture {
  app: TestApp;
  /** The demo fair, live: every store method names it. */
  fairId: string;
  standId(name: string): string;
  /** The stand's store address (`{fairId, standId}`), for tests that act on the store directly. */
  ref(name: string): StandRef;
  connectAs(email: string): Promise<TestSocket>;
  connectAnonymous(): Promise<TestSocket>;
  connectWithCookie(cookie: string): Promise<TestSocket>;
  /** Closes every socket opened so far (presence is per person, so grace tests need this). */
  closeSockets(): void;
  sessionOf(email: string): Promise<ReturnType<typeof sessionUserSchema.parse>>;
  idOf(email: string): Promise<string>;
  /** The event log is written behind the queue; this waits for it before reading. */
  loggedEvents(): Promise<(typeof queueEvents.$inferSelect)[]>;
  questionIds(standId: string): Promise<string[]>;
  dispose(): Promise<void>;
}

export async function startQueueFixture(): Promise<QueueFixture> {
  const app = await buildTestApp({
    QUEUE_CALL_TIMEOUT_SECONDS: "5",
    QUEUE_RECONNECT_GRACE_SECONDS: "2",
    QUEUE_HEARTBEAT_SECONDS: "1",
  });
  await app.http.listen({ host: "127.0.0.1", port: 0 });
  const baseUrl = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
  const hall: FairHall = fairHallSchema.parse(
    (await app.http.inject({ url: "/api/fairs/current/hall" })).json(),
  );
  const sockets: TestSocket[] = [];
  const sessionOf = async (email: string) => {
    const cookie = await signInCookie(app, email);
    const me = await app.http.inject({ url: "/api/auth/me", headers: { cookie } });
    return sessionUserSchema.parse((me.json() as { user: unknown }).user);
  };
  const standId = (name: string) => {
    const stand = hall.stands.find((entry) => entry.organisationName === name);
    if (!stand) throw new Error(`no stand ${name}`);
    return stand.id;
  };
  return {
    app,
    fairId: hall.fair.id,
    standId,
    ref: (name) => ({ fairId: hall.fair.id, standId: standId(name) }),
    async connectAs(email) {
      const { socket } = await connectClient(baseUrl, await signInCookie(app, email));
      sockets.push(socket);
      return socket;
    },
    async connectWithCookie(cookie) {
      const { socket } = await connectClient(baseUrl, cookie);
      sockets.push(socket);
      return socket;
    },
    async connectAnonymous() {
      const { socket } = await connectClient(baseUrl);
      sockets.push(socket);
      return socket;
    },
    closeSockets() {
      for (const socket of sockets.splice(0)) socket.close();
    },
    sessionOf,
    async idOf(email) {
      return (await sessionOf(email)).id;
    },
    async loggedEvents() {
      await app.outbox.drainOnce();
      return app.database.db.select().from(queueEvents);
    },
    async questionIds(standId) {
      const rows = await app.database.db.select().from(screeningQuestions);
      return rows.filter((row) => row.standId === standId).map((row) => row.id);
    },
    async dispose() {
      for (const socket of sockets.splice(0)) socket.close();
      await app.dispose();
    },
  };
}
