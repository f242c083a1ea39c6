/**
 * The types of the app's Socket.io server and sockets, typed by the shared
 * protocol: what each socket carries (`SocketData`) and the events between
 * server processes (`InterServerEvents`). A file of types only, so the socket
 * plugin, its limits and the metrics can all name them without importing one
 * another.
 */
import type { Server, Socket } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents, SessionUser } from "@crossfair/shared";

/** The rooms a socket watches, kept in `socket.data` so a recovered connection keeps its count. */
export interface WatchedRooms {
  stand: string[];
  hall: string[];
}

export interface SocketData {
  user: SessionUser | null;
  /** The sign-in session the socket speaks for (auth.module.ts): its id and end, epoch ms. */
  session?: { id: string; expiresAt: number };
  /** The rooms counted against the watch cap (socket-limits.ts); restored with the connection. */
  watching?: WatchedRooms;
}

/**
 * Events between server processes (through the adapter), never seen by
 * clients. Domains add theirs by declaration merging next to their code
 * (`declare module "../plugins/socket.types.js"`), so this file knows none of them.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- extended by the domains
export interface InterServerEvents {}

export type AppSocketServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
export type AppSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
