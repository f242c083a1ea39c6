/** A typed socket.io client for tests, speaking the shared protocol. */
import { io, type Socket } from "socket.io-client";
import type {
  ClientToServerEvents,
  ServerEventPayload,
  ServerToClientEvents,
} from "@crossfair/shared";

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export async function connectClient(
  baseUrl: string,
  cookie?: string,
): Promise<{
  socket: TestSocket;
  hello: ServerEventPayload<"system:hello">;
}> {
  const socket: TestSocket = io(baseUrl, {
    transports: ["websocket"],
    reconnection: false,
    ...(cookie ? { extraHeaders: { cookie } } : {}),
  });
  const hello = await new Promise<ServerEventPayload<"system:hello">>((resolve, reject) => {
    socket.once("system:hello", resolve);
    socket.once("connect_error", reject);
  });
  return { socket, hello };
}

/** Resolves with the next payload of a server event (or rejects after a timeout). */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: TestSocket,
  event: E,
  predicate: (payload: ServerEventPayload<E>) => boolean = () => true,
  timeoutMs = 5_000,
): Promise<ServerEventPayload<E>> {
  return new Promise((resolve, reject) => {
    const untyped = socket as unknown as {
      on(name: string, fn: (payload: ServerEventPayload<E>) => void): void;
      off(name: string, fn: (payload: ServerEventPayload<E>) => void): void;
    };
    const timer = setTimeout(() => {
      untyped.off(event, listener);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: ServerEventPayload<E>) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      untyped.off(event, listener);
      resolve(payload);
    };
    untyped.on(event, listener);
  });
}

/** Resolves with the reason once the socket is cut (at once when it already is). */
export function disconnected(socket: TestSocket, timeoutMs = 5_000): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    if (socket.disconnected) return resolve("already");
    const timer = setTimeout(() => reject(new Error("still connected")), timeoutMs);
    socket.once("disconnect", (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}
