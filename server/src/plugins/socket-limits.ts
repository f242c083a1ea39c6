/**
 * What one socket may ask of this process. Two limits, both in memory and per
 * process, so the hot path never waits on Redis:
 * - a token bucket per socket, and one per signed-in user shared by that
 *   user's sockets here, on the queue, hall, staff and group-session events (`handleEvent`
 *   asks `allowEvent`); an event over either is answered `rate_limited`;
 * - a cap on the stand and hall rooms one socket watches (`watchBudget`, asked
 *   by the watch handlers); a watch over it is refused `watch_limit`.
 * A user with sockets on several processes gets a bucket on each: the limit
 * is per process by design, the price of no round trip.
 */
import { TokenBucket } from "limiter";
import { ErrorCode, type ClientEventName } from "@crossfair/shared";
import { configSchema, type Config } from "../config.js";
import { WEBINAR_SIGNAL_EVENTS } from "../webinar/webinar.media.js";
import { AppError } from "./errors.js";
import type { AppSocket, AppSocketServer, WatchedRooms } from "./socket.types.js";

export type SocketLimitConfig = Pick<
  Config,
  | "SOCKET_EVENT_BURST"
  | "SOCKET_EVENTS_PER_SECOND"
  | "USER_EVENT_BURST"
  | "USER_EVENTS_PER_SECOND"
  | "SOCKET_WATCH_STANDS"
  | "SOCKET_WATCH_HALLS"
>;

const { shape } = configSchema;
/** The schema's defaults, for a socket server built without a config. */
export const defaultSocketLimits: SocketLimitConfig = {
  SOCKET_EVENT_BURST: shape.SOCKET_EVENT_BURST.parse(undefined),
  SOCKET_EVENTS_PER_SECOND: shape.SOCKET_EVENTS_PER_SECOND.parse(undefined),
  USER_EVENT_BURST: shape.USER_EVENT_BURST.parse(undefined),
  USER_EVENTS_PER_SECOND: shape.USER_EVENTS_PER_SECOND.parse(undefined),
  SOCKET_WATCH_STANDS: shape.SOCKET_WATCH_STANDS.parse(undefined),
  SOCKET_WATCH_HALLS: shape.SOCKET_WATCH_HALLS.parse(undefined),
};

/**
 * The limited events. Interview (and group-session) signalling is left out on purpose: joining a
 * room sends a burst of transport, produce and consume requests that grows
 * with the participants, every one of them is checked against room
 * membership, and a limit there would break a call rather than a flood.
 * `system:ping` is left out too: it touches no storage and answers from memory.
 */
export function isLimitedEvent(event: ClientEventName): boolean {
  if (event.startsWith("webinar:")) return !WEBINAR_SIGNALLING.has(event);
  return event.startsWith("queue:") || event.startsWith("hall:") || event.startsWith("staff:");
}

/**
 * A group session's media requests, left out for the interview's reason; its
 * other events (joining, questions, chat, moderation) are limited.
 */
const WEBINAR_SIGNALLING: ReadonlySet<string> = new Set(WEBINAR_SIGNAL_EVENTS);

/**
 * Why `limiter`'s TokenBucket and not rate-limiter-flexible: the latter counts
 * fixed windows (RateLimiterMemory; BurstyRateLimiter is two of them), which
 * lets twice the limit through across a window edge, answers through a
 * Promise and a timer per key. TokenBucket is a real token bucket, answers
 * synchronously, and debits a child and its parent together or neither,
 * which is exactly "this socket and its user".
 */
function fullBucket(burst: number, perSecond: number, parent?: TokenBucket): TokenBucket {
  const bucket = new TokenBucket({
    bucketSize: burst,
    tokensPerInterval: perSecond,
    interval: "second",
    ...(parent ? { parentBucket: parent } : {}),
  });
  // A TokenBucket starts empty; a socket that just (re)connected may send its burst at once.
  bucket.content = burst;
  return bucket;
}

interface UserBucket {
  bucket: TokenBucket;
  sockets: number;
  /** Forgets the bucket once it would be full again, if no socket came back meanwhile. */
  forget?: NodeJS.Timeout;
}

/** The buckets of one socket server (one process). */
export class SocketLimits {
  readonly #sockets = new WeakMap<AppSocket, TokenBucket>();
  readonly #users = new Map<string, UserBucket>();

  constructor(readonly settings: SocketLimitConfig) {}

