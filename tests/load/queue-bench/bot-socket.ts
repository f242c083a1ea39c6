/**
 * One bot's connection: a Socket.io socket typed by the shared protocol (the
 * session cookie in the handshake, websocket only, no automatic reconnection:
 * bots reconnect on purpose), and the client's own `socketLink` on top of it,
 * wrapped so that every request the client's managers make is timed from
 * send to ack. Every pushed event is counted.
 */
import { io, type Socket } from "socket.io-client";
import type {
  ClientEventName,
  ClientEventPayload,
  ClientToServerEvents,
  ServerToClientEvents,
} from "@crossfair/shared";
import {
  socketLink,
  type LinkSocket,
  type RealtimeLink,
} from "../../../client/src/lib/connection/connection.link.js";
import { now, type BenchStats } from "./stats.js";

export type BotSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export const ACK_TIMEOUT_MS = 30_000;

export function createBotSocket(baseUrl: string, cookie: string, stats: BenchStats): BotSocket {
  const socket: BotSocket = io(baseUrl, {
    transports: ["websocket"],
    reconnection: false,
    autoConnect: false,
    forceNew: true,
    timeout: 60_000,
    extraHeaders: { cookie },
  });
  socket.onAny((event: string) => stats.recordPush(event));
  return socket;
}

/** (Re)connects and resolves once the server's hello arrived (its handlers are registered). */
export function connectBotSocket(socket: BotSocket, timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      socket.off("system:hello", onHello);
      socket.off("connect_error", onError);
      if (error) reject(error);
      else resolve();
    };
    const onHello = () => done();
    const onError = (error: Error) => done(new Error(`connect failed: ${error.message}`));
    const timer = setTimeout(() => done(new Error(`no hello within ${timeoutMs} ms`)), timeoutMs);
    socket.on("system:hello", onHello);
    socket.on("connect_error", onError);
    socket.connect();
  });
}

/** Names an operation for the figures; answers that differ in cost get their own line. */
function label<E extends ClientEventName>(event: E, payload: ClientEventPayload<E>): string {
  if (event === "queue:respond") {
    return (payload as ClientEventPayload<"queue:respond">).accept
      ? "queue:respond (accept)"
      : "queue:respond (decline)";
  }
  if (event === "queue:snooze") {
    return (payload as ClientEventPayload<"queue:snooze">).snoozed
      ? "queue:snooze (snooze)"
      : "queue:snooze (ready)";
  }
  return event;
}

/** The client's link, with every request timed and counted. */
export function timedLink(socket: BotSocket, stats: BenchStats): RealtimeLink {
  // The typed socket's overloads are narrower than the link's plain-string view of it.
  const link = socketLink(socket as unknown as LinkSocket, ACK_TIMEOUT_MS);
  return {
    get connected() {
      return link.connected;
    },
    on: (event, listener) => link.on(event, listener),
    onConnect: (listener) => link.onConnect(listener),
    async request(event, payload) {
      const started = now();
      const answer = await link.request(event, payload);
      // The link turns a missing ack into `unavailable`; the server never answers that itself.
      const timedOut = !answer.ok && answer.code === "unavailable";
      if (!timedOut) stats.recordAck();
      stats.recordOp(
        label(event, payload),
        now() - started,
        answer.ok ? "ok" : timedOut ? "timeout" : answer.code,
      );
      return answer;
    },
  };
}
