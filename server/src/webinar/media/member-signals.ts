/**
 * Where each media request of a member runs: the receive side (transports,
 * consumers, layers) on this process's edge of the session, the send side
 * (send transports, producers) at the session's origin, wherever it is. A
 * transport id the edge does not know is taken for a send transport.
 */
import type { types as ms } from "mediasoup";
import type { WebinarMember, WebinarSignalEvent } from "../webinar.media.js";
import type { EdgeFanout } from "./edge-fanout.js";
import type { OriginCall } from "./media-calls.js";

export interface SignalSides {
  /** The member's receiving side here (throws when they have not joined here). */
  receiving(): EdgeFanout;
  atOrigin(call: OriginCall): Promise<unknown>;
}

export async function routeSignal(
  sides: SignalSides,
  member: WebinarMember,
  event: WebinarSignalEvent,
  payload: Record<string, unknown>,
): Promise<unknown> {
  const { webinarId, socketId } = member;
  const { atOrigin } = sides;
  const p = payload as never as {
    direction: "send" | "recv";
    transportId: string;
    producerId: string;
    consumerId: string;
    dtlsParameters: ms.DtlsParameters;
    rtpCapabilities: ms.RtpCapabilities;
    rtpParameters: ms.RtpParameters;
    kind: ms.MediaKind;
    source: "microphone" | "camera" | "screen";
    paused: boolean;
    spatialLayer: number;
    temporalLayer?: number;
  };
  switch (event) {
    case "webinar:createTransport":
      if (p.direction === "recv") return sides.receiving().createRecvTransport(socketId);
      return atOrigin({ op: "createSendTransport", webinarId, socketId });
    case "webinar:connectTransport": {
      const fanout = sides.receiving();
      if (fanout.hasTransport(socketId, p.transportId)) {
        await fanout.connectTransport(socketId, p.transportId, p.dtlsParameters);
        return {};
      }
      await atOrigin({
        op: "connectSendTransport",
        webinarId,
        socketId,
        transportId: p.transportId,
        dtlsParameters: p.dtlsParameters,
      });
      return {};
    }
    case "webinar:produce":
      return atOrigin({
        op: "produce",
        webinarId,
        socketId,
        transportId: p.transportId,
        kind: p.kind,
        source: p.source,
        rtpParameters: p.rtpParameters,
        paused: p.paused,
      });
    case "webinar:consume":
      return sides.receiving().consume(socketId, p);
    case "webinar:resumeConsumer":
      await sides.receiving().resumeConsumer(socketId, p.consumerId);
      return {};
    case "webinar:preferLayers":
      await sides.receiving().preferLayers(socketId, p.consumerId, p.spatialLayer, p.temporalLayer);
      return {};
    case "webinar:pauseProducer":
      await atOrigin({
        op: "pauseProducer",
        webinarId,
        socketId,
        producerId: p.producerId,
        paused: p.paused,
      });
      return {};
    case "webinar:closeProducer":
      await atOrigin({ op: "closeProducer", webinarId, socketId, producerId: p.producerId });
      return {};
  }
}
