/**
 * A viewer's media leg in the webinar benchmark, in either media host: an
 * SRTP PlainTransport on the viewer's router towards a sink (where a browser
 * would have its WebRTC transport), with an audio and a video consumer on a
 * preferred spatial layer. Also the key frame requests and the layer census
 * over every viewer's video consumer.
 */
import type { MediaWorker } from "@crossfair/server/interview/media/worker-pool";
import { srtpTransportTo } from "../media-bench/worker-side.js";
import { LAYERS } from "./protocol.js";

type Worker = MediaWorker["worker"];
export type Router = Awaited<ReturnType<Worker["createRouter"]>>;
type Transport = Awaited<ReturnType<typeof srtpTransportTo>>;
type Consumer = Awaited<ReturnType<Transport["consume"]>>;

const videoConsumers: Consumer[] = [];

/**
 * What a viewer's sink can receive: the router's capabilities without
 * transport-cc and REMB. With them the PlainTransport runs bandwidth
 * estimation, starts at 600 kbit/s and never learns more (the sink sends no
 * feedback), and no consumer ever gets the 900 kbit/s layer.
 */
function sinkCapabilities(router: Router): Router["rtpCapabilities"] {
  const { codecs = [], headerExtensions = [] } = router.rtpCapabilities;
  const noBwe = (type: string) => type !== "transport-cc" && type !== "goog-remb";
  return {
    codecs: codecs.map((codec) => ({
      ...codec,
      rtcpFeedback: codec.rtcpFeedback?.filter((fb) => noBwe(fb.type)),
    })),
    headerExtensions: headerExtensions.filter(
      (ext) => !ext.uri.includes("transport-wide-cc") && !ext.uri.includes("abs-send-time"),
    ),
  };
}

/** One viewer: `producerIds` are the ids the producers have on this router. */
export async function addViewerLeg(
  router: Router,
  producerIds: string[],
  spatialLayer: number,
  sinkPort: number,
): Promise<void> {
  const transport = await srtpTransportTo(router, sinkPort);
  for (const producerId of producerIds) {
    const consumer = await transport.consume({
      producerId,
      rtpCapabilities: sinkCapabilities(router),
      preferredLayers: { spatialLayer, temporalLayer: 0 },
    });
    if (consumer.kind === "video") {
      videoConsumers.push(consumer);
      consumer.observer.once("close", () =>
        videoConsumers.splice(videoConsumers.indexOf(consumer), 1),
      );
    }
  }
}

/** `count` random viewers' video consumers ask for a key frame (as a viewer's PLI would). */
export async function requestKeyFrames(count: number): Promise<number> {
  const asked = Math.min(count, videoConsumers.length);
  const start = Math.floor(Math.random() * videoConsumers.length);
  await Promise.all(
    Array.from({ length: asked }, (_, i) =>
      videoConsumers[(start + i) % videoConsumers.length]!.requestKeyFrame(),
    ),
  );
  return asked;
}

/** How many viewers receive each spatial layer now, and how many nothing. */
export function layerCounts(): { perLayer: number[]; none: number } {
  const perLayer = LAYERS.map(() => 0);
  let none = 0;
  for (const consumer of videoConsumers) {
    const layer = consumer.currentLayers?.spatialLayer;
    if (layer === undefined) none += 1;
    else perLayer[layer]! += 1;
  }
  return { perLayer, none };
}

export const viewerCount = () => videoConsumers.length;
