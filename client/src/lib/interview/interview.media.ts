/**
 * One media session with a room's router (an interview's, or a group
 * session's: the same signalling steps under the `webinar:` prefix): a
 * loaded mediasoup-client Device, a send and a receive transport, our
 * producers by source and our consumers by producer. A rejoin throws the
 * session away and builds a new one (a Device loads only once, and a rebuilt
 * router is a new router). A receive-only member (a group session's viewer)
 * opens the send transport only when it may send (`openSend`).
 *
 * The `*Like` interfaces are the few members used of mediasoup-client's
 * Device, Transport, Producer and Consumer, so the manager's unit tests can
 * run on fakes without a browser.
 */
import type {
  ClientEventName,
  ClientEventPayload,
  ClientEventResult,
  ErrorCode,
  IceServer,
  TrackSource,
} from "@crossfair/shared";
import type { InterviewRequest } from "./interview.link.js";
import {
  addInboundStats,
  emptyStats,
  type ReceiveStats,
  type StatsReportLike,
} from "./interview.stats.js";

type AppData = Record<string, unknown>;
type TransportState = "new" | "connecting" | "connected" | "disconnected" | "failed" | "closed";

export interface ProducerLike {
  readonly id: string;
  pause(): void;
  resume(): void;
  close(): void;
  replaceTrack(options: { track: MediaStreamTrack | null }): Promise<void>;
}

export interface ConsumerLike {
  readonly id: string;
  readonly track: MediaStreamTrack;
  close(): void;
  getStats(): Promise<StatsReportLike>;
}

export interface TransportLike {
  readonly id: string;
  on(
    event: "connect",
    listener: (
      params: { dtlsParameters: unknown },
      done: () => void,
      fail: (error: Error) => void,
    ) => void,
  ): unknown;
  on(
    event: "produce",
    listener: (
      params: { kind: "audio" | "video"; rtpParameters: unknown; appData: AppData },
      done: (result: { id: string }) => void,
      fail: (error: Error) => void,
    ) => void,
  ): unknown;
  on(event: "connectionstatechange", listener: (state: TransportState) => void): unknown;
  produce(options: {
    track: MediaStreamTrack;
    appData: AppData;
    stopTracks: boolean;
    zeroRtpOnPause?: boolean;
    encodings?: RTCRtpEncodingParameters[];
  }): Promise<ProducerLike>;
  consume(options: {
    id: string;
    producerId: string;
    kind: "audio" | "video";
    rtpParameters: unknown;
  }): Promise<ConsumerLike>;
  close(): void;
}

export interface DeviceLike {
  readonly rtpCapabilities: unknown;
  load(options: { routerRtpCapabilities: unknown }): Promise<void>;
  createSendTransport(options: TransportParams): TransportLike;
  createRecvTransport(options: TransportParams): TransportLike;
}

interface TransportParams {
  id: string;
  iceParameters: unknown;
  iceCandidates: unknown[];
  dtlsParameters: unknown;
  iceServers?: IceServer[];
  iceTransportPolicy?: "all" | "relay";
}

/** A refused signalling request, carrying the server's code. */
export class SignalError extends Error {
  override name = "SignalError";
  constructor(readonly code: ErrorCode) {
    super(code);
  }
}

/** Whose router: the signalling events' prefix and the room's id. */
export type MediaRoom =
  { kind: "interview"; interviewId: string } | { kind: "webinar"; webinarId: string };

export interface MediaSessionOptions {
  room: MediaRoom;
  request: InterviewRequest;
  device: DeviceLike;
  onMediaState: (state: TransportState) => void;
  /** TURN servers the join handed out (networks that block UDP relay through them). */
  iceServers?: IceServer[];
  iceTransportPolicy?: "all" | "relay";
  /** Simulcast layers per source (a group session's camera); one encoding when absent. */
  encodings?: Partial<Record<TrackSource, RTCRtpEncodingParameters[]>>;
}

const STATE_ORDER: TransportState[] = [
  "failed",
  "disconnected",
  "connecting",
  "new",
  "connected",
  "closed",
];

export class MediaSession {
  readonly #options: MediaSessionOptions;
  #send: TransportLike | undefined;
  #recv: TransportLike | undefined;
  readonly #states = new Map<TransportLike, TransportState>();
  readonly #producers = new Map<TrackSource, ProducerLike>();
  readonly #consumers = new Map<string, ConsumerLike>();
  #closed = false;

  constructor(options: MediaSessionOptions) {
    this.#options = options;
  }

  async start(routerRtpCapabilities: unknown, { send = true } = {}): Promise<void> {
    await this.#options.device.load({ routerRtpCapabilities });
    if (send) await this.openSend();
    this.#recv = await this.#transport("recv");
  }

