/**
 * A group session's receiving side on one process: the routers its members'
 * receive-only WebRTC transports are on, each fed the stage's producers from
 * the process's source router (the origin itself on the origin's process, the
 * router the origin's pipe arrives at elsewhere) with `pipeToRouter`. A router
 * takes receive transports up to `perRouter`; then a new one is fed on the
 * least loaded worker. A producer reaches a router when a member there first
 * consumes it, and its copies close and pause with it.
 */
import type { types as ms } from "mediasoup";
import { ErrorCode, type ConsumerOptions, type TrackSource } from "@crossfair/shared";
import { AppError } from "../../plugins/errors.js";
import { ROUTER_MEDIA_CODECS } from "../../interview/media/codecs.js";
import type { MediaWorker, WorkerPool } from "../../interview/media/worker-pool.js";
import { chooseEdge, type WorkerLoadFigure } from "./broadcast-placement.js";
import {
  createBrowserTransport,
  mediasoupCall,
  transportOptions,
  type WebRtcTransportOptions,
} from "./media-calls.js";

export interface ProducerInfo {
  producerId: string;
  userId: string;
  kind: ms.MediaKind;
  source: TrackSource;
}

/** Where the session's producers are on this process. */
export interface ProducerFeeder {
  /** The router the producers arrive at first on this process, and its worker. */
  source(): Promise<{ router: ms.Router; host: MediaWorker }>;
  /** Makes the producer available in the source router. */
  bring(producerId: string): Promise<ProducerInfo>;
  /** The origin says a producer paused, resumed or closed (pipes only; local copies follow by themselves). */
  change?(producerId: string, change: "pause" | "resume" | "close"): Promise<void>;
  close(): void;
}

export interface EdgeRouter {
  router: ms.Router;
  host: MediaWorker;
  viewers: number;
  /** Producers fed into it (the source router has them all). */
  fed: Map<string, Promise<ms.Producer>>;
}

interface Receiver {
  userId: string;
  transports: Map<string, { transport: ms.WebRtcTransport; edge: EdgeRouter }>;
  consumers: Map<string, ms.Consumer>;
}

export interface EdgeFanoutOptions {
  webinarId: string;
  /** The process holding the session's origin. */
  origin: string;
  pool: WorkerPool;
  perRouter: number;
  feeder: ProducerFeeder;
  /** Every group session's transports per worker of this process. */
  workerLoad(): WorkerLoadFigure[];
  /**
   * Members whose router closed under them (its worker died); `all` when it
   * was the source router, which ends this side of the session.
   */
  lost(socketIds: string[], all: boolean): void;
}

/** Screen share gets the bandwidth before a camera when a viewer's link is short. */
const PRIORITY: Record<TrackSource, number> = { screen: 3, camera: 2, microphone: 1 };

export class EdgeFanout {
  readonly #edges: EdgeRouter[] = [];
  readonly #receivers = new Map<string, Receiver>();
  #sourceEdge: Promise<EdgeRouter> | undefined;
  #placing: Promise<unknown> = Promise.resolve();
  #closing = false;

  constructor(private readonly options: EdgeFanoutOptions) {}

  get webinarId(): string {
    return this.options.webinarId;
  }

  get origin(): string {
    return this.options.origin;
  }

  get edges(): readonly EdgeRouter[] {
    return this.#edges;
  }

  get empty(): boolean {
    return this.#receivers.size === 0;
  }

  join(socketId: string, userId: string): void {
    const existing = this.#receivers.get(socketId);
    if (existing?.userId === userId) return;
    this.leave(socketId);
    this.#receivers.set(socketId, { userId, transports: new Map(), consumers: new Map() });
  }

  /** Closing the socket's receive transports closes its consumers. */
  leave(socketId: string): void {
    const receiver = this.#receivers.get(socketId);
    if (!receiver) return;
    this.#receivers.delete(socketId);
    for (const { transport } of receiver.transports.values()) transport.close();
  }

