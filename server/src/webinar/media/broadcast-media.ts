/**
 * Group sessions' media across workers and processes (WebinarMedia). A
 * session's origin (the stage's producers) is placed once, on the least
 * loaded live process with media, through the session directory; members'
 * send-side calls run there, relayed over Redis from other processes. Every
 * member receives on the process its socket is on (EdgeFanout), fed from the
 * origin router here or through a pipe from the origin's process.
 *
 * On every heartbeat the process announces how many origins it holds and
 * learns who is alive: members here of a session whose origin process died are
 * told to reconnect (`session_moved`), and the next join places it anew; an
 * origin here drops members held by processes that died.
 */
import type { ClientEventPayload, ClientEventResult, IceServer } from "@crossfair/shared";
import { ErrorCode } from "@crossfair/shared";
import type { types as ms } from "mediasoup";
import type { Logger } from "pino";
import { AppError } from "../../plugins/errors.js";
import type { MediaWorker, WorkerPool } from "../../interview/media/worker-pool.js";
import type { SessionDirectory } from "../../interview/session/session.directory.js";
import { OwnerUnreachable, type SessionRelay } from "../../interview/session/session.relay.js";
import type {
  SendRights,
  WebinarMedia,
  WebinarMediaJoin,
  WebinarMember,
  WebinarSignalEvent,
} from "../webinar.media.js";
import type { WorkerLoadFigure } from "./broadcast-placement.js";
import { EdgeFanout } from "./edge-fanout.js";
import type { EdgeCall, JoinAnswer, MediaCall, OriginCall } from "./media-calls.js";
import type { MediaNotifier } from "./media-notifier.js";
import { routeSignal, type SignalSides } from "./member-signals.js";
import { OriginHost } from "./origin-host.js";
import { OriginLocator } from "./origin-locator.js";
import { LocalFeeder, PipeFeeder, type PipeListen } from "./session-pipes.js";

export interface BroadcastMediaOptions {
  processId: string;
  pool: WorkerPool;
  /** Its own key space: the processes announced here are those serving group sessions. */
  directory: SessionDirectory;
  /** Absent in the embedded default: this process holds every session. */
  relay: SessionRelay | null;
  notifier: MediaNotifier;
  viewersPerRouter: number;
  keyFrameRequestDelayMs: number;
  pipe: PipeListen;
  heartbeatMs: number;
  iceServers(userId: string): { iceServers: IceServer[]; iceTransportPolicy: "all" | "relay" };
  log: Logger;
  clock?: () => number;
}

export class BroadcastMedia implements WebinarMedia {
  readonly #options: BroadcastMediaOptions;
  readonly #origins: OriginHost;
  readonly #fanouts = new Map<string, EdgeFanout>();
  /** socketId → webinarId → the origin's process when it joined. */
  readonly #members = new Map<string, Map<string, string>>();
  readonly #locator: OriginLocator;
  #timer: NodeJS.Timeout | undefined;
  #beating: Promise<void> | undefined;

