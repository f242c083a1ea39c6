/**
 * One media host of the webinar benchmark: a child process with
 * `process.argv[2]` mediasoup workers (the server's WorkerPool and router
 * codecs), driven over IPC by webinar-bench.ts. The origin router holds the
 * speaker's producers (Opus, and VP8 in three simulcast encodings) on an
 * SRTP PlainTransport; edge routers on the other workers get them with
 * pipeToRouter, a router on another host over a PipeTransport pair. Each
 * viewer is an SRTP PlainTransport towards a sink with an audio and a video
 * consumer on the preferred spatial layer.
 */
import { ROUTER_MEDIA_CODECS } from "@crossfair/server/interview/media/codecs";
import type { MediaWorker } from "@crossfair/server/interview/media/worker-pool";
import { serveRequests } from "../media-bench/driver.js";
import {
  CRYPTO_SUITE,
  LOCALHOST,
  srtpKey,
  startBenchPool,
  workersCpu,
} from "../media-bench/worker-side.js";
import {
  AUDIO_PT,
  LAYERS,
  VIDEO_PT,
  type HostAnswer,
  type HostRequest,
  type PipedProducer,
  type SpeakerSpec,
  type Tuple,
} from "./protocol.js";

type Worker = MediaWorker["worker"];
type Router = Awaited<ReturnType<Worker["createRouter"]>>;
type PipeTransport = Awaited<ReturnType<Router["createPipeTransport"]>>;
type Consumer = Awaited<ReturnType<PipeTransport["consume"]>>;
type ProduceOptions = Parameters<PipeTransport["produce"]>[0];

const pool = await startBenchPool(Number(process.argv[2] ?? 1));
const workers = pool.workers.map((w) => w.worker);

/** The session's routers by worker index, the producers' ids every one of them has. */
const routers = new Map<number, Router>();
let origin: Router | undefined;
let producerIds: string[] = [];
let pipe: PipeTransport | undefined;
let videoConsumers: Consumer[] = [];

async function routerOn(worker: number): Promise<Router> {
  let router = routers.get(worker);
  if (!router) {
    router = await workers[worker]!.createRouter({ mediaCodecs: ROUTER_MEDIA_CODECS });
    routers.set(worker, router);
  }
  return router;
}

async function startOrigin(
  worker: number,
  keyFrameRequestDelay: number,
  ssrcBase: number,
): Promise<SpeakerSpec> {
  origin = await routerOn(worker);
  const transport = await origin.createPlainTransport({
    listenInfo: LOCALHOST,
    rtcpMux: true,
    comedia: true,
    enableSrtp: true,
    srtpCryptoSuite: CRYPTO_SUITE,
  });
  const keyBase64 = srtpKey();
  await transport.connect({ srtpParameters: { cryptoSuite: CRYPTO_SUITE, keyBase64 } });
  const audioSsrc = ssrcBase;
  const videoSsrcs = LAYERS.map((_, index) => ssrcBase + 1 + index);
  const audio = await transport.produce({
    kind: "audio",
    rtpParameters: {
      codecs: [{ mimeType: "audio/opus", payloadType: AUDIO_PT, clockRate: 48_000, channels: 2 }],
      encodings: [{ ssrc: audioSsrc }],
    },
  });
  const video = await transport.produce({
    kind: "video",
    keyFrameRequestDelay,
    rtpParameters: {
      codecs: [
        {
          mimeType: "video/VP8",
          payloadType: VIDEO_PT,
          clockRate: 90_000,
          rtcpFeedback: [
            { type: "nack" },
            { type: "nack", parameter: "pli" },
            { type: "ccm", parameter: "fir" },
          ],
        },
      ],
      encodings: videoSsrcs.map((ssrc) => ({ ssrc })),
    },
  });
  producerIds = [audio.id, video.id];
  return {
    port: transport.tuple.localPort,
    audioSsrc,
    videoSsrcs,
    keyBase64,
    workerKeyBase64: transport.srtpParameters!.keyBase64,
  };
}

async function startEdge(worker: number) {
  const edge = await routerOn(worker);
  for (const producerId of producerIds) await origin!.pipeToRouter({ producerId, router: edge });
}

