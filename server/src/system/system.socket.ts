/** Connection-level socket handlers: greet each client and answer pings. */
import type { Logger } from "pino";
import { PROTOCOL_VERSION } from "@crossfair/shared";
import { handleEvent, serverId, type AppSocket } from "../plugins/socket.js";

export function registerSystemSocket(socket: AppSocket, log: Logger): void {
  socket.emit("system:hello", { protocolVersion: PROTOCOL_VERSION, serverId });
  handleEvent(socket, "system:ping", log, ({ sentAt }) => ({ sentAt, serverTime: Date.now() }));
}
