/** A typed socket.io client for tests, speaking the shared protocol. */
import { io, type Socket } from "socket.io-client";
import type {
  ClientToServerEvents,
  ServerEventPayload,
  ServerToClientEvents,
} from "@crossfair/shared";

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export async function connectClient(baseUrl: string): Promise<{
  socket: TestSocket;
  hello: ServerEventPayload<"system:hello">;
}> {
  const socket: TestSocket = io(baseUrl, { transports: ["websocket"], reconnection: false });
  const hello = await new Promise<ServerEventPayload<"system:hello">>((resolve, reject) => {
    socket.once("system:hello", resolve);
    socket.once("connect_error", reject);
  });
  return { socket, hello };
}
