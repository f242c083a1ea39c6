/**
 * The interview signalling handlers of one socket. Each event is validated by
 * `handleEvent` against the shared schema; joining checks in the database
 * that the user is a participant of a live interview, and every later event
 * only works for a member of the room on this very socket.
 */
import type { types as ms } from "mediasoup";
import type { Logger } from "pino";
import { ErrorCode, type SessionUser } from "@crossfair/shared";
import { AppError } from "../plugins/errors.js";
import { handleEvent, type AppSocket, type AppSocketServer } from "../plugins/socket.js";
import type { InterviewRooms, RoomNotifier } from "./interview.rooms.js";
import type { InterviewService } from "./interview.service.js";

export interface InterviewSocketDeps {
  rooms: InterviewRooms;
  interviews: InterviewService;
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
  const { rooms, interviews, log } = deps;
  const user = (): SessionUser => {
    const current = socket.data.user;
    if (!current) throw new AppError(ErrorCode.unauthenticated, "sign in first");
    return current;
  };
  const media = (interviewId: string) => rooms.mediaFor(interviewId, user().id, socket.id);

  handleEvent(socket, "interview:join", log, async ({ interviewId }) => {
    const me = user();
    const { role } = await interviews.joinable(interviewId, me);
    return rooms.join(interviewId, { userId: me.id, displayName: me.displayName, role }, socket.id);
  });

  handleEvent(socket, "interview:createTransport", log, ({ interviewId, direction }) =>
    media(interviewId).createTransport(user().id, direction),
  );

  handleEvent(
    socket,
    "interview:connectTransport",
    log,
    async ({ interviewId, transportId, dtlsParameters }) => {
      await media(interviewId).connectTransport(
        user().id,
        transportId,
        dtlsParameters as ms.DtlsParameters,
      );
      return {};
    },
  );

  handleEvent(socket, "interview:produce", log, async ({ interviewId, ...input }) => {
    const producer = await media(interviewId).produce(user().id, {
      ...input,
      rtpParameters: input.rtpParameters as unknown as ms.RtpParameters,
    });
    rooms.announceProducer(interviewId, producer);
    return { producerId: producer.producerId };
  });

  handleEvent(socket, "interview:consume", log, ({ interviewId, ...input }) =>
    media(interviewId).consume(user().id, {
      ...input,
      rtpCapabilities: input.rtpCapabilities as unknown as ms.RtpCapabilities,
    }),
  );

  handleEvent(socket, "interview:resumeConsumer", log, async ({ interviewId, consumerId }) => {
    await media(interviewId).resumeConsumer(user().id, consumerId);
    return {};
  });

  handleEvent(
    socket,
    "interview:pauseProducer",
    log,
    async ({ interviewId, producerId, paused }) => {
      await media(interviewId).pauseProducer(user().id, producerId, paused);
      rooms.announceProducerPaused(interviewId, user().id, producerId, paused);
      return {};
    },
  );

  handleEvent(socket, "interview:closeProducer", log, ({ interviewId, producerId }) => {
    media(interviewId).closeProducer(user().id, producerId);
    return {};
  });

  handleEvent(socket, "interview:chat", log, ({ interviewId, text }) => ({
    message: rooms.chat(interviewId, user().id, socket.id, text),
  }));

  handleEvent(socket, "interview:leave", log, ({ interviewId }) => {
    rooms.leave(interviewId, user().id, socket.id);
    return {};
  });

  handleEvent(socket, "interview:end", log, async ({ interviewId }) => {
    // The service's ended listener closes the room and tells its members.
    await interviews.end(interviewId, user().id);
    return {};
  });

  socket.on("disconnect", () => rooms.disconnected(socket.id));
}
