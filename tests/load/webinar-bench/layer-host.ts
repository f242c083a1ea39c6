/**
 * A media host of the webinar benchmark that runs our broadcast layer
 * (server/src/webinar/media: BroadcastMedia) on its own worker pool, so the
 * figure measures its placement: the origin router, the edge routers it
 * chooses and feeds with pipeToRouter (WEBINAR_VIEWERS_PER_ROUTER each), and
 * across processes its PipeTransport pairs over the Redis directory and relay.
 *
 * Args: processId, workers, keyFrameRequestDelay (ms), viewersPerRouter,
 * WebRTC port base, and a Redis URL and key prefix for the two-process run.
 *
 * The speaker goes in through the layer's plain SRTP send transport and
 * `webinar:produce`. A viewer joins, opens its receive transport and consumes
 * both producers through `webinar:createTransport` and `webinar:consume`
 * like a browser; as no DTLS ever completes on that WebRTC transport, the
 * bench then closes those (paused) consumers and gives the viewer its media
 * leg as an SRTP PlainTransport on the router the layer chose (viewer-legs.ts).
 */
import { randomUUID } from "node:crypto";
import { WorkerPool } from "@crossfair/server/interview/media/worker-pool";
import {
  MemorySessionDirectory,
  RedisSessionDirectory,
} from "@crossfair/server/interview/session/session.directory";
import { RedisSessionRelay } from "@crossfair/server/interview/session/session.relay";
import { redisConnections } from "@crossfair/server/plugins/redis";
import { BroadcastMedia } from "@crossfair/server/webinar/media/broadcast-media";
import type { EdgeRouter } from "@crossfair/server/webinar/media/edge-fanout";
import { serveRequests } from "../media-bench/driver.js";
import { CRYPTO_SUITE, silentLog, srtpKey, workersCpu } from "../media-bench/worker-side.js";
import {
  LAYERS,
  speakerRtpParameters,
  type HostAnswer,
  type HostRequest,
  type SpeakerSpec,
} from "./protocol.js";
import { addViewerLeg, layerCounts, requestKeyFrames, viewerCount } from "./viewer-legs.js";

const [
  processId = "bench-a",
  workers = "2",
  delay = "1000",
  perRouter = "150",
  portBase = "47300",
] = process.argv.slice(2);
const [redisUrl, redisPrefix] = process.argv.slice(7);

const log = silentLog;

const size = Number(workers);
const pool = await WorkerPool.start({
  size,
  log,
  webRtc: { listenIp: "127.0.0.1", portMin: Number(portBase), portMax: Number(portBase) + size },
});
const connections = redisUrl ? redisConnections(redisUrl, log) : null;
const relay = connections
  ? await RedisSessionRelay.start({
      publisher: await connections.connect(`bench-${processId}`),
      subscriber: await connections.connect(`bench-sub-${processId}`, { shardedSubscriber: true }),
      prefix: redisPrefix!,
      processId,
      timeoutMs: 5_000,
      log,
    })
  : null;
const directory = connections
  ? new RedisSessionDirectory(await connections.connect("directory"), redisPrefix!)
  : new MemorySessionDirectory();
const media = new BroadcastMedia({
  processId,
  pool,
  directory,
  relay,
  notifier: { toRoom() {}, toSocket() {} },
  viewersPerRouter: Number(perRouter),
  keyFrameRequestDelayMs: Number(delay),
  pipe: { ip: "127.0.0.1" },
  heartbeatMs: 500,
  iceServers: () => ({ iceServers: [], iceTransportPolicy: "all" }),
  log,
});
await media.start();

let producerIds: string[] = [];
const member = (webinarId: string) => ({
  webinarId,
  userId: randomUUID(),
  socketId: randomUUID(),
  displayName: "bench",
});