  constructor(options: BroadcastMediaOptions) {
    this.#options = options;
    this.#locator = new OriginLocator({
      processId: options.processId,
      directory: options.directory,
      heartbeatMs: options.heartbeatMs,
      workers: () => options.pool.liveCount,
      clock: options.clock ?? Date.now,
    });
    this.#origins = new OriginHost({
      processId: options.processId,
      pool: options.pool,
      notifier: options.notifier,
      keyFrameRequestDelayMs: options.keyFrameRequestDelayMs,
      pipe: options.pipe,
      worker: () => options.pool.leastLoaded((worker) => this.#loadOf(worker)),
      tell: async (processId, call) => {
        await this.#runAt(processId, call);
      },
      closed: (webinarId) => {
        this.#closeFanout(webinarId);
        void this.#locator.release(webinarId).catch(() => undefined);
      },
      log: options.log,
    });
  }

  get processId(): string {
    return this.#options.processId;
  }

  async start(): Promise<void> {
    this.#options.relay?.serve((call) => this.#serve(call as MediaCall));
    await this.beat();
    this.#timer = setInterval(() => void this.beat(), this.#options.heartbeatMs);
    this.#timer.unref();
  }

  async join(
    member: WebinarMember & { displayName: string; rights: SendRights },
  ): Promise<WebinarMediaJoin> {
    const { webinarId, userId, socketId, rights } = member;
    const call: OriginCall = {
      op: "join",
      webinarId,
      userId,
      socketId,
      rights,
      holder: this.processId,
    };
    const { owner, value } = await this.#runAtOrigin(webinarId, call, true);
    const sessions = this.#members.get(socketId) ?? new Map<string, string>();
    sessions.set(webinarId, owner);
    this.#members.set(socketId, sessions);
    this.#fanout(webinarId, owner).join(socketId, userId);
    const answer = value as JoinAnswer;
    return { ...answer, ...this.#options.iceServers(userId) };
  }

  async signal<E extends WebinarSignalEvent>(
    member: WebinarMember,
    event: E,
    payload: ClientEventPayload<E>,
  ): Promise<ClientEventResult<E>> {
    const sides: SignalSides = {
      receiving: () => this.#local(member),
      atOrigin: async (call) => (await this.#runAtOrigin(member.webinarId, call, false)).value,
    };
    return (await routeSignal(sides, member, event, payload as never)) as ClientEventResult<E>;
  }

  async setRights(webinarId: string, userId: string, rights: SendRights): Promise<void> {
    await this.#ignoreAbsent(
      this.#runAtOrigin(webinarId, { op: "setRights", webinarId, userId, rights }, false),
    );
  }

  async leave(member: WebinarMember): Promise<void> {
    const { webinarId, socketId } = member;
    const sessions = this.#members.get(socketId);
    sessions?.delete(webinarId);
    if (sessions?.size === 0) this.#members.delete(socketId);
    const fanout = this.#fanouts.get(webinarId);
    fanout?.leave(socketId);
    if (fanout?.empty) this.#closeFanout(webinarId);
    await this.#ignoreAbsent(
      this.#runAtOrigin(webinarId, { op: "leave", webinarId, socketId }, false),
    );
  }

  async end(webinarId: string): Promise<void> {
    await this.#ignoreAbsent(this.#runAtOrigin(webinarId, { op: "end", webinarId }, false));
    this.#closeFanout(webinarId);
  }

  /**
   * A send transport fed with plain RTP instead of a browser's WebRTC
   * (benchmarks, tests); the same rights apply. No socket event reaches it.
   */
  async openPlainSendTransport(
    member: WebinarMember,
    srtp = false,
  ): Promise<{ transportId: string; ip: string; port: number }> {
    const call: OriginCall = { op: "createPlainSendTransport", ...member, srtp };
    return (await this.#runAtOrigin(member.webinarId, call, false)).value as {
      transportId: string;
      ip: string;
      port: number;
    };
  }

  async connectPlainSendTransport(
    member: WebinarMember,
    transportId: string,
    srtpParameters: ms.SrtpParameters,
  ): Promise<void> {
    const call: OriginCall = { op: "connectSendTransport", ...member, transportId, srtpParameters };
    await this.#runAtOrigin(member.webinarId, call, false);
  }

  /** What this process holds of a session (diagnostics, tests). */
  local(webinarId: string) {
    const origin = this.#origins.get(webinarId);
    return {
      origin: origin?.room,
      /** The processes the origin pipes the stream to. */
      pipesTo: origin?.pipes.processes ?? [],
      fanout: this.#fanouts.get(webinarId),
    };
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.#beating;
    for (const webinarId of [...this.#fanouts.keys()]) this.#closeFanout(webinarId);
    this.#origins.closeAll();
    await this.#options.relay?.close();
    await this.#locator.withdraw().catch(() => undefined);
  }

  /** One heartbeat: announce, learn who is alive, move what died. */
  beat(): Promise<void> {
    this.#beating ??= this.#beat().finally(() => (this.#beating = undefined));
    return this.#beating;
  }

  async #beat(): Promise<void> {
    try {
      await this.#locator.announce(this.#origins.size);
      const alive = this.#locator.alive();
      this.#origins.dropOutside(alive);
      this.#moveSessionsOfTheDead(alive);
    } catch (error) {
      this.#options.log.warn({ err: error }, "group sessions' heartbeat failed");
    }
  }

  #moveSessionsOfTheDead(alive: ReadonlySet<string>): void {
    for (const [socketId, sessions] of this.#members) {
      for (const [webinarId, owner] of sessions) {
        if (alive.has(owner)) continue;
        sessions.delete(webinarId);
        // Only the side fed from the dead origin: a member may have rejoined a new one already.
        if (this.#fanouts.get(webinarId)?.origin === owner) this.#closeFanout(webinarId);
        this.#options.log.warn({ webinarId, owner }, "a group session's origin died; moving it");
        this.#options.notifier.toSocket(socketId, "webinar:reconnect", {
          webinarId,
          reason: "session_moved",
        });
      }
      if (sessions.size === 0) this.#members.delete(socketId);
    }
  }

  #local(member: WebinarMember): EdgeFanout {
    const fanout = this.#fanouts.get(member.webinarId);
    if (!fanout || !this.#members.get(member.socketId)?.has(member.webinarId)) {
      throw new AppError(ErrorCode.forbidden, "join the session first");
    }
    return fanout;
  }

  /** The session's receiving side here, fed from wherever its origin is now. */
  #fanout(webinarId: string, owner: string): EdgeFanout {
    const existing = this.#fanouts.get(webinarId);
    if (existing && existing.origin === owner) return existing;
    if (existing) this.#closeFanout(webinarId);
    const { pool, pipe, notifier } = this.#options;
    const self = this.processId;
    const feeder =
      owner === self
        ? new LocalFeeder(this.#originRoom(webinarId))
        : new PipeFeeder({
            webinarId,
            self,
            origin: owner,
            listen: pipe,
            worker: () => this.#leastLoadedWorker(),
            ask: (processId, call) => this.#runAt(processId, call),
          });
    const fanout = new EdgeFanout({
      webinarId,
      origin: owner,
      pool,
      perRouter: this.#options.viewersPerRouter,
      feeder,
      workerLoad: () => this.#workerLoad(),
      lost: (socketIds, all) => {
        for (const socketId of socketIds) {
          notifier.toSocket(socketId, "webinar:reconnect", {
            webinarId,
            reason: "media_restarted",
          });
        }
        if (all && this.#fanouts.get(webinarId) === fanout) this.#closeFanout(webinarId);
      },
    });
    this.#fanouts.set(webinarId, fanout);
    return fanout;
  }

  #originRoom(webinarId: string) {
    const origin = this.#origins.get(webinarId);
    if (!origin) throw new AppError(ErrorCode.unavailable, "the session's media moved; rejoin");
    return origin.room;
  }

  #closeFanout(webinarId: string): void {
    const fanout = this.#fanouts.get(webinarId);
    if (!fanout) return;
    this.#fanouts.delete(webinarId);
    fanout.close();
  }

  #leastLoadedWorker(): MediaWorker {
    const worker = this.#options.pool.leastLoaded((w) => this.#loadOf(w));
    if (!worker) throw new AppError(ErrorCode.unavailable, "video is disabled");
    return worker;
  }

  /** Transports and routers of group sessions on a worker. */
  #loadOf(worker: MediaWorker): number {
    let load = 0;
    for (const fanout of this.#fanouts.values()) {
      for (const edge of fanout.edges) if (edge.host === worker) load += edge.viewers + 1;
    }
    for (const { room } of this.#origins.all()) if (room.host === worker) load += 1;
    return load;
  }

  #workerLoad(): WorkerLoadFigure[] {
    return this.#options.pool.workers
      .map((worker, workerIndex) => ({ worker, workerIndex }))
      .filter(({ worker }) => !worker.worker.died && !worker.worker.closed)
      .map(({ worker, workerIndex }) => ({ workerIndex, load: this.#loadOf(worker) }));
  }

  /** The calls other processes make here: on an origin, or on this process's edges. */
  async #serve(call: MediaCall): Promise<unknown> {
    if (call.op === "edgeProducer" || call.op === "closeEdges") return this.#runEdge(call);
    return this.#origins.run(call);
  }

  async #runEdge(call: EdgeCall): Promise<unknown> {
    const fanout = this.#fanouts.get(call.webinarId);
    if (!fanout) return {};
    if (call.op === "edgeProducer") {
      await fanout.feederChange(call.producerId, call.change);
      return {};
    }
    if (call.reason === "media_restarted") {
      for (const socketId of fanout.members()) {
        this.#options.notifier.toSocket(socketId, "webinar:reconnect", {
          webinarId: call.webinarId,
          reason: "media_restarted",
        });
      }
    }
    this.#closeFanout(call.webinarId);
    return {};
  }

  #runAt(processId: string, call: MediaCall): Promise<unknown> {
    if (processId === this.processId) return this.#serve(call);
    const { relay } = this.#options;
    if (!relay) throw new OwnerUnreachable(processId);
    return relay.request(processId, call);
  }

  /** Runs the call at the session's origin; a join places (or moves) the origin first. */
  #runAtOrigin(
    webinarId: string,
    call: OriginCall,
    place: boolean,
  ): Promise<{ owner: string; value: unknown }> {
    return this.#locator.atOrigin(webinarId, place, (owner) => this.#runAt(owner, call));
  }

  async #ignoreAbsent(work: Promise<unknown>): Promise<void> {
    await work.catch((error: unknown) => {
      // No origin (nobody joined) or one that died: there is nothing left to change.
      if (!(error instanceof AppError)) throw error;
    });
  }
}
