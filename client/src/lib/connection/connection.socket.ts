/**
 * Creates the real socket.io-client socket, typed by the shared event maps.
 * Kept apart from the manager so unit tests never load a transport.
 */
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@crossfair/shared";
import type { ConnectionSocket } from "./connection.manager.js";

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Same origin, default `/socket.io` path: the server (or Vite's proxy) answers both. */
export function createAppSocket(): AppSocket & ConnectionSocket {
  const socket: AppSocket = io({
    // Websocket first: the server runs behind proxies that support it, and
    // long-polling's upgrade dance only adds latency for interviews.
    transports: ["websocket", "polling"],
    reconnectionDelayMax: 10_000,
  });
  return socket satisfies ConnectionSocket;
}