  /** Takes a token from the socket's bucket and its user's; false when either is empty. */
  allow(socket: AppSocket): boolean {
    return this.#bucketOf(socket).tryRemoveTokens(1);
  }

  #bucketOf(socket: AppSocket): TokenBucket {
    const known = this.#sockets.get(socket);
    if (known) return known;
    const { SOCKET_EVENT_BURST, SOCKET_EVENTS_PER_SECOND } = this.settings;
    const userId = socket.data.user?.id;
    const bucket = fullBucket(
      SOCKET_EVENT_BURST,
      SOCKET_EVENTS_PER_SECOND,
      userId === undefined ? undefined : this.#joinUser(userId),
    );
    this.#sockets.set(socket, bucket);
    if (userId !== undefined) socket.once("disconnect", () => this.#leaveUser(userId));
    return bucket;
  }

  #joinUser(userId: string): TokenBucket {
    const known = this.#users.get(userId);
    if (known) {
      clearTimeout(known.forget);
      known.forget = undefined;
      known.sockets += 1;
      return known.bucket;
    }
    const { USER_EVENT_BURST, USER_EVENTS_PER_SECOND } = this.settings;
    const bucket = fullBucket(USER_EVENT_BURST, USER_EVENTS_PER_SECOND);
    this.#users.set(userId, { bucket, sockets: 1 });
    return bucket;
  }

  // Kept while it is not full again, so closing every socket and reconnecting buys no tokens.
  #leaveUser(userId: string): void {
    const user = this.#users.get(userId);
    if (!user) return;
    user.sockets -= 1;
    if (user.sockets > 0) return;
    const { USER_EVENT_BURST, USER_EVENTS_PER_SECOND } = this.settings;
    user.bucket.drip();
    const refillMs = ((USER_EVENT_BURST - user.bucket.content) / USER_EVENTS_PER_SECOND) * 1_000;
    if (refillMs <= 0) {
      this.#users.delete(userId);
      return;
    }
    user.forget = setTimeout(() => {
      if (this.#users.get(userId) === user && user.sockets === 0) this.#users.delete(userId);
    }, refillMs);
    user.forget.unref();
  }
}

const limitsOfServer = new WeakMap<AppSocketServer, SocketLimits>();

/** Called once per socket server, by `createSocketServer`. */
export function attachSocketLimits(io: AppSocketServer, settings: SocketLimitConfig): void {
  limitsOfServer.set(io, new SocketLimits(settings));
}

function limitsOf(socket: AppSocket): SocketLimits {
  const io = socket.nsp.server;
  let limits = limitsOfServer.get(io);
  if (!limits) {
    limits = new SocketLimits(defaultSocketLimits);
    limitsOfServer.set(io, limits);
  }
  return limits;
}

/** Whether this event may run now; false means answer `rate_limited` and run nothing. */
export function allowEvent(socket: AppSocket, event: ClientEventName): boolean {
  return !isLimitedEvent(event) || limitsOf(socket).allow(socket);
}

export type WatchKind = "stand" | "hall";

/**
 * The cap on rooms one socket watches through `queue:watch` and `hall:watch`.
 * `take` before joining the room, `release` when leaving it. A room the
 * socket is already in for another reason (the candidate queues there, the
 * recruiter has its console open) costs no slot: it would be joined anyway.
 */
export const watchBudget = {
  /** Counts the room against the socket's cap; throws `watch_limit` when the cap is reached. */
  take(socket: AppSocket, kind: WatchKind, room: string): void {
    const watched = watchedRooms(socket);
    if (watched[kind].includes(room) || socket.rooms.has(room)) return;
    const { SOCKET_WATCH_STANDS, SOCKET_WATCH_HALLS } = limitsOf(socket).settings;
    const cap = kind === "stand" ? SOCKET_WATCH_STANDS : SOCKET_WATCH_HALLS;
    if (watched[kind].length >= cap) {
      throw new AppError(
        ErrorCode.watchLimit,
        `one connection may watch at most ${cap} ${kind}s at once; unwatch one first`,
      );
    }
    watched[kind].push(room);
  },
  /** Frees the room's slot (nothing if it had none). */
  release(socket: AppSocket, kind: WatchKind, room: string): void {
    const watched = watchedRooms(socket);
    watched[kind] = watched[kind].filter((entry) => entry !== room);
  },
};

function watchedRooms(socket: AppSocket): WatchedRooms {
  socket.data.watching ??= { stand: [], hall: [] };
  return socket.data.watching;
}
