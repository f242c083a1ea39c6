/**
 * A group session's origin: one router on one worker that holds the stage's
 * producers (speakers' camera, microphone and screen; a promoted viewer's
 * microphone). Members send here over WebRTC send transports, within their
 * rights; the session's other routers, on this process or piped to others,
 * are fed from it. It remembers which process holds each member's socket, so
 * the end reaches every process with a part of the session.
 */
import type { types as ms } from "mediasoup";
import { ErrorCode, type TrackSource, type WebinarProducer } from "@crossfair/shared";
import { AppError } from "../../plugins/errors.js";
import type { MediaWorker } from "../../interview/media/worker-pool.js";
import { ROUTER_MEDIA_CODECS } from "../../interview/media/codecs.js";
import type { SendRights } from "../webinar.media.js";
import {
  createBrowserTransport,
  mediasoupCall,
  transportOptions,
  type WebRtcTransportOptions,
} from "./media-calls.js";

export interface StageProducerData extends ms.AppData {
  userId: string;
  source: TrackSource;
}

interface Sender {
  userId: string;
  /** The process holding the member's socket. */
  holder: string;
  transports: Map<string, ms.WebRtcTransport | ms.PlainTransport>;
  producers: Map<string, ms.Producer<StageProducerData>>;
}

export interface OriginEvents {
  newProducer(producer: WebinarProducer): void;
  producerClosed(producerId: string): void;
  producerPaused(producerId: string, paused: boolean): void;
}

export interface OriginOptions {
  keyFrameRequestDelayMs: number;
}

export class OriginRoom {
  /** socketId → what that socket sends. */
  readonly #senders = new Map<string, Sender>();
  readonly #rights = new Map<string, SendRights>();
  readonly #producers = new Map<string, ms.Producer<StageProducerData>>();

  private constructor(
    readonly webinarId: string,
    readonly host: MediaWorker,
    readonly router: ms.Router,
    private readonly options: OriginOptions,
    private readonly events: OriginEvents,
  ) {}

  static async create(
    webinarId: string,
    host: MediaWorker,
    options: OriginOptions,
    events: OriginEvents,
  ): Promise<OriginRoom> {
    const router = await host.worker.createRouter({
      mediaCodecs: ROUTER_MEDIA_CODECS,
      appData: { webinarId, role: "origin" },
    });
    return new OriginRoom(webinarId, host, router, options, events);
  }

  get closed(): boolean {
    return this.router.closed;
  }

  /** The processes holding members' sockets. */
  holders(): Set<string> {
    return new Set([...this.#senders.values()].map((sender) => sender.holder));
  }

  join(socketId: string, userId: string, holder: string, rights: SendRights): void {
    this.#rights.set(userId, rights);
    const existing = this.#senders.get(socketId);
    if (existing && existing.userId === userId) {
      existing.holder = holder;
      return;
    }
    this.leave(socketId);
    this.#senders.set(socketId, {
      userId,
      holder,
      transports: new Map(),
      producers: new Map(),
    });
  }

