/**
 * A group session's media layer as a test drives it before (or beside) the
 * socket handlers: BroadcastMedia on its own worker pool, with the one-process
 * directory or the Redis one, and a notifier that records what members would
 * have been told.
 */
import type { ServerEventName } from "@crossfair/shared";
import { WorkerPool } from "@crossfair/server/interview/media/worker-pool";
import {
  MemorySessionDirectory,
  RedisSessionDirectory,
} from "@crossfair/server/interview/session/session.directory";
import { RedisSessionRelay } from "@crossfair/server/interview/session/session.relay";
import type { RedisConnections } from "@crossfair/server/plugins/redis";
import { BroadcastMedia } from "@crossfair/server/webinar/media/broadcast-media";
import type { EdgeRouter } from "@crossfair/server/webinar/media/edge-fanout";
import type { MediaNotifier } from "@crossfair/server/webinar/media/media-notifier";
import type { WebinarMediaJoin } from "@crossfair/server/webinar/webinar.media";

export type RtpCapabilities = WebinarMediaJoin["routerRtpCapabilities"];
/** A mediasoup producer (the tests package does not depend on mediasoup itself). */
export type Producer = Awaited<EdgeRouter["fed"] extends Map<string, infer P> ? P : never>;

/** Packets a producer received, over its streams. */
export async function packetsOf(producer: Producer): Promise<number> {
  const stats = await producer.getStats();
  return stats.reduce((sum, stream) => sum + stream.packetCount, 0);
}

export interface Notice {
  to: string;
  event: ServerEventName;
  payload: Record<string, unknown>;
}

export interface MediaHost {
  media: BroadcastMedia;
  pool: WorkerPool;
  notices: Notice[];
  close(): Promise<void>;
}

const log = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return log;
  },
} as unknown as Parameters<typeof WorkerPool.start>[0]["log"];

let nextPort = 47_100;

export async function startMediaHost(options: {
  processId: string;
  workers?: number;
  viewersPerRouter?: number;
  /** Shared Redis: the processes find each other through it. */
  redis?: { connections: RedisConnections; prefix: string };
  heartbeatMs?: number;
  /** Where its WebRTC ports start (hosts in other processes need ranges of their own). */
  portBase?: number;
}): Promise<MediaHost> {
  const workers = options.workers ?? 2;
  const portMin = options.portBase ?? nextPort;
  if (options.portBase === undefined) nextPort += 20;
  const pool = await WorkerPool.start({
    size: workers,
    log,
    webRtc: { listenIp: "127.0.0.1", portMin, portMax: portMin + 19 },
  });
  const notices: Notice[] = [];
  const record = (to: string, event: ServerEventName, payload: unknown) =>
    notices.push({ to, event, payload: payload as Record<string, unknown> });
  const notifier: MediaNotifier = { toRoom: record, toSocket: record };
  const { redis } = options;
  const relay = redis
    ? await RedisSessionRelay.start({
        publisher: await redis.connections.connect(`webinars-${options.processId}`),
        subscriber: await redis.connections.connect(`webinars-sub-${options.processId}`, {
          shardedSubscriber: true,
        }),
        prefix: redis.prefix,
        processId: options.processId,
        timeoutMs: 2_000,
        log,
      })
    : null;
  const directory = redis
    ? new RedisSessionDirectory(await redis.connections.connect("directory"), redis.prefix)
    : new MemorySessionDirectory();
  const media = new BroadcastMedia({
    processId: options.processId,
    pool,
    directory,
    relay,
    notifier,
    viewersPerRouter: options.viewersPerRouter ?? 150,
    keyFrameRequestDelayMs: 1_000,
    pipe: { ip: "127.0.0.1" },
    heartbeatMs: options.heartbeatMs ?? 200,
    iceServers: () => ({ iceServers: [], iceTransportPolicy: "all" }),
    log,
  });
  await media.start();
  return {
    media,
    pool,
    notices,
    async close() {
      await media.close();
      await pool.close();
    },
  };
}

/** Routers open on the pool's workers (mediasoup's own count, from each worker's dump). */
export async function openRouters(pool: WorkerPool): Promise<number> {
  let routers = 0;
  for (const { worker } of pool.workers) {
    if (worker.closed) continue;
    routers += (await worker.dump()).routerIds.length;
  }
  return routers;
}

type Member = Parameters<BroadcastMedia["openPlainSendTransport"]>[0];

/**
 * A member sends one stream as a plain-RTP stand-in for a browser: a plain
 * send transport at the origin and a producer on it. Answers the producer and
 * where to send its RTP.
 */
export async function producePlain(
  media: BroadcastMedia,
  member: Member,
  stream: {
    kind: "audio" | "video";
    source: "microphone" | "camera" | "screen";
    rtpParameters: Record<string, unknown>;
    transportId?: string;
  },
): Promise<{ producerId: string; target: { ip: string; port: number }; transportId: string }> {
  const plain = stream.transportId
    ? { transportId: stream.transportId, ip: "", port: 0 }
    : await media.openPlainSendTransport(member);
  const { producerId } = (await media.signal(member, "webinar:produce", {
    webinarId: member.webinarId,
    transportId: plain.transportId,
    kind: stream.kind,
    source: stream.source,
    rtpParameters: stream.rtpParameters as never,
    paused: false,
  })) as { producerId: string };
  return { producerId, target: { ip: plain.ip, port: plain.port }, transportId: plain.transportId };
}

/** A member receives a producer: a receive transport on their process, and a consumer on it. */
export async function receive(
  media: BroadcastMedia,
  member: Member,
  producerId: string,
  rtpCapabilities: RtpCapabilities,
) {
  const transport = await media.signal(member, "webinar:createTransport", {
    webinarId: member.webinarId,
    direction: "recv",
  });
  return media.signal(member, "webinar:consume", {
    webinarId: member.webinarId,
    transportId: transport.transportId,
    producerId,
    rtpCapabilities: rtpCapabilities as never,
  });
}
