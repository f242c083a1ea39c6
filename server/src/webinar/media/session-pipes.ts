/**
 * The stream between a group session's origin process and each other process
 * with members: one PipeTransport pair (plain RTP between the two workers,
 * addresses exchanged over the relay). At the origin, `OriginPipes` consumes a
 * producer into the pipe when an edge process asks and tells that process when
 * the producer pauses, resumes or closes; at the other end, `PipeFeeder`
 * produces it with the same id into the process's source router, from which
 * the process's other routers are fed.
 */
import type { types as ms } from "mediasoup";
import { ErrorCode } from "@crossfair/shared";
import { AppError } from "../../plugins/errors.js";
import { ROUTER_MEDIA_CODECS } from "../../interview/media/codecs.js";
import type { MediaWorker } from "../../interview/media/worker-pool.js";
import type { ProducerFeeder, ProducerInfo } from "./edge-fanout.js";
import type { EdgeCall, OriginCall, PipedProducer } from "./media-calls.js";
import type { OriginRoom, StageProducerData } from "./origin-room.js";
import { describeProducer } from "./origin-room.js";

export interface PipeListen {
  ip: string;
  announcedAddress?: string | undefined;
}

function pipeListenInfo(listen: PipeListen): ms.TransportListenInfo {
  return {
    protocol: "udp",
    ip: listen.ip,
    ...(listen.announcedAddress ? { announcedAddress: listen.announcedAddress } : {}),
  };
}

const pipeAddress = (pipe: ms.PipeTransport) => ({
  ip: pipe.tuple.localAddress,
  port: pipe.tuple.localPort,
});

/** The origin's ends of its pipes, one per process with members. */
export class OriginPipes {
  /** processId → the pipe to it, and the port of its far end (which identifies that pipe). */
  readonly #pipes = new Map<string, { pipe: Promise<ms.PipeTransport>; farPort: number }>();

  constructor(
    private readonly origin: OriginRoom,
    private readonly listen: PipeListen,
    private readonly tell: (processId: string, call: EdgeCall) => Promise<void>,
  ) {}