  /** Closing the socket's send transports closes its producers and every copy of them. */
  leave(socketId: string): void {
    const sender = this.#senders.get(socketId);
    if (!sender) return;
    this.#senders.delete(socketId);
    for (const transport of sender.transports.values()) transport.close();
    if (![...this.#senders.values()].some((s) => s.userId === sender.userId)) {
      this.#rights.delete(sender.userId);
    }
  }

  /** Members whose socket's process is gone. */
  dropHeldOutside(alive: ReadonlySet<string>): void {
    for (const [socketId, sender] of this.#senders) {
      if (!alive.has(sender.holder)) this.leave(socketId);
    }
  }

  rightsOf(userId: string): SendRights {
    return this.#rights.get(userId) ?? "none";
  }

  /** Lowering closes what the member may no longer send; `none` closes their send transports. */
  setRights(userId: string, rights: SendRights): void {
    if (!this.#rights.has(userId)) return;
    this.#rights.set(userId, rights);
    for (const sender of this.#senders.values()) {
      if (sender.userId !== userId) continue;
      if (rights === "none") {
        for (const transport of sender.transports.values()) transport.close();
        continue;
      }
      if (rights === "audio") {
        for (const producer of sender.producers.values()) {
          if (producer.kind === "video") producer.close();
        }
      }
    }
  }

  async createSendTransport(socketId: string): Promise<WebRtcTransportOptions> {
    const sender = this.#mayOpen(socketId);
    const transport = await createBrowserTransport(this.router, this.host, {
      userId: sender.userId,
      direction: "send",
    });
    this.#keep(sender, transport);
    return transportOptions(transport);
  }

  /**
   * A send transport fed with plain RTP (benchmarks and tests stand in for a
   * browser with it; no socket can ask for one). The sender's address is
   * learnt from its first packet.
   */
  async createPlainSendTransport(
    socketId: string,
    listenIp: string,
    srtp: boolean,
  ): Promise<{ transportId: string; ip: string; port: number }> {
    const sender = this.#mayOpen(socketId);
    const transport = await this.router.createPlainTransport({
      listenInfo: { protocol: "udp", ip: listenIp },
      rtcpMux: true,
      comedia: true,
      enableSrtp: srtp,
      ...(srtp ? { srtpCryptoSuite: "AEAD_AES_128_GCM" as const } : {}),
    });
    this.#keep(sender, transport);
    return { transportId: transport.id, ip: listenIp, port: transport.tuple.localPort };
  }

  async connectTransport(
    socketId: string,
    transportId: string,
    parameters: { dtlsParameters?: ms.DtlsParameters; srtpParameters?: ms.SrtpParameters },
  ): Promise<void> {
    const transport = this.#transport(socketId, transportId);
    await mediasoupCall(() =>
      "iceParameters" in transport
        ? (transport as ms.WebRtcTransport).connect({ dtlsParameters: parameters.dtlsParameters! })
        : (transport as ms.PlainTransport).connect(
            parameters.srtpParameters ? { srtpParameters: parameters.srtpParameters } : {},
          ),
    );
  }

  /** `not_speaker` beyond the member's rights: a viewer sends nothing, a promoted viewer audio. */
  async produce(
    socketId: string,
    input: {
      transportId: string;
      kind: ms.MediaKind;
      source: TrackSource;
      rtpParameters: ms.RtpParameters;
      paused: boolean;
    },
  ): Promise<WebinarProducer> {
    const sender = this.#sender(socketId);
    const rights = this.rightsOf(sender.userId);
    if (rights === "none" || (rights === "audio" && input.kind === "video")) {
      throw new AppError(ErrorCode.notSpeaker, "only the stage sends that");
    }
    const transport = this.#transport(socketId, input.transportId);
    const producer = await mediasoupCall(() =>
      transport.produce<StageProducerData>({
        kind: input.kind,
        rtpParameters: input.rtpParameters,
        paused: input.paused,
        // Hundreds of viewers' PLIs become one key frame request per delay.
        ...(input.kind === "video"
          ? { keyFrameRequestDelay: this.options.keyFrameRequestDelayMs }
          : {}),
        appData: { userId: sender.userId, source: input.source },
      }),
    );
    sender.producers.set(producer.id, producer);
    this.#producers.set(producer.id, producer);
    producer.observer.once("close", () => {
      sender.producers.delete(producer.id);
      this.#producers.delete(producer.id);
      if (!this.router.closed) this.events.producerClosed(producer.id);
    });
    const described = describeProducer(producer);
    this.events.newProducer(described);
    return described;
  }

  async pauseProducer(socketId: string, producerId: string, paused: boolean): Promise<void> {
    const producer = this.#ownProducer(socketId, producerId);
    if (producer.paused === paused) return;
    if (paused) await producer.pause();
    else await producer.resume();
    this.events.producerPaused(producerId, paused);
  }

  closeProducer(socketId: string, producerId: string): void {
    this.#ownProducer(socketId, producerId).close();
  }

  producers(): WebinarProducer[] {
    return [...this.#producers.values()].map(describeProducer);
  }

  producer(producerId: string): ms.Producer<StageProducerData> {
    const producer = this.#producers.get(producerId);
    if (!producer) throw new AppError(ErrorCode.notFound, "no such producer");
    return producer;
  }

  close(): void {
    for (const socketId of [...this.#senders.keys()]) this.leave(socketId);
    this.router.close();
  }

  #mayOpen(socketId: string): Sender {
    const sender = this.#sender(socketId);
    if (this.rightsOf(sender.userId) === "none") {
      throw new AppError(ErrorCode.notSpeaker, "only the stage sends");
    }
    return sender;
  }

  #keep(sender: Sender, transport: ms.WebRtcTransport | ms.PlainTransport): void {
    sender.transports.set(transport.id, transport);
    (transport as ms.Transport).observer.once("close", () =>
      sender.transports.delete(transport.id),
    );
  }

  #sender(socketId: string): Sender {
    const sender = this.#senders.get(socketId);
    if (!sender) throw new AppError(ErrorCode.forbidden, "join the session first");
    return sender;
  }

  #transport(socketId: string, transportId: string): ms.WebRtcTransport | ms.PlainTransport {
    const transport = this.#sender(socketId).transports.get(transportId);
    if (!transport) throw new AppError(ErrorCode.notFound, "no such transport");
    return transport;
  }

  #ownProducer(socketId: string, producerId: string): ms.Producer<StageProducerData> {
    const producer = this.#sender(socketId).producers.get(producerId);
    if (!producer) throw new AppError(ErrorCode.notFound, "no such producer");
    return producer;
  }
}

export function describeProducer(producer: ms.Producer<StageProducerData>): WebinarProducer {
  return {
    producerId: producer.id,
    userId: producer.appData.userId,
    kind: producer.kind,
    source: producer.appData.source,
    paused: producer.paused,
  };
}
