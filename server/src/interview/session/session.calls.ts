/**
 * What a process asks of a live session's owner, and how the owner does it
 * on its own rooms. A call is plain JSON: it runs the same whether it came
 * from a socket on the owner itself or was relayed from another process.
 */
import type { types as ms } from "mediasoup";
import type { z } from "zod";
import type {
  ClientEventResult,
  InterviewRole,
  RoomPeer,
  clientEventSchemas,
} from "@crossfair/shared";
import type { InterviewRooms } from "../interview.rooms.js";

/** The events of a joined member; each runs on the room's media at the owner. */
export const SIGNAL_EVENTS = [
  "interview:createTransport",
  "interview:connectTransport",
  "interview:produce",
  "interview:consume",
  "interview:resumeConsumer",
  "interview:pauseProducer",
  "interview:closeProducer",
  "interview:chat",
] as const;
export type SignalEvent = (typeof SIGNAL_EVENTS)[number];
export type SignalPayload<E extends SignalEvent> = z.infer<
  (typeof clientEventSchemas)[E]["payload"]
>;

export type SessionCall =
  | {
      op: "join";
      sessionId: string;
      peer: RoomPeer & { role: InterviewRole };
      socketId: string;
      /** The process holding the member's socket: if it dies, the owner drops the member. */
      holder: string;
    }
  | {
      op: "signal";
      sessionId: string;
      userId: string;
      socketId: string;
      event: SignalEvent;
      payload: SignalPayload<SignalEvent>;
    }
  | { op: "leave"; sessionId: string; userId: string; socketId?: string | undefined }
  | { op: "end"; sessionId: string }
  | { op: "diagnostics"; sessionId: string };

/** Runs a call on this process's rooms (the owner's side of a relayed request). */
export async function runOnOwner(rooms: InterviewRooms, call: SessionCall): Promise<unknown> {
  switch (call.op) {
    case "join":
      return rooms.join(call.sessionId, call.peer, call.socketId, call.holder);
    case "signal":
      return runSignal(rooms, call);
    case "leave":
      rooms.leave(call.sessionId, call.userId, call.socketId);
      return {};
    case "end":
      rooms.end(call.sessionId);
      return {};
    case "diagnostics":
      return rooms.diagnostics(call.sessionId);
  }
}

type Handlers = {
  [E in SignalEvent]: (
    rooms: InterviewRooms,
    member: { sessionId: string; userId: string; socketId: string },
    payload: SignalPayload<E>,
  ) => Promise<ClientEventResult<E>> | ClientEventResult<E>;
};

const media = (
  rooms: InterviewRooms,
  member: { sessionId: string; userId: string; socketId: string },
) => rooms.mediaFor(member.sessionId, member.userId, member.socketId);

/** Every signalling event checks first that the user is a member on this very socket. */
const handlers: Handlers = {
  "interview:createTransport": (rooms, member, { direction }) =>
    media(rooms, member).createTransport(member.userId, direction),
  "interview:connectTransport": async (rooms, member, { transportId, dtlsParameters }) => {
    await media(rooms, member).connectTransport(
      member.userId,
      transportId,
      dtlsParameters as ms.DtlsParameters,
    );
    return {};
  },
  "interview:produce": async (rooms, member, { interviewId: _id, ...input }) => {
    const producer = await media(rooms, member).produce(member.userId, {
      ...input,
      rtpParameters: input.rtpParameters as unknown as ms.RtpParameters,
    });
    rooms.announceProducer(member.sessionId, producer);
    return { producerId: producer.producerId };
  },
  "interview:consume": (rooms, member, { interviewId: _id, ...input }) =>
    media(rooms, member).consume(member.userId, {
      ...input,
      rtpCapabilities: input.rtpCapabilities as unknown as ms.RtpCapabilities,
    }),
  "interview:resumeConsumer": async (rooms, member, { consumerId }) => {
    await media(rooms, member).resumeConsumer(member.userId, consumerId);
    return {};
  },
  "interview:pauseProducer": async (rooms, member, { producerId, paused }) => {
    await media(rooms, member).pauseProducer(member.userId, producerId, paused);
    rooms.announceProducerPaused(member.sessionId, member.userId, producerId, paused);
    return {};
  },
  "interview:closeProducer": (rooms, member, { producerId }) => {
    media(rooms, member).closeProducer(member.userId, producerId);
    return {};
  },
  "interview:chat": (rooms, member, { text }) => ({
    message: rooms.chat(member.sessionId, member.userId, member.socketId, text),
  }),
};

function runSignal(
  rooms: InterviewRooms,
  call: Extract<SessionCall, { op: "signal" }>,
): Promise<unknown> | unknown {
  const handler = handlers[call.event] as (
    rooms: InterviewRooms,
    member: { sessionId: string; userId: string; socketId: string },
    payload: SignalPayload<SignalEvent>,
  ) => unknown;
  return handler(rooms, call, call.payload);
}
