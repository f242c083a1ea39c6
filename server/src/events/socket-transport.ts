/**
 * Domain events between server processes over the Socket.io adapter (Redis):
 * one `domain:event` inter-process message per event. Without Redis there is
 * nobody to tell, and no transport is connected.
 */
import type { AppSocketServer } from "../plugins/socket.types.js";
import type { DomainEventTransport } from "./domain-events.js";

declare module "../plugins/socket.types.js" {
  interface InterServerEvents {
    /** A domain event that happened in another process (domain-events.ts checks it). */
    "domain:event": (message: { name: string; event: unknown }) => void;
  }
}

export function socketTransport(io: AppSocketServer): DomainEventTransport {
  return {
    publish: (message) => io.serverSideEmit("domain:event", message),
    subscribe: (receive) => io.on("domain:event", receive),
  };
}
