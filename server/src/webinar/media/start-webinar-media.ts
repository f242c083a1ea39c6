/**
 * The group sessions' media on a platform: the directory and relay under
 * their own Redis keys (`<prefix>:webinars`) when Redis is there, a one-process
 * directory otherwise; the process's workers; members reached through the
 * socket server. The webinar module starts it and closes it before the
 * workers stop.
 */
import type { Platform } from "../../platform.js";
import { serverId } from "../../plugins/socket.js";
import {
  MemorySessionDirectory,
  RedisSessionDirectory,
} from "../../interview/session/session.directory.js";
import { RedisSessionRelay } from "../../interview/session/session.relay.js";
import { iceServersFor, turnUrls } from "../../interview/session/turn-credentials.js";
import { BroadcastMedia } from "./broadcast-media.js";
import { socketMediaNotifier } from "./media-notifier.js";

/** How long a process waits for a session's origin to answer before taking it for dead. */
const RELAY_TIMEOUT_MS = 3_000;

export async function startWebinarMedia(
  platform: Pick<Platform, "config" | "log" | "io" | "redis" | "queueRedis" | "media" | "clock">,
  processId: string = serverId,
): Promise<BroadcastMedia> {
  const { config, log, io, redis, queueRedis, media } = platform;
  const prefix = `${config.REDIS_KEY_PREFIX}:webinars`;
  const relay = redis
    ? await RedisSessionRelay.start({
        publisher: await redis.connect("webinars"),
        subscriber: await redis.connect("webinars-sub", { shardedSubscriber: true }),
        prefix,
        processId,
        timeoutMs: RELAY_TIMEOUT_MS,
        log,
      })
    : null;
  const turn = {
    urls: turnUrls(config.TURN_URLS),
    secret: config.TURN_SECRET,
    ttlSeconds: config.TURN_CREDENTIAL_TTL_SECONDS,
    relayOnly: config.TURN_RELAY_ONLY,
  };
  const broadcast = new BroadcastMedia({
    processId,
    pool: media,
    directory: queueRedis
      ? new RedisSessionDirectory(queueRedis, prefix)
      : new MemorySessionDirectory(),
    relay,
    notifier: socketMediaNotifier(io),
    viewersPerRouter: config.WEBINAR_VIEWERS_PER_ROUTER,
    keyFrameRequestDelayMs: config.WEBINAR_KEYFRAME_REQUEST_DELAY_MS,
    pipe: {
      ip: config.WEBINAR_PIPE_LISTEN_IP,
      announcedAddress: config.WEBINAR_PIPE_ANNOUNCED_ADDRESS,
    },
    heartbeatMs: config.SESSION_HEARTBEAT_MS,
    iceServers: (userId) => ({
      iceServers: iceServersFor(turn, userId, platform.clock()),
      iceTransportPolicy: turn.relayOnly ? "relay" : "all",
    }),
    log,
  });
  await broadcast.start();
  return broadcast;
}
