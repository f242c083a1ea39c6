/**
 * The typed realtime protocol. Each domain file contributes its client-to-server
 * events (payload schema + result schema) and its server-to-client events
 * (payload schema); the Socket.io event maps below are derived from them, so
 * the server and the client cannot disagree on a name or a shape.
 */
import type { z } from "zod";
import type { Ack } from "./ack.js";
import { hallClientEvents, hallServerEvents } from "./hall.js";
import { interviewClientEvents, interviewServerEvents } from "./interview.js";
import { queueClientEvents, queueServerEvents } from "./queue.js";
import { systemClientEvents, systemServerEvents } from "./system.js";
import { webinarReminderServerEvents } from "./webinar-reminders.js";
import { webinarClientEvents, webinarServerEvents } from "./webinar.js";

/** Bump when an event changes incompatibly; the client compares it with the server's hello. */
export const PROTOCOL_VERSION = 1;

export const clientEventSchemas = {
  ...systemClientEvents,
  ...queueClientEvents,
  ...hallClientEvents,
  ...interviewClientEvents,
  ...webinarClientEvents,
} as const;

export const serverEventSchemas = {
  ...systemServerEvents,
  ...queueServerEvents,
  ...hallServerEvents,
  ...interviewServerEvents,
  ...webinarServerEvents,
  ...webinarReminderServerEvents,
} as const;

export type ClientEventName = keyof typeof clientEventSchemas;
export type ServerEventName = keyof typeof serverEventSchemas;

export type ClientEventPayload<E extends ClientEventName> = z.input<
  (typeof clientEventSchemas)[E]["payload"]
>;
export type ClientEventResult<E extends ClientEventName> = z.infer<
  (typeof clientEventSchemas)[E]["result"]
>;
export type ServerEventPayload<E extends ServerEventName> = z.infer<(typeof serverEventSchemas)[E]>;

export type ClientToServerEvents = {
  [E in ClientEventName]: (
    payload: ClientEventPayload<E>,
    ack: (answer: Ack<ClientEventResult<E>>) => void,
  ) => void;
};

export type ServerToClientEvents = {
  [E in ServerEventName]: (payload: ServerEventPayload<E>) => void;
};
