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
import { serveRequests } from "../media-bench/driver.js";
import {
  LOCALHOST,
  srtpTransportIn,
  startBenchPool,
  workersCpu,
} from "../media-bench/worker-side.js";
import {
  addViewerLeg,
  layerCounts,
  requestKeyFrames,
  viewerCount,
  type Router,
} from "./viewer-legs.js";
import {
  LAYERS,
  speakerRtpParameters,
  type HostAnswer,
  type HostRequest,
  type PipedProducer,
  type SpeakerSpec,
  type Tuple,
} from "./protocol.js";

type PipeTransport = Awaited<ReturnType<Router["createPipeTransport"]>>;
type ProduceOptions = Parameters<PipeTransport["produce"]>[0];

const pool = await startBenchPool(Number(process.argv[2] ?? 1));
const workers = pool.workers.map((w) => w.worker);

/** The session's routers by worker index, the producers' ids every one of them has. */
const routers = new Map<number, Router>();
let origin: Router | undefined;
let producerIds: string[] = [];
let pipe: PipeTransport | undefined;

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
  const { transport, keyBase64 } = await srtpTransportIn(origin);
  const audioSsrc = ssrcBase;
  const videoSsrcs = LAYERS.map((_, index) => ssrcBase + 1 + index);
  const { audio: audioParameters, video: videoParameters } = speakerRtpParameters(
    audioSsrc,
    videoSsrcs,
  );
  const audio = await transport.produce({ kind: "audio", rtpParameters: audioParameters });
  const video = await transport.produce({
    kind: "video",
    keyFrameRequestDelay,
    rtpParameters: videoParameters,
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

async function addViewers(worker: number, layers: number[], sinkPorts: number[]) {
  const router = await routerOn(worker);
  for (const [index, spatialLayer] of layers.entries()) {
    await addViewerLeg(router, producerIds, spatialLayer, sinkPorts[index % sinkPorts.length]!);
  }
  return viewerCount();
}

async function reset() {
  for (const router of routers.values()) router.close();
  routers.clear();
  origin = undefined;
  pipe = undefined;
  producerIds = [];
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
        return { total: await addViewers(request.worker ?? 0, request.layers, request.sinkPorts) };
      case "keyFrames":
        return { requested: await requestKeyFrames(request.count) };
      case "cpu":
        return { workers: await workersCpu(workers, request.windowMs) };
      case "layers":
        return layerCounts();
      case "reset":
        return await reset().then(() => ({}));
      default:
        throw new Error(`the hand-built host does not do ${request.kind}`);
    }
  },
  () => pool.close(),
);