  hasTransport(socketId: string, transportId: string): boolean {
    return this.#receivers.get(socketId)?.transports.has(transportId) ?? false;
  }

  async createRecvTransport(socketId: string): Promise<WebRtcTransportOptions> {
    const receiver = this.#receiver(socketId);
    const edge = await this.#reserve();
    let transport: ms.WebRtcTransport;
    try {
      transport = await createBrowserTransport(edge.router, edge.host, {
        userId: receiver.userId,
        direction: "recv",
      });
    } catch (error) {
      edge.viewers -= 1;
      throw error;
    }
    receiver.transports.set(transport.id, { transport, edge });
    transport.observer.once("close", () => {
      edge.viewers -= 1;
      receiver.transports.delete(transport.id);
    });
    return transportOptions(transport);
  }

  async connectTransport(
    socketId: string,
    transportId: string,
    dtlsParameters: ms.DtlsParameters,
  ): Promise<void> {
    const { transport } = this.#transport(socketId, transportId);
    await mediasoupCall(() => transport.connect({ dtlsParameters }));
  }

  async consume(
    socketId: string,
    input: { transportId: string; producerId: string; rtpCapabilities: ms.RtpCapabilities },
  ): Promise<ConsumerOptions> {
    const receiver = this.#receiver(socketId);
    const { transport, edge } = this.#transport(socketId, input.transportId);
    const { info, localId } = await this.#feed(edge, input.producerId);
    if (info.userId === receiver.userId) {
      throw new AppError(ErrorCode.validationFailed, "cannot consume your own producer");
    }
    if (!edge.router.canConsume({ producerId: localId, rtpCapabilities: input.rtpCapabilities })) {
      throw new AppError(ErrorCode.validationFailed, "these RTP capabilities cannot receive it");
    }
    // Paused until the client has its track wired up, so no key frame is lost.
    const consumer = await mediasoupCall(() =>
      transport.consume({
        producerId: localId,
        rtpCapabilities: input.rtpCapabilities,
        paused: true,
      }),
    );
    receiver.consumers.set(consumer.id, consumer);
    consumer.observer.once("close", () => receiver.consumers.delete(consumer.id));
    if (consumer.kind === "video") await consumer.setPriority(PRIORITY[info.source]);
    return {
      consumerId: consumer.id,
      producerId: input.producerId,
      userId: info.userId,
      kind: consumer.kind,
      source: info.source,
      rtpParameters: consumer.rtpParameters as ConsumerOptions["rtpParameters"],
      producerPaused: consumer.producerPaused,
    };
  }

  async resumeConsumer(socketId: string, consumerId: string): Promise<void> {
    await this.#consumer(socketId, consumerId).resume();
  }

  /** The most the viewer wants; the transport's bandwidth estimation may give less. */
  async preferLayers(
    socketId: string,
    consumerId: string,
    spatialLayer: number,
    temporalLayer: number | undefined,
  ): Promise<void> {
    const consumer = this.#consumer(socketId, consumerId);
    if (consumer.type !== "simulcast" && consumer.type !== "svc") return;
    await consumer.setPreferredLayers({
      spatialLayer,
      ...(temporalLayer === undefined ? {} : { temporalLayer }),
    });
  }

