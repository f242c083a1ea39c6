/**
 * One interview's media: a router on one worker and, per peer, the WebRTC
 * transports, producers and consumers that peer asked for. A thin wrapper:
 * mediasoup does the work, this class only remembers who owns what so that a
 * leaving peer's objects are all closed, and reports open objects per peer.
 */
import type { types as ms } from "mediasoup";
import {
  ErrorCode,
  type ConsumerOptions,
  type RemoteProducer,
  type TrackSource,
  type TransportOptions,
} from "@crossfair/shared";
import { AppError } from "../../plugins/errors.js";
import { ROUTER_MEDIA_CODECS } from "./codecs.js";
import type { MediaWorker } from "./worker-pool.js";

interface ProducerData extends ms.AppData {
  userId: string;
  source: TrackSource;
}

interface PeerMedia {
  transports: Map<string, ms.WebRtcTransport>;
  producers: Map<string, ms.Producer<ProducerData>>;
  consumers: Map<string, ms.Consumer>;
}

/** Everything a peer ever opened, kept after it leaves so diagnostics can prove it is closed. */
interface Ledger {
  transports: Set<ms.WebRtcTransport>;
  producers: Set<ms.Producer>;
  consumers: Set<ms.Consumer>;
}

export interface MediaRoomEvents {
  /** A consumer owned by `userId` ended because its producer closed. */
  consumerClosed(userId: string, producerId: string): void;
}

export class MediaRoom {
  readonly #peers = new Map<string, PeerMedia>();
  readonly #ledger = new Map<string, Ledger>();

  private constructor(
    readonly interviewId: string,
    readonly host: MediaWorker,
    readonly router: ms.Router,
    private readonly events: MediaRoomEvents,
  ) {}

  static async create(
    interviewId: string,
    host: MediaWorker,
    events: MediaRoomEvents,
  ): Promise<MediaRoom> {
    const router = await host.worker.createRouter({
      mediaCodecs: ROUTER_MEDIA_CODECS,
      appData: { interviewId },
    });
    return new MediaRoom(interviewId, host, router, events);
  }

  get rtpCapabilities(): ms.RtpCapabilities {
    return this.router.rtpCapabilities;
  }

  get closed(): boolean {
    return this.router.closed;
  }