  /** Opens the send transport if it is not open yet (a promoted viewer's first send). */
  async openSend(): Promise<void> {
    if (this.#send || this.#closed) return;
    this.#send = await this.#transport("send");
  }

  /** The consumer of a remote producer, if we receive it (to ask for its layers). */
  consumerIdOf(producerId: string): string | undefined {
    return this.#consumers.get(producerId)?.id;
  }

  async send(source: TrackSource, track: MediaStreamTrack, paused = false): Promise<void> {
    if (!this.#send || this.#closed) return;
    // Tracks outlive sessions (a rejoin reuses them), so mediasoup must not stop them.
    const producer = await this.#send.produce({
      track,
      appData: { source, paused },
      stopTracks: false,
      zeroRtpOnPause: true,
      ...(this.#options.encodings?.[source] ? { encodings: this.#options.encodings[source] } : {}),
    });
    if (paused) producer.pause();
    this.#producers.set(source, producer);
  }

  async setPaused(source: TrackSource, paused: boolean): Promise<void> {
    const producer = this.#producers.get(source);
    if (!producer) return;
    if (paused) producer.pause();
    else producer.resume();
    await this.#signal("interview:pauseProducer", { producerId: producer.id, paused });
  }

  async stopSource(source: TrackSource): Promise<void> {
    const producer = this.#producers.get(source);
    if (!producer) return;
    this.#producers.delete(source);
    producer.close();
    await this.#signal("interview:closeProducer", { producerId: producer.id });
  }

  async replaceTrack(source: TrackSource, track: MediaStreamTrack): Promise<void> {
    await this.#producers.get(source)?.replaceTrack({ track });
  }

  /** Consumes a remote producer; resolves once its track is flowing. */
  async receive(producerId: string): Promise<{ track: MediaStreamTrack; producerPaused: boolean }> {
    const recv = this.#recv;
    if (!recv) throw new SignalError("unavailable");
    const answer = await this.#signal("interview:consume", {
      transportId: recv.id,
      producerId,
      rtpCapabilities: this.#options.device.rtpCapabilities as never,
    });
    const consumer = await recv.consume({
      id: answer.consumerId,
      producerId,
      kind: answer.kind,
      rtpParameters: answer.rtpParameters,
    });
    this.#consumers.get(producerId)?.close();
    this.#consumers.set(producerId, consumer);
    await this.#signal("interview:resumeConsumer", { consumerId: consumer.id });
    return { track: consumer.track, producerPaused: answer.producerPaused };
  }

  forget(producerId: string): void {
    this.#consumers.get(producerId)?.close();
    this.#consumers.delete(producerId);
  }

  async receiveStats(): Promise<ReceiveStats> {
    let total = emptyStats();
    for (const consumer of this.#consumers.values()) {
      total = addInboundStats(total, await consumer.getStats());
    }
    return total;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const consumer of this.#consumers.values()) consumer.close();
    for (const producer of this.#producers.values()) producer.close();
    this.#send?.close();
    this.#recv?.close();
  }

  async #transport(direction: "send" | "recv"): Promise<TransportLike> {
    const params = await this.#signal("interview:createTransport", { direction });
    const options: TransportParams = {
      id: params.transportId,
      iceParameters: params.iceParameters,
      iceCandidates: params.iceCandidates,
      dtlsParameters: params.dtlsParameters,
      iceServers: this.#options.iceServers ?? [],
      iceTransportPolicy: this.#options.iceTransportPolicy ?? "all",
    };
    const { device } = this.#options;
    const transport =
      direction === "send"
        ? device.createSendTransport(options)
        : device.createRecvTransport(options);
    transport.on("connect", ({ dtlsParameters }, done, fail) => {
      this.#signal("interview:connectTransport", {
        transportId: transport.id,
        dtlsParameters: dtlsParameters as never,
      }).then(() => done(), fail);
    });
    if (direction === "send") {
      transport.on("produce", ({ kind, rtpParameters, appData }, done, fail) => {
        this.#signal("interview:produce", {
          transportId: transport.id,
          kind,
          source: appData.source as TrackSource,
          paused: appData.paused === true,
          rtpParameters: rtpParameters as never,
        }).then(({ producerId }) => done({ id: producerId }), fail);
      });
    }
    this.#states.set(transport, "new");
    transport.on("connectionstatechange", (state) => {
      if (this.#closed) return;
      this.#states.set(transport, state);
      const worst = STATE_ORDER.find((candidate) => [...this.#states.values()].includes(candidate));
      this.#options.onMediaState(worst ?? "new");
    });
    return transport;
  }

  /**
   * A signalling request of this room; a refusal becomes a SignalError. The
   * steps are named by their interview events; a group session's have the
   * same payloads and answers under `webinar:`, with `webinarId` for the room.
   */
  async #signal<E extends SignalEvent>(
    event: E,
    payload: SignalPayload<E>,
  ): Promise<SignalResult<E>> {
    const { room, request } = this.#options;
    const answer =
      room.kind === "interview"
        ? await request(event, {
            interviewId: room.interviewId,
            ...payload,
          } as ClientEventPayload<E>)
        : await request(
            event.replace("interview:", "webinar:") as ClientEventName,
            {
              webinarId: room.webinarId,
              ...payload,
            } as never,
          );
    if (!answer.ok) throw new SignalError(answer.code);
    return answer as unknown as SignalResult<E>;
  }
}

type SignalEvent =
  | "interview:createTransport"
  | "interview:connectTransport"
  | "interview:produce"
  | "interview:consume"
  | "interview:resumeConsumer"
  | "interview:pauseProducer"
  | "interview:closeProducer";
type SignalPayload<E extends SignalEvent> = Omit<ClientEventPayload<E>, "interviewId">;
type SignalResult<E extends SignalEvent> = ClientEventResult<E>;
