/**
 * The interview signalling handlers of one socket. Each event is validated by
 * `handleEvent` against the shared schema; joining checks in the database
 * that the user is a participant of a live interview, and every later event
 * runs at the session's owning process (this one or another, LiveSessions
 * routes it), where it only works for a member of the room on this very socket.
 */
import type { Logger } from "pino";
import { ErrorCode, type ClientEventResult, type SessionUser } from "@crossfair/shared";
import { AppError } from "../plugins/errors.js";
import { handleEvent } from "../plugins/socket.js";
import type { AppSocket, AppSocketServer } from "../plugins/socket.types.js";
import type { RoomNotifier } from "./interview.rooms.js";
import type { InterviewService } from "./interview.service.js";
import type { LiveSessions } from "./session/live-sessions.js";
import { SIGNAL_EVENTS, type SignalEvent } from "./session/session.calls.js";
import { iceServersFor, type TurnSettings } from "./session/turn-credentials.js";

export interface InterviewSocketDeps {
  sessions: LiveSessions;
  interviews: InterviewService;
  turn: TurnSettings;
  log: Logger;
}

/** Socket.io delivery for the room manager: one socket by id, on any process with Redis. */
export function socketNotifier(io: AppSocketServer): RoomNotifier {
  return {
    send(socketId, event, payload) {
      // The generic event name cannot be narrowed for socket.io's overloads.
      (io.to(socketId) as unknown as { emit(name: string, body: unknown): void }).emit(
        event,
        payload,
      );
    },
  };
}

export function registerInterviewSocket(socket: AppSocket, deps: InterviewSocketDeps): void {
  const { sessions, interviews, turn, log } = deps;
  const user = (): SessionUser => {
    const current = socket.data.user;
    if (!current) throw new AppError(ErrorCode.unauthenticated, "sign in first");
    return current;
  };

  handleEvent(socket, "interview:join", log, async ({ interviewId }) => {
    const me = user();
    const { interview, role } = await interviews.joinable(interviewId, me);
    const joined = await sessions.join(
      interviewId,
      { userId: me.id, displayName: me.displayName, role },
      socket.id,
    );
    return {
      ...joined,
      iceServers: iceServersFor(turn, me.id),
      iceTransportPolicy: turn.relayOnly ? ("relay" as const) : ("all" as const),
      plannedEndsAt: interview.plannedEndsAt ? Date.parse(interview.plannedEndsAt) : null,
      serverTime: Date.now(),
    };
  });

  for (const event of SIGNAL_EVENTS) {
    handleEvent(socket, event as SignalEvent, log, async (payload) => {
      const answer = await sessions.signal(
        payload.interviewId,
        user().id,
        socket.id,
        event,
        payload,
      );
      return answer as ClientEventResult<SignalEvent>;
    });
  }

  handleEvent(socket, "interview:leave", log, async ({ interviewId }) => {
    await sessions.leave(interviewId, user().id, socket.id);
    return {};
  });

  handleEvent(socket, "interview:end", log, async ({ interviewId }) => {
    // The service's ended listener closes the session at its owner and tells its members.
    await interviews.end(interviewId, user().id);
    return {};
  });

  socket.on("disconnect", () => sessions.disconnected(socket.id));
}