async function openPipe(router: Router, remote?: Tuple): Promise<Tuple> {
  pipe = await router.createPipeTransport({ listenInfo: LOCALHOST });
  if (remote) await pipe.connect(remote);
  return { ip: "127.0.0.1", port: pipe.tuple.localPort };
}

async function connectPipe(remote: Tuple): Promise<PipedProducer[]> {
  await pipe!.connect(remote);
  const piped: PipedProducer[] = [];
  for (const producerId of producerIds) {
    const consumer = await pipe!.consume({ producerId });
    piped.push({ producerId, kind: consumer.kind, rtpParameters: consumer.rtpParameters });
  }
  return piped;
}

async function producePiped(producers: PipedProducer[]) {
  for (const { producerId, kind, rtpParameters } of producers) {
    await pipe!.produce({
      id: producerId,
      kind,
      rtpParameters: rtpParameters as ProduceOptions["rtpParameters"],
    });
  }
  producerIds = producers.map((p) => p.producerId);
}

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

async function addViewers(worker: number, layers: number[], sinkPorts: number[]) {
  const router = await routerOn(worker);
  const rtpCapabilities = sinkCapabilities(router);
  for (const [index, spatialLayer] of layers.entries()) {
    const transport = await router.createPlainTransport({
      listenInfo: LOCALHOST,
      rtcpMux: true,
      comedia: false,
      enableSrtp: true,
      srtpCryptoSuite: CRYPTO_SUITE,
    });
    await transport.connect({
      ip: "127.0.0.1",
      port: sinkPorts[index % sinkPorts.length]!,
      srtpParameters: { cryptoSuite: CRYPTO_SUITE, keyBase64: srtpKey() },
    });
    for (const producerId of producerIds) {
      const consumer = await transport.consume({
        producerId,
        rtpCapabilities,
        preferredLayers: { spatialLayer, temporalLayer: 0 },
      });
      if (consumer.kind === "video") videoConsumers.push(consumer);
    }
  }
  return videoConsumers.length;
}

async function requestKeyFrames(count: number) {
  const asked = Math.min(count, videoConsumers.length);
  const start = Math.floor(Math.random() * videoConsumers.length);
  await Promise.all(
    Array.from({ length: asked }, (_, i) =>
      videoConsumers[(start + i) % videoConsumers.length]!.requestKeyFrame(),
    ),
  );
  return asked;
}

function layerCounts() {
  const perLayer = LAYERS.map(() => 0);
  let none = 0;
  for (const consumer of videoConsumers) {
    const layer = consumer.currentLayers?.spatialLayer;
    if (layer === undefined) none += 1;
    else perLayer[layer]! += 1;
  }
  return { perLayer, none };
}

async function reset() {
  for (const router of routers.values()) router.close();
  routers.clear();
  origin = undefined;
  pipe = undefined;
  producerIds = [];
  videoConsumers = [];
}

serveRequests<HostRequest>(
  async (request): Promise<Omit<HostAnswer, "id" | "kind">> => {
    switch (request.kind) {
      case "origin":
        return {
          speaker: await startOrigin(
            request.worker,
            request.keyFrameRequestDelay,
            request.ssrcBase,
          ),
        };
      case "edge":
        return await startEdge(request.worker).then(() => ({}));
      case "pipeOffer":
        return {
          local: await openPipe(origin!),
        };
      case "pipeAccept":
        return { local: await openPipe(await routerOn(request.worker), request.remote) };
      case "pipeConnect":
        return { producers: await connectPipe(request.remote) };
      case "pipeProduce":
        return await producePiped(request.producers).then(() => ({}));
      case "viewers":
        return { total: await addViewers(request.worker, request.layers, request.sinkPorts) };
      case "keyFrames":
        return { requested: await requestKeyFrames(request.count) };
      case "cpu":
        return { workers: await workersCpu(workers, request.windowMs) };
      case "layers":
        return layerCounts();
      case "reset":
        return await reset().then(() => ({}));
    }
  },
  () => pool.close(),
);
