/** Connection-level socket handlers: greet each client and answer pings. */
import type { Logger } from "pino";
import { PROTOCOL_VERSION } from "@crossfair/shared";
import { handleEvent, serverId } from "../plugins/socket.js";
import type { AppSocket } from "../plugins/socket.types.js";

export function registerSystemSocket(socket: AppSocket, log: Logger): void {
  socket.emit("system:hello", { protocolVersion: PROTOCOL_VERSION, serverId });
  handleEvent(socket, "system:ping", log, ({ sentAt }) => ({ sentAt, serverTime: Date.now() }));
}