  get processes(): string[] {
    return [...this.#pipes.keys()];
  }

  async open(from: string, ip: string, port: number): Promise<{ ip: string; port: number }> {
    this.drop(from);
    const opening = this.origin.router
      .createPipeTransport({ listenInfo: pipeListenInfo(this.listen) })
      .then(async (pipe) => {
        await pipe.connect({ ip, port });
        return pipe;
      });
    const entry = { pipe: opening, farPort: port };
    this.#pipes.set(from, entry);
    opening.catch(() => {
      if (this.#pipes.get(from) === entry) this.#pipes.delete(from);
    });
    return pipeAddress(await opening);
  }

  async consume(from: string, producerId: string): Promise<PipedProducer> {
    const pipe = await this.#pipes.get(from)?.pipe;
    if (!pipe || pipe.closed) throw new AppError(ErrorCode.notFound, "no pipe from there");
    const producer = this.origin.producer(producerId);
    const consumer = await pipe.consume({ producerId });
    const change = (kind: "pause" | "resume" | "close") =>
      void this.tell(from, {
        op: "edgeProducer",
        webinarId: this.origin.webinarId,
        producerId,
        change: kind,
      }).catch(() => undefined);
    consumer.observer.on("pause", () => change("pause"));
    consumer.observer.on("resume", () => change("resume"));
    consumer.observer.once("close", () => change("close"));
    const described = describeProducer(producer as ms.Producer<StageProducerData>);
    return {
      kind: consumer.kind,
      rtpParameters: consumer.rtpParameters,
      paused: consumer.producerPaused,
      userId: described.userId,
      source: described.source,
    };
  }

  /**
   * The process died or has nobody left: its pipe closes (its consumers with
   * it). Given `farPort`, only if it is still that pipe, not a newer one.
   */
  drop(processId: string, farPort?: number): void {
    const entry = this.#pipes.get(processId);
    if (!entry || (farPort !== undefined && entry.farPort !== farPort)) return;
    this.#pipes.delete(processId);
    void entry.pipe.then((p) => p.close()).catch(() => undefined);
  }
}

/** Producers on this process come from the origin router here. */
export class LocalFeeder implements ProducerFeeder {
  constructor(private readonly origin: OriginRoom) {}

  async source() {
    return { router: this.origin.router, host: this.origin.host };
  }

  async bring(producerId: string): Promise<ProducerInfo> {
    const { userId, source, kind } = describeProducer(this.origin.producer(producerId));
    return { producerId, userId, source, kind };
  }

  close(): void {}
}

export interface PipeFeederOptions {
  webinarId: string;
  self: string;
  origin: string;
  listen: PipeListen;
  /** Where the source router goes: the least loaded worker now. */
  worker(): MediaWorker;
  ask(processId: string, call: OriginCall): Promise<unknown>;
}

/** Producers on this process come through a pipe from the origin's process. */
export class PipeFeeder implements ProducerFeeder {
  #ingress: Promise<{ router: ms.Router; host: MediaWorker; pipe: ms.PipeTransport }> | undefined;
  readonly #producers = new Map<string, Promise<{ producer: ms.Producer; info: ProducerInfo }>>();

  constructor(private readonly options: PipeFeederOptions) {}

  get origin(): string {
    return this.options.origin;
  }

  async source() {
    const { router, host } = await this.#open();
    return { router, host };
  }

  bring(producerId: string): Promise<ProducerInfo> {
    let brought = this.#producers.get(producerId);
    if (!brought) {
      brought = this.#pipeIn(producerId);
      this.#producers.set(producerId, brought);
      brought.catch(() => this.#producers.delete(producerId));
    }
    return brought.then(({ info }) => info);
  }

  /** The origin says a producer changed: its copy here follows (and every router fed from it). */
  async change(producerId: string, change: "pause" | "resume" | "close"): Promise<void> {
    const brought = this.#producers.get(producerId);
    if (!brought) return;
    const { producer } = await brought;
    if (change === "close") producer.close();
    else if (change === "pause") await producer.pause();
    else await producer.resume();
  }

  /** Closes the ingress router here and tells the origin to close its end. */
  close(): void {
    const ingress = this.#ingress;
    this.#ingress = undefined;
    if (!ingress) return;
    void ingress
      .then(({ router, pipe }) => {
        const farPort = pipe.tuple.localPort;
        router.close();
        return this.options.ask(this.options.origin, {
          op: "closePipe",
          webinarId: this.options.webinarId,
          from: this.options.self,
          farPort,
        });
      })
      .catch(() => undefined);
  }

  #open() {
    this.#ingress ??= (async () => {
      const host = this.options.worker();
      const router = await host.worker.createRouter({
        mediaCodecs: ROUTER_MEDIA_CODECS,
        appData: { webinarId: this.options.webinarId, role: "ingress" },
      });
      try {
        const pipe = await router.createPipeTransport({
          listenInfo: pipeListenInfo(this.options.listen),
        });
        const remote = (await this.options.ask(this.options.origin, {
          op: "openPipe",
          webinarId: this.options.webinarId,
          from: this.options.self,
          ...pipeAddress(pipe),
        })) as { ip: string; port: number };
        await pipe.connect(remote);
        return { router, host, pipe };
      } catch (error) {
        router.close();
        throw error;
      }
    })();
    this.#ingress.catch(() => (this.#ingress = undefined));
    return this.#ingress;
  }

  async #pipeIn(producerId: string) {
    const { pipe } = await this.#open();
    const piped = (await this.options.ask(this.options.origin, {
      op: "pipeProducer",
      webinarId: this.options.webinarId,
      from: this.options.self,
      producerId,
    })) as PipedProducer;
    const producer = await pipe.produce({
      id: producerId,
      kind: piped.kind,
      rtpParameters: piped.rtpParameters,
      paused: piped.paused,
      appData: { userId: piped.userId, source: piped.source },
    });
    producer.observer.once("close", () => this.#producers.delete(producerId));
    const info: ProducerInfo = {
      producerId,
      userId: piped.userId,
      source: piped.source,
      kind: piped.kind,
    };
    return { producer, info };
  }
}
