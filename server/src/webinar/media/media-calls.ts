/**
 * What the processes of a group session ask each other (plain JSON over the
 * relay, or run in place when the origin is local), and the small mediasoup
 * helpers the origin and the edges share.
 */
import type { types as ms } from "mediasoup";
import { ErrorCode } from "@crossfair/shared";
import type { MediaWorker } from "../../interview/media/worker-pool.js";
import { AppError } from "../../plugins/errors.js";
import { type TrackSource, type TransportOptions, type WebinarProducer } from "@crossfair/shared";
export { mediasoupCall } from "../../interview/media/media-room.js";
import type { SendRights } from "../webinar.media.js";

export type WebRtcTransportOptions = TransportOptions;

/** Calls to the process holding a session's origin. */
export type OriginCall =
  | {
      op: "join";
      webinarId: string;
      userId: string;
      socketId: string;
      rights: SendRights;
      /** The process holding the member's socket (it receives there). */
      holder: string;
    }
  | { op: "createSendTransport"; webinarId: string; socketId: string }
  | {
      op: "createPlainSendTransport";
      webinarId: string;
      socketId: string;
      srtp: boolean;
    }
  | {
      op: "connectSendTransport";
      webinarId: string;
      socketId: string;
      transportId: string;
      dtlsParameters?: ms.DtlsParameters | undefined;
      srtpParameters?: ms.SrtpParameters | undefined;
    }
  | {
      op: "produce";
      webinarId: string;
      socketId: string;
      transportId: string;
      kind: ms.MediaKind;
      source: TrackSource;
      rtpParameters: ms.RtpParameters;
      paused: boolean;
    }
  | {
      op: "pauseProducer";
      webinarId: string;
      socketId: string;
      producerId: string;
      paused: boolean;
    }
  | { op: "closeProducer"; webinarId: string; socketId: string; producerId: string }
  | { op: "setRights"; webinarId: string; userId: string; rights: SendRights }
  | { op: "leave"; webinarId: string; socketId: string }
  | { op: "end"; webinarId: string }
  /** An edge process opens its end of a pipe: the origin answers with its own. */
  | { op: "openPipe"; webinarId: string; from: string; ip: string; port: number }
  /** An edge process wants a producer through its pipe. */
  | { op: "pipeProducer"; webinarId: string; from: string; producerId: string }
  /** An edge process has nobody left in the session: its pipe closes. */
  | { op: "closePipe"; webinarId: string; from: string; farPort: number };

/** Calls from the origin to a process with edges of the session. */
export type EdgeCall =
  | {
      op: "edgeProducer";
      webinarId: string;
      producerId: string;
      change: "pause" | "resume" | "close";
    }
  | { op: "closeEdges"; webinarId: string; reason: "ended" | "media_restarted" };

export type MediaCall = OriginCall | EdgeCall;

export interface JoinAnswer {
  routerRtpCapabilities: ms.RtpCapabilities;
  producers: WebinarProducer[];
}

export interface PipedProducer {
  kind: ms.MediaKind;
  rtpParameters: ms.RtpParameters;
  paused: boolean;
  userId: string;
  source: TrackSource;
}

/** A browser's transport through the worker's WebRtcServer (UDP preferred, ICE-TCP too). */
export async function createBrowserTransport(
  router: ms.Router,
  host: MediaWorker,
  appData: { userId: string; direction: "send" | "recv" },
): Promise<ms.WebRtcTransport> {
  const { webRtcServer } = host;
  if (!webRtcServer) throw new AppError(ErrorCode.unavailable, "media is not listening");
  return router.createWebRtcTransport({
    webRtcServer,
    enableUdp: true,
    enableTcp: true,
    preferUdp: true,
    appData,
  });
}

export function transportOptions(transport: ms.WebRtcTransport): WebRtcTransportOptions {
  return {
    transportId: transport.id,
    iceParameters: transport.iceParameters,
    iceCandidates: transport.iceCandidates.map((candidate) => ({ ...candidate })),
    dtlsParameters: transport.dtlsParameters,
  };
}
