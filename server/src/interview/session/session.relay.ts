/**
 * Requests from one server process to the process that owns a live session,
 * over Redis sharded pub/sub: each process listens on its own channel, where
 * requests and the answers to its own requests arrive. An AppError thrown by
 * the owner is thrown again here with the same code, so a refusal reads the
 * same wherever the client's socket is; an owner that does not answer in time
 * is `OwnerUnreachable`, which the caller takes as a sign the owner died.
 */
import { randomUUID } from "node:crypto";
import { ErrorCode } from "@crossfair/shared";
import type { Logger } from "pino";
import { AppError } from "../../plugins/errors.js";
import type { RedisClient } from "../../plugins/redis.js";

export type RelayHandler = (call: unknown) => Promise<unknown>;

export interface SessionRelay {
  request(processId: string, call: unknown): Promise<unknown>;
  serve(handler: RelayHandler): void;
  close(): Promise<void>;
}

export class OwnerUnreachable extends AppError {
  override name = "OwnerUnreachable";
  constructor(readonly processId: string) {
    super(ErrorCode.unavailable, "the interview's media server does not answer; try again");
  }
}

type Message =
  | { kind: "request"; id: string; from: string; call: unknown }
  | { kind: "answer"; id: string; ok: true; value: unknown }
  | {
      kind: "answer";
      id: string;
      ok: false;
      code: ErrorCode;
      message: string;
      field?: string | undefined;
    };

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** Sharded pub/sub: SPUBLISH reaches the one shard of the channel, also on a cluster. */
interface ShardedPubSub {
  spublish(channel: string, message: string): Promise<unknown>;
  ssubscribe(channel: string): Promise<unknown>;
  sunsubscribe(channel: string): Promise<unknown>;
}

export class RedisSessionRelay implements SessionRelay {
  readonly #pending = new Map<string, Pending>();
  #handler: RelayHandler | undefined;

  private constructor(
    private readonly publisher: RedisClient,
    private readonly subscriber: RedisClient,
    private readonly prefix: string,
    private readonly processId: string,
    private readonly timeoutMs: number,
    private readonly log: Logger,
  ) {}

  static async start(options: {
    publisher: RedisClient;
    /** A connection opened for sharded subscriptions (it can do nothing else). */
    subscriber: RedisClient;
    prefix: string;
    processId: string;
    timeoutMs: number;
    log: Logger;
  }): Promise<RedisSessionRelay> {
    const relay = new RedisSessionRelay(
      options.publisher,
      options.subscriber,
      options.prefix,
      options.processId,
      options.timeoutMs,
      options.log,
    );
    options.subscriber.on("smessage", (channel: string, raw: string) => {
      if (channel === relay.#channel(options.processId)) relay.#receive(raw);
    });
    await (options.subscriber as unknown as ShardedPubSub).ssubscribe(
      relay.#channel(options.processId),
    );
    return relay;
  }

  serve(handler: RelayHandler): void {
    this.#handler = handler;
  }

  request(processId: string, call: unknown): Promise<unknown> {
    const id = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new OwnerUnreachable(processId));
      }, this.timeoutMs);
      this.#pending.set(id, { resolve, reject, timer });
      this.#send(processId, { kind: "request", id, from: this.processId, call }).catch(() => {
        clearTimeout(timer);
        this.#pending.delete(id);
        reject(new OwnerUnreachable(processId));
      });
    });
  }

  async close(): Promise<void> {
    for (const [id, pending] of this.#pending) {
      clearTimeout(pending.timer);
      pending.reject(new AppError(ErrorCode.unavailable, "the server is stopping"));
      this.#pending.delete(id);
    }
    await (this.subscriber as unknown as ShardedPubSub)
      .sunsubscribe(this.#channel(this.processId))
      .catch(() => undefined);
  }

  #channel(processId: string): string {
    return `${this.prefix}:relay:${processId}`;
  }

  async #send(processId: string, message: Message): Promise<void> {
    await (this.publisher as unknown as ShardedPubSub).spublish(
      this.#channel(processId),
      JSON.stringify(message),
    );
  }

  #receive(raw: string): void {
    let message: Message;
    try {
      message = JSON.parse(raw) as Message;
    } catch {
      return;
    }
    if (message.kind === "answer") {
      const pending = this.#pending.get(message.id);
      if (!pending) return;
      this.#pending.delete(message.id);
      clearTimeout(pending.timer);
      if (message.ok) pending.resolve(message.value);
      else pending.reject(new AppError(message.code, message.message, message.field));
      return;
    }
    void this.#answer(message);
  }

  async #answer(request: Extract<Message, { kind: "request" }>): Promise<void> {
    let answer: Message;
    try {
      if (!this.#handler) throw new AppError(ErrorCode.unavailable, "not serving sessions");
      answer = {
        kind: "answer",
        id: request.id,
        ok: true,
        value: await this.#handler(request.call),
      };
    } catch (error) {
      if (!(error instanceof AppError)) {
        this.log.error({ err: error }, "a relayed session request failed");
      }
      answer =
        error instanceof AppError
          ? {
              kind: "answer",
              id: request.id,
              ok: false,
              code: error.code,
              message: error.message,
              field: error.field,
            }
          : { kind: "answer", id: request.id, ok: false, code: "internal", message: "failed" };
    }
    await this.#send(request.from, answer).catch((error: unknown) =>
      this.log.warn({ err: error }, "could not answer a relayed session request"),
    );
  }
}
