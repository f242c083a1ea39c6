/**
 * How the media layer reaches a group session's members: its room (every
 * member, on any process: the Socket.io adapter spans them) or one socket.
 */
import type { ServerEventName, ServerEventPayload } from "@crossfair/shared";
import type { AppSocketServer } from "../../plugins/socket.types.js";

export interface MediaNotifier {
  toRoom<E extends ServerEventName>(room: string, event: E, payload: ServerEventPayload<E>): void;
  toSocket<E extends ServerEventName>(
    socketId: string,
    event: E,
    payload: ServerEventPayload<E>,
  ): void;
}

export function socketMediaNotifier(io: AppSocketServer): MediaNotifier {
  // The generic event name cannot be narrowed for socket.io's overloads.
  const emit = (target: string, event: string, payload: unknown) =>
    (io.to(target) as unknown as { emit(name: string, body: unknown): void }).emit(event, payload);
  return {
    toRoom: (room, event, payload) => emit(room, event, payload),
    toSocket: (socketId, event, payload) => emit(socketId, event, payload),
  };
}