  members(): string[] {
    return [...this.#receivers.keys()];
  }

  async feederChange(producerId: string, change: "pause" | "resume" | "close"): Promise<void> {
    await this.options.feeder.change?.(producerId, change);
  }

  /** Every consumer here (diagnostics, tests). */
  consumers(): ms.Consumer[] {
    return [...this.#receivers.values()].flatMap((r) => [...r.consumers.values()]);
  }

  close(): void {
    this.#closing = true;
    for (const socketId of [...this.#receivers.keys()]) this.leave(socketId);
    for (const edge of [...this.#edges]) {
      if (!edge.router.closed && edge.router.appData.role !== "origin") edge.router.close();
    }
    this.options.feeder.close();
  }

  /**
   * A place on a router for one more receive transport. One at a time, so a
   * burst of joins fills routers in turn rather than each opening its own.
   */
  #reserve(): Promise<EdgeRouter> {
    const reserved = this.#placing.then(async () => {
      const edge = await this.#edgeForNewViewer();
      edge.viewers += 1;
      return edge;
    });
    this.#placing = reserved.catch(() => undefined);
    return reserved;
  }

  async #edgeForNewViewer(): Promise<EdgeRouter> {
    await this.#source();
    const { pool } = this.options;
    const choice = chooseEdge(
      this.#edges
        .filter((edge) => !edge.router.closed)
        .map((edge) => ({
          routerId: edge.router.id,
          workerIndex: pool.workers.indexOf(edge.host),
          viewers: edge.viewers,
        })),
      this.options.workerLoad(),
      this.options.perRouter,
    );
    if (!choice) throw new AppError(ErrorCode.unavailable, "video is disabled");
    if ("use" in choice) return this.#edges.find((edge) => edge.router.id === choice.use)!;
    const host = pool.workers[choice.create]!;
    const router = await host.worker.createRouter({
      mediaCodecs: ROUTER_MEDIA_CODECS,
      appData: { webinarId: this.webinarId, role: "edge" },
    });
    return this.#track({ router, host, viewers: 0, fed: new Map() });
  }

  #source(): Promise<EdgeRouter> {
    this.#sourceEdge ??= this.options.feeder
      .source()
      .then(({ router, host }) => this.#track({ router, host, viewers: 0, fed: new Map() }, true))
      .catch((error: unknown) => {
        this.#sourceEdge = undefined;
        throw error;
      });
    return this.#sourceEdge;
  }

  #track(edge: EdgeRouter, source = false): EdgeRouter {
    this.#edges.push(edge);
    edge.router.observer.once("close", () => {
      this.#edges.splice(this.#edges.indexOf(edge), 1);
      if (this.#closing) return;
      const lost = [...this.#receivers.entries()]
        .filter(([, r]) => source || [...r.transports.values()].some((t) => t.edge === edge))
        .map(([socketId]) => socketId);
      this.options.lost(lost, source);
    });
    return edge;
  }

  /**
   * Brings the producer to the source router, then pipes it to this edge once.
   * The first copy on a worker keeps the origin's id; a further one on the same
   * worker needs its own (`localId`), as ids are unique per worker.
   */
  async #feed(
    edge: EdgeRouter,
    producerId: string,
  ): Promise<{ info: ProducerInfo; localId: string }> {
    const info = await this.options.feeder.bring(producerId);
    const source = await this.#source();
    if (edge === source) return { info, localId: producerId };
    let fed = edge.fed.get(producerId);
    if (!fed) {
      fed = source.router
        .pipeToRouter({
          producerId,
          router: edge.router,
          keepId: !this.#edges.some(
            (other) =>
              other !== edge &&
              other.host.worker === edge.host.worker &&
              (other === source || other.fed.has(producerId)),
          ),
        })
        .then(({ pipeProducer }) => {
          if (!pipeProducer) throw new AppError(ErrorCode.notFound, "no such producer");
          pipeProducer.observer.once("close", () => edge.fed.delete(producerId));
          return pipeProducer;
        });
      edge.fed.set(producerId, fed);
      fed.catch(() => edge.fed.delete(producerId));
    }
    return { info, localId: (await fed).id };
  }

  #receiver(socketId: string): Receiver {
    const receiver = this.#receivers.get(socketId);
    if (!receiver) throw new AppError(ErrorCode.forbidden, "join the session first");
    return receiver;
  }

  #transport(socketId: string, transportId: string) {
    const found = this.#receiver(socketId).transports.get(transportId);
    if (!found) throw new AppError(ErrorCode.notFound, "no such transport");
    return found;
  }

  #consumer(socketId: string, consumerId: string): ms.Consumer {
    const consumer = this.#receiver(socketId).consumers.get(consumerId);
    if (!consumer) throw new AppError(ErrorCode.notFound, "no such consumer");
    return consumer;
  }
}
