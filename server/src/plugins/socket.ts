/**
 * Socket.io on the app's HTTP server, typed by the shared protocol. With Redis
 * the Redis adapter lets several server processes share rooms. Domains add
 * their handlers through `handleEvent`, which validates every payload against
 * its shared schema and always answers with a typed ack; it also holds each
 * socket to its event rate (socket-limits.ts).
 */
import { randomUUID } from "node:crypto";
import type { Server as HttpServer } from "node:http";
import { createShardedAdapter } from "@socket.io/redis-adapter";
import { Server } from "socket.io";
import type { Logger } from "pino";
import {
  ErrorCode,
  clientEventSchemas,
  type Ack,
  type ClientEventName,
  type ClientEventResult,
} from "@crossfair/shared";
import type { z } from "zod";
import { observeSocketEvent } from "../metrics/metrics.js";
import { crossSiteReason } from "./cross-origin.js";
import { AppError, transientFailure } from "./errors.js";
import type { RedisConnections } from "./redis.js";
import type { AppSocket, AppSocketServer } from "./socket.types.js";
import {
  allowEvent,
  attachSocketLimits,
  defaultSocketLimits,
  type SocketLimitConfig,
} from "./socket-limits.js";

/** The room every socket of a signed-in person is in, in every process (joined by the queue's socket setup). */
export const userRoom = (userId: string) => `user:${userId}`;

/** A stable id for this process, shown in the hello so multi-process setups can be told apart. */
export const serverId = `${process.pid}-${randomUUID().slice(0, 8)}`;

export async function createSocketServer(
  httpServer: HttpServer,
  redis: RedisConnections | null,
  redisKey: string,
  limits: SocketLimitConfig = defaultSocketLimits,
): Promise<AppSocketServer> {
  const io: AppSocketServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    // A recovered connection is authenticated again (auth.module.ts), not trusted from before.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
    // A page on another site must not open a socket in the visitor's name.
    allowRequest: (request, answer) => {
      const reason = crossSiteReason(request.headers);
      answer(reason, reason === null);
    },
  });
  attachSocketLimits(io, limits);
  if (redis) {
    // The sharded adapter (SPUBLISH/SSUBSCRIBE per room): runs on one Redis and on a cluster,
    // and only processes with members in a room decode its messages (infra/README.md).
    const [pub, sub] = await Promise.all([
      redis.connect("io-pub"),
      redis.connect("io-sub", { shardedSubscriber: true }),
    ]);
    io.adapter(createShardedAdapter(pub, sub, { channelPrefix: redisKey }));
  }
  return io;
}

type EventPayload<E extends ClientEventName> = z.infer<(typeof clientEventSchemas)[E]["payload"]>;

/**
 * Registers one validated handler. The handler gets the parsed payload and
 * returns the result; thrown AppErrors become `{ok:false, code}` acks and
 * anything else a logged `internal` ack, except a dependency out of reach for now (the
 * database pool exhausted, Redis unreachable): `unavailable`, try again. The process never
 * crashes on input.
 * A queue, hall or staff event over the socket's or its user's rate is
 * answered `rate_limited` before it is even parsed, and the handler does not run.
 */
export function handleEvent<E extends ClientEventName>(
  socket: AppSocket,
  event: E,
  log: Logger,
  handler: (payload: EventPayload<E>) => Promise<ClientEventResult<E>> | ClientEventResult<E>,
): void {
  const schema = clientEventSchemas[event].payload;
  const listener = async (payload: unknown, ack: unknown) => {
    if (typeof ack !== "function") {
      log.debug({ event }, "socket event without acknowledgement callback ignored");
      return;
    }
    const started = performance.now();
    const answer = (reply: Ack<ClientEventResult<E>>) => {
      (ack as (answer: Ack<ClientEventResult<E>>) => void)(reply);
      const outcome = reply.ok ? "ok" : reply.code;
      observeSocketEvent(socket, event, outcome, (performance.now() - started) / 1000);
    };
    if (!allowEvent(socket, event)) {
      log.debug({ event, socketId: socket.id }, "socket event over its rate limit refused");
      answer({ ok: false, code: ErrorCode.rateLimited, message: "too many requests, slow down" });
      return;
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      answer({
        ok: false,
        code: ErrorCode.validationFailed,
        message: issue?.message ?? "invalid payload",
        field: issue?.path.join(".") ?? "",
      });
      return;
    }
    try {
      const result = await handler(parsed.data as EventPayload<E>);
      answer({ ok: true, ...result });
    } catch (error) {
      if (error instanceof AppError) {
        answer({ ok: false, code: error.code, message: error.message });
        return;
      }
      const transient = transientFailure(error);
      if (transient) {
        log.warn({ err: error, event }, transient.log);
        answer({ ok: false, code: ErrorCode.unavailable, message: transient.message });
        return;
      }
      log.error({ err: error, event }, "socket handler failed");
      answer({ ok: false, code: ErrorCode.internal, message: "internal error" });
    }
  };
  // The typed map cannot express "unknown payload"; the listener validates it itself,
  // so it is registered through the untyped emitter interface.
  (socket as unknown as { on(name: string, fn: typeof listener): void }).on(event, listener);
}