async function speak(webinarId: string, ssrcBase: number): Promise<SpeakerSpec> {
  const speaker = member(webinarId);
  await media.join({ ...speaker, rights: "all" });
  const { router } = media.local(webinarId).origin!;
  // The layer answers the address only; the transport's own key (for the RTCP it sends back) is here.
  const created = new Promise<{ srtpParameters?: { keyBase64: string } }>((resolve) =>
    router.observer.once("newtransport", (transport) => resolve(transport as never)),
  );
  const plain = await media.openPlainSendTransport(speaker, true);
  const keyBase64 = srtpKey();
  await media.connectPlainSendTransport(speaker, plain.transportId, {
    cryptoSuite: CRYPTO_SUITE,
    keyBase64,
  });
  const audioSsrc = ssrcBase;
  const videoSsrcs = LAYERS.map((_, index) => ssrcBase + 1 + index);
  const parameters = speakerRtpParameters(audioSsrc, videoSsrcs);
  producerIds = [];
  for (const [kind, source] of [
    ["audio", "microphone"],
    ["video", "camera"],
  ] as const) {
    const { producerId } = await media.signal(speaker, "webinar:produce", {
      webinarId,
      transportId: plain.transportId,
      kind,
      source,
      rtpParameters: parameters[kind] as never,
      paused: false,
    });
    producerIds.push(producerId);
  }
  return {
    port: plain.port,
    audioSsrc,
    videoSsrcs,
    keyBase64,
    workerKeyBase64: (await created).srtpParameters!.keyBase64,
  };
}

/** The producers' ids on an edge router: the origin's own, or its copy's. */
async function localIds(edge: EdgeRouter, ids: string[]): Promise<string[]> {
  return Promise.all(ids.map(async (id) => (await edge.fed.get(id))?.id ?? id));
}

async function addViewers(
  webinarId: string,
  producers: string[],
  layers: number[],
  ports: number[],
) {
  for (const [index, spatialLayer] of layers.entries()) {
    const viewer = member(webinarId);
    const { routerRtpCapabilities } = await media.join({ ...viewer, rights: "none" });
    const fanout = media.local(webinarId).fanout!;
    // The router the layer puts this viewer on: the one whose receive transports grew.
    const before = new Map(fanout.edges.map((edge) => [edge, edge.viewers]));
    const { transportId } = await media.signal(viewer, "webinar:createTransport", {
      webinarId,
      direction: "recv",
    });
    const edge = fanout.edges.find((e) => e.viewers > (before.get(e) ?? 0))!;
    for (const producerId of producers) {
      const { consumerId } = await media.signal(viewer, "webinar:consume", {
        webinarId,
        transportId,
        producerId,
        rtpCapabilities: routerRtpCapabilities as never,
      });
      fanout
        .consumers()
        .find((consumer) => consumer.id === consumerId)
        ?.close();
    }
    await addViewerLeg(edge.router, await localIds(edge, producers), spatialLayer, ports[index]!);
  }
  return viewerCount();
}

function placement(webinarId: string) {
  const fanout = media.local(webinarId).fanout;
  return (fanout?.edges ?? []).map((edge) => ({
    worker: pool.workers.indexOf(edge.host),
    role: String(edge.router.appData.role),
    viewers: edge.viewers,
  }));
}

serveRequests<HostRequest>(
  async (request): Promise<Omit<HostAnswer, "id" | "kind">> => {
    switch (request.kind) {
      case "speak":
        return { speaker: await speak(request.webinarId, request.ssrcBase), producerIds };
      case "viewers":
        return {
          total: await addViewers(
            request.webinarId!,
            request.producerIds!,
            request.layers,
            request.sinkPorts,
          ),
        };
      case "keyFrames":
        return { requested: await requestKeyFrames(request.count) };
      case "cpu":
        return {
          workers: await workersCpu(
            pool.workers.map((w) => w.worker),
            request.windowMs,
          ),
        };
      case "layers":
        return layerCounts();
      case "placement":
        return { edges: placement(request.webinarId) };
      default:
        throw new Error(`the layer host does not do ${request.kind}`);
    }
  },
  async () => {
    await media.close();
    await pool.close();
    await connections?.close();
  },
);