  /** Starts a fresh media session for the peer; a previous one (old tab, lost link) is closed. */
  addPeer(userId: string): void {
    this.removePeer(userId);
    this.#peers.set(userId, { transports: new Map(), producers: new Map(), consumers: new Map() });
    if (!this.#ledger.has(userId)) {
      this.#ledger.set(userId, {
        transports: new Set(),
        producers: new Set(),
        consumers: new Set(),
      });
    }
  }

  /** Closing a transport closes its producers and consumers, and others' consumers of them. */
  removePeer(userId: string): void {
    const peer = this.#peers.get(userId);
    if (!peer) return;
    this.#peers.delete(userId);
    for (const transport of peer.transports.values()) transport.close();
  }

  async createTransport(userId: string, direction: "send" | "recv"): Promise<TransportOptions> {
    const peer = this.#peer(userId);
    const { webRtcServer } = this.host;
    if (!webRtcServer) throw new AppError(ErrorCode.unavailable, "media is not listening");
    const transport = await this.router.createWebRtcTransport({
      webRtcServer,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      appData: { userId, direction },
    });
    peer.transports.set(transport.id, transport);
    this.#ledger.get(userId)?.transports.add(transport);
    transport.observer.once("close", () => peer.transports.delete(transport.id));
    return {
      transportId: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates.map((candidate) => ({ ...candidate })),
      dtlsParameters: transport.dtlsParameters,
    };
  }

  async connectTransport(
    userId: string,
    transportId: string,
    dtlsParameters: ms.DtlsParameters,
  ): Promise<void> {
    await mediasoupCall(() => this.#transport(userId, transportId).connect({ dtlsParameters }));
  }

  async produce(
    userId: string,
    input: {
      transportId: string;
      kind: ms.MediaKind;
      source: TrackSource;
      rtpParameters: ms.RtpParameters;
      paused: boolean;
    },
  ): Promise<RemoteProducer> {
    const peer = this.#peer(userId);
    const transport = this.#transport(userId, input.transportId);
    const producer = await mediasoupCall(() =>
      transport.produce<ProducerData>({
        kind: input.kind,
        rtpParameters: input.rtpParameters,
        paused: input.paused,
        appData: { userId, source: input.source },
      }),
    );
    peer.producers.set(producer.id, producer);
    this.#ledger.get(userId)?.producers.add(producer);
    producer.observer.once("close", () => peer.producers.delete(producer.id));
    return describe(producer);
  }

  async consume(
    userId: string,
    input: { transportId: string; producerId: string; rtpCapabilities: ms.RtpCapabilities },
  ): Promise<ConsumerOptions> {
    const peer = this.#peer(userId);
    const transport = this.#transport(userId, input.transportId);
    const producer = this.#anyProducer(input.producerId);
    if (producer.appData.userId === userId) {
      throw new AppError(ErrorCode.validationFailed, "cannot consume your own producer");
    }
    if (
      !this.router.canConsume({ producerId: producer.id, rtpCapabilities: input.rtpCapabilities })
    ) {
      throw new AppError(ErrorCode.validationFailed, "these RTP capabilities cannot receive it");
    }
    // Paused until the client has its track wired up, so no keyframe is lost.
    const consumer = await mediasoupCall(() =>
      transport.consume({
        producerId: producer.id,
        rtpCapabilities: input.rtpCapabilities,
        paused: true,
      }),
    );
    peer.consumers.set(consumer.id, consumer);
    this.#ledger.get(userId)?.consumers.add(consumer);
    consumer.observer.once("close", () => peer.consumers.delete(consumer.id));
    consumer.on("producerclose", () => this.events.consumerClosed(userId, producer.id));
    return {
      consumerId: consumer.id,
      producerId: producer.id,
      userId: producer.appData.userId,
      kind: consumer.kind,
      source: producer.appData.source,
      rtpParameters: consumer.rtpParameters as ConsumerOptions["rtpParameters"],
      producerPaused: consumer.producerPaused,
    };
  }

  async resumeConsumer(userId: string, consumerId: string): Promise<void> {
    const consumer = this.#peer(userId).consumers.get(consumerId);
    if (!consumer) throw new AppError(ErrorCode.notFound, "no such consumer");
    await consumer.resume();
  }

  async pauseProducer(userId: string, producerId: string, paused: boolean): Promise<void> {
    const producer = this.#ownProducer(userId, producerId);
    if (paused) await producer.pause();
    else await producer.resume();
  }

  closeProducer(userId: string, producerId: string): void {
    this.#ownProducer(userId, producerId).close();
  }

  /** Producers a joining peer should consume: everyone's but their own. */
  producersFor(userId: string): RemoteProducer[] {
    return [...this.#peers.entries()]
      .filter(([owner]) => owner !== userId)
      .flatMap(([, peer]) => [...peer.producers.values()].map(describe));
  }

  counts(): {
    userId: string;
    present: boolean;
    transports: number;
    producers: number;
    consumers: number;
  }[] {
    const open = (set: Set<{ closed: boolean }>) => [...set].filter((item) => !item.closed).length;
    return [...this.#ledger.entries()].map(([userId, ledger]) => ({
      userId,
      present: this.#peers.has(userId),
      transports: open(ledger.transports),
      producers: open(ledger.producers),
      consumers: open(ledger.consumers),
    }));
  }

  close(): void {
    for (const userId of [...this.#peers.keys()]) this.removePeer(userId);
    this.router.close();
  }

  #peer(userId: string): PeerMedia {
    const peer = this.#peers.get(userId);
    if (!peer) throw new AppError(ErrorCode.forbidden, "join the interview first");
    return peer;
  }

  #transport(userId: string, transportId: string): ms.WebRtcTransport {
    const transport = this.#peer(userId).transports.get(transportId);
    if (!transport) throw new AppError(ErrorCode.notFound, "no such transport");
    return transport;
  }

  #ownProducer(userId: string, producerId: string): ms.Producer<ProducerData> {
    const producer = this.#peer(userId).producers.get(producerId);
    if (!producer) throw new AppError(ErrorCode.notFound, "no such producer");
    return producer;
  }

  #anyProducer(producerId: string): ms.Producer<ProducerData> {
    for (const peer of this.#peers.values()) {
      const producer = peer.producers.get(producerId);
      if (producer) return producer;
    }
    throw new AppError(ErrorCode.notFound, "no such producer");
  }
}

function describe(producer: ms.Producer<ProducerData>): RemoteProducer {
  return {
    producerId: producer.id,
    userId: producer.appData.userId,
    kind: producer.kind,
    source: producer.appData.source,
    paused: producer.paused,
  };
}

/**
 * mediasoup rejects bad RTP/DTLS parameters with TypeError or
 * UnsupportedError; those are the client's fault and answered as such.
 */
export async function mediasoupCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof TypeError || (error as Error).name === "UnsupportedError") {
      throw new AppError(ErrorCode.validationFailed, (error as Error).message);
    }
    throw error;
  }
}
