/**
 * The origins of group sessions this process holds, and the calls other
 * processes (or this one) make on them. An origin opens on the least loaded
 * worker at its first join, tells the session's members about producers
 * itself, and closes at the end, when its last member leaves, or when its
 * worker dies (members are then told to reconnect: `media_restarted`).
 */
import { ErrorCode } from "@crossfair/shared";
import type { Logger } from "pino";
import { AppError } from "../../plugins/errors.js";
import type { MediaWorker, WorkerPool } from "../../interview/media/worker-pool.js";
import { webinarRoom } from "../webinar.media.js";
import type { EdgeCall, JoinAnswer, OriginCall } from "./media-calls.js";
import { OriginRoom } from "./origin-room.js";
import { OriginPipes, type PipeListen } from "./session-pipes.js";
import type { MediaNotifier } from "./media-notifier.js";

export interface Origin {
  room: OriginRoom;
  pipes: OriginPipes;
}

export interface OriginHostOptions {
  processId: string;
  pool: WorkerPool;
  notifier: MediaNotifier;
  keyFrameRequestDelayMs: number;
  pipe: PipeListen;
  /** The least loaded worker of this process for a new origin. */
  worker(): MediaWorker | undefined;
  /** A call to another process with part of the session. */
  tell(processId: string, call: EdgeCall): Promise<void>;
  /** The origin closed: its claim goes, this process's own edges close. */
  closed(webinarId: string, reason: "ended" | "media_restarted"): void;
  log: Logger;
}

export class OriginHost {
  readonly #origins = new Map<string, Origin>();
  readonly #opening = new Map<string, Promise<Origin>>();

  constructor(private readonly options: OriginHostOptions) {}

  get size(): number {
    return this.#origins.size;
  }

  get(webinarId: string): Origin | undefined {
    return this.#origins.get(webinarId);
  }

  all(): Origin[] {
    return [...this.#origins.values()];
  }

  async run(call: OriginCall): Promise<unknown> {
    if (call.op === "join") {
      const { room } = await this.#open(call.webinarId);
      room.join(call.socketId, call.userId, call.holder, call.rights);
      const answer: JoinAnswer = {
        routerRtpCapabilities: room.router.rtpCapabilities,
        producers: room.producers(),
      };
      return answer;
    }
    const origin = this.#origins.get(call.webinarId);
    if (!origin) {
      if (["end", "leave", "setRights", "closePipe"].includes(call.op)) return {};
      throw new AppError(ErrorCode.forbidden, "join the session first");
    }
    const { room, pipes } = origin;
    switch (call.op) {
      case "createSendTransport":
        return room.createSendTransport(call.socketId);
      case "createPlainSendTransport":
        return room.createPlainSendTransport(call.socketId, this.options.pipe.ip, call.srtp);
      case "connectSendTransport":
        await room.connectTransport(call.socketId, call.transportId, call);
        return {};
      case "produce": {
        const producer = await room.produce(call.socketId, call);
        return { producerId: producer.producerId };
      }
      case "pauseProducer":
        await room.pauseProducer(call.socketId, call.producerId, call.paused);
        return {};
      case "closeProducer":
        room.closeProducer(call.socketId, call.producerId);
        return {};
      case "setRights":
        room.setRights(call.userId, call.rights);
        return {};
      case "leave":
        room.leave(call.socketId);
        if (room.holders().size === 0) this.close(call.webinarId, "ended");
        return {};
      case "end":
        this.close(call.webinarId, "ended");
        return {};
      case "openPipe":
        return pipes.open(call.from, call.ip, call.port);
      case "pipeProducer":
        return pipes.consume(call.from, call.producerId);
      case "closePipe":
        pipes.drop(call.from, call.farPort);
        return {};
    }
  }

  /** Closes the origin and tells every other process with a part of the session. */
  close(webinarId: string, reason: "ended" | "media_restarted"): void {
    const origin = this.#origins.get(webinarId);
    if (!origin) return;
    this.#origins.delete(webinarId);
    const others = new Set([...origin.room.holders(), ...origin.pipes.processes]);
    others.delete(this.options.processId);
    origin.room.close();
    for (const processId of others) {
      void this.options
        .tell(processId, { op: "closeEdges", webinarId, reason })
        .catch(() => undefined);
    }
    this.options.closed(webinarId, reason);
  }

  /** Members held by processes that died leave; their pipes close. */
  dropOutside(alive: ReadonlySet<string>): void {
    for (const { room, pipes } of this.#origins.values()) {
      room.dropHeldOutside(alive);
      for (const processId of pipes.processes) if (!alive.has(processId)) pipes.drop(processId);
    }
  }

  closeAll(): void {
    for (const webinarId of [...this.#origins.keys()]) this.close(webinarId, "media_restarted");
  }

  #open(webinarId: string): Promise<Origin> {
    const open = this.#origins.get(webinarId);
    if (open && !open.room.closed) return Promise.resolve(open);
    let opening = this.#opening.get(webinarId);
    if (!opening) {
      opening = this.#create(webinarId).finally(() => this.#opening.delete(webinarId));
      this.#opening.set(webinarId, opening);
    }
    return opening;
  }

  async #create(webinarId: string): Promise<Origin> {
    const host = this.options.worker();
    if (!host) throw new AppError(ErrorCode.unavailable, "video is disabled");
    const { notifier } = this.options;
    const room = await OriginRoom.create(
      webinarId,
      host,
      { keyFrameRequestDelayMs: this.options.keyFrameRequestDelayMs },
      {
        newProducer: (producer) =>
          notifier.toRoom(webinarRoom(webinarId), "webinar:newProducer", { webinarId, producer }),
        producerClosed: (producerId) =>
          notifier.toRoom(webinarRoom(webinarId), "webinar:producerClosed", {
            webinarId,
            producerId,
          }),
        producerPaused: (producerId, paused) =>
          notifier.toRoom(webinarRoom(webinarId), "webinar:producerPaused", {
            webinarId,
            producerId,
            paused,
          }),
      },
    );
    const origin: Origin = {
      room,
      pipes: new OriginPipes(room, this.options.pipe, this.options.tell),
    };
    this.#origins.set(webinarId, origin);
    room.router.observer.once("close", () => this.#routerClosed(webinarId, origin));
    return origin;
  }

  /** The origin's worker died: everyone reconnects, which opens the session anew. */
  #routerClosed(webinarId: string, origin: Origin): void {
    if (this.#origins.get(webinarId) !== origin) return;
    this.options.log.warn({ webinarId }, "a group session's origin router closed; moving it");
    this.options.notifier.toRoom(webinarRoom(webinarId), "webinar:reconnect", {
      webinarId,
      reason: "media_restarted",
    });
    this.close(webinarId, "media_restarted");
  }
}
