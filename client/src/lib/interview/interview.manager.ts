/**
 * Owns one interview call in the browser: the connection state machine with
 * automatic rejoin, the media session (a mediasoup-client device and its two
 * transports, built anew on every join), what we receive, the peers and the
 * chat. What we send (preview, devices, mute, screen) is `LocalMedia`'s, whose
 * fields share this store; the time left is `timer`'s, planned anew on every join. Components read it as a Svelte store and call its
 * methods; they never touch mediasoup or the socket.
 *
 *   idle ─preview()→ ready ─join()→ joining → live ─leave()→ left
 *                                                  └─end() / ended by staff→ ended
 *                                      ↑          │ link drop / media restarted
 *                                      └─ reconnecting ┘ (gives up after 30 s → failed)
 */
import type { ChatMessage, ErrorCode, RemoteProducer } from "@crossfair/shared";
import type { CaptureKind, MediaDevicesLike } from "./interview.devices.js";
import type { InterviewLink } from "./interview.link.js";
import { LocalMedia } from "./interview.local-media.js";
import type { DeviceLike } from "./interview.media.js";
import { MediaSession } from "./interview.media.js";
import {
  initialState,
  mergeChat,
  upsertPeer,
  type InterviewState,
  type RemoteTrack,
} from "./interview.state.js";
import { emptyStats, type ReceiveStats } from "./interview.stats.js";
import { InterviewTimer, type TimerClock } from "./interview.timer.js";
import { LatestRequest, StateStore, type RequestToken } from "../store/state-store.js";

export interface InterviewManagerOptions {
  interviewId: string;
  link: InterviewLink;
  createDevice: () => DeviceLike;
  devices: MediaDevicesLike | undefined;
  /** How long to keep trying to rejoin after the link or media dropped. */
  rejoinWindowMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** What the interview's timer counts on (the browser's clock unless a test gives one). */
  clock?: TimerClock;
}

export const REJOIN_WINDOW_MS = 30_000;
/** Between two joins refused as `unavailable` while reconnecting (the session is moving). */
export const RETRY_JOIN_MS = 1_000;

export class InterviewManager extends StateStore<InterviewState> {
  /** The time left until the planned end, then the time over; it never ends the call. */
  readonly timer: InterviewTimer;
  readonly #options: InterviewManagerOptions;
  #session: MediaSession | undefined;
  /** Renewed on every (re)join: late answers of an abandoned attempt are dropped. */
  readonly #attempts = new LatestRequest();
  #giveUpTimer: unknown;
  /** Producers announced while the transports were still being built; consumed once ready. */
  #pending: RemoteProducer[] = [];
  #mediaReady = false;
  readonly #local: LocalMedia;
  readonly #unsubscribe: (() => void)[] = [];

  constructor(options: InterviewManagerOptions) {
    super(initialState());
    this.#options = options;
    this.timer = new InterviewTimer(options.clock);
    this.#local = new LocalMedia({
      devices: options.devices,
      read: () => this.state,
      write: (patch) => this.update(patch),
      unsupported: () => this.update({ error: "media_unsupported" }),
      session: () => this.#session,
    });
    const { link, interviewId } = options;
    const mine = <P extends { interviewId: string }>(fn: (payload: P) => void) => {
      return (payload: P) => {
        if (payload.interviewId === interviewId && this.#inCall()) fn(payload);
      };
    };
    this.#unsubscribe.push(
      link.onConnection((connected) => this.#onLink(connected)),
      link.on(
        "interview:peerJoined",
        mine(({ peer }) => this.update({ peers: upsertPeer(this.state.peers, peer) })),
      ),
      link.on(
        "interview:peerLeft",
        mine(({ userId }) => this.#peerLeft(userId)),
      ),
      link.on(
        "interview:newProducer",
        mine(({ producer }) => {
          if (this.#mediaReady) void this.#consume(producer, this.#attempts.current);
          else this.#pending.push(producer);
        }),
      ),
      link.on(
        "interview:producerClosed",
        mine(({ producerId }) => this.#dropRemote(producerId)),
      ),
      link.on(
        "interview:producerPaused",
        mine(({ producerId, paused }) =>
          this.update({
            remote: this.state.remote.map((r) =>
              r.producerId === producerId ? { ...r, paused } : r,
            ),
          }),
        ),
      ),
      link.on(
        "interview:chat",
        mine(({ message }) => this.#addChat(message)),
      ),
      link.on(
        "interview:reconnect",
        mine(() => this.#rejoin()),
      ),
      link.on(
        "interview:ended",
        mine(() => this.#finish("ended")),
      ),
    );
  }

  /** Opens camera and microphone for the preview; either may be refused. */
  async preview(): Promise<void> {
    const found = await this.#local.preview();
    this.update({ ...found, phase: this.state.phase === "idle" ? "ready" : this.state.phase });
  }

  /** Switches to another microphone or camera, also mid-call. */
  selectDevice(kind: CaptureKind, deviceId: string): Promise<void> {
    return this.#local.selectDevice(kind, deviceId);
  }

  toggleMicrophone(): Promise<void> {
    return this.#local.toggleMicrophone();
  }

  toggleCamera(): Promise<void> {
    return this.#local.toggleCamera();
  }

  toggleScreenShare(): Promise<void> {
    return this.#local.toggleScreenShare();
  }

  async join(): Promise<void> {
    if (this.#inCall() && this.state.phase !== "reconnecting") return;
    this.update({ phase: this.state.phase === "reconnecting" ? "reconnecting" : "joining" });
    await this.#connect();
  }

  async sendChat(text: string): Promise<boolean> {
    const trimmed = text.trim();
    if (!trimmed || this.state.phase !== "live") return false;
    const answer = await this.#options.link.request("interview:chat", {
      interviewId: this.#options.interviewId,
      text: trimmed,
    });
    if (!answer.ok) {
      this.update({ error: answer.code });
      return false;
    }
    this.#addChat(answer.message);
    return true;
  }

  async leave(): Promise<void> {
    if (!this.#inCall()) return;
    const { link, interviewId } = this.#options;
    this.#finish("left");
    if (link.connected) await link.request("interview:leave", { interviewId });
  }

  /**
   * Ends the interview for everyone (stand staff's button). The server tells
   * every member the interview ended, which closes the call here as well.
   */
  async end(): Promise<void> {
    if (!this.#inCall()) return;
    const { link, interviewId } = this.#options;
    const answer = await link.request("interview:end", { interviewId });
    if (!answer.ok) {
      this.update({ error: answer.code });
      return;
    }
    this.#finish("ended");
  }

  /** Received-media figures, summed over all consumers (UI and browser tests). */
  async stats(): Promise<ReceiveStats> {
    return this.#session ? this.#session.receiveStats() : emptyStats();
  }

  /** Stops everything: tracks, transports, listeners. */
  dispose(): void {
    this.#finish(this.state.phase === "ended" ? "ended" : "left");
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    for (const track of [this.state.localAudio, this.state.localVideo]) track?.stop();
  }

  // ---- internals -------------------------------------------------------------

  #inCall(): boolean {
    const { phase } = this.state;
    return phase === "joining" || phase === "live" || phase === "reconnecting";
  }

  async #connect(): Promise<void> {
    const attempt = this.#attempts.start();
    this.#session?.close();
    this.#session = undefined;
    this.#mediaReady = false;
    this.#pending = [];
    const { link, interviewId, createDevice } = this.#options;
    const joined = await link.request("interview:join", { interviewId });
    if (!attempt.isLatest()) return;
    if (!joined.ok) {
      // Refusals are final; a lost link or a media server moving is retried while the
      // rejoin window lasts.
      if (joined.code === "unavailable" && this.state.phase === "reconnecting") {
        return this.#retrySoon(attempt);
      }
      return this.#fail(joined.code);
    }
    const session = new MediaSession({
      room: { kind: "interview", interviewId },
      request: link.request,
      device: createDevice(),
      onMediaState: (media) => this.#onMediaState(media, attempt),
      iceServers: joined.iceServers,
      iceTransportPolicy: joined.iceTransportPolicy,
    });
    this.#session = session;
    this.timer.plan(joined.plannedEndsAt, joined.serverTime);
    this.update({
      role: joined.role,
      selfId: joined.userId,
      peers: joined.peers,
      chat: mergeChat(this.state.chat, joined.chat),
      remote: [],
    });
    try {
      await session.start(joined.routerRtpCapabilities);
      if (!attempt.isLatest()) return;
      this.#mediaReady = true;
      const announced = [...joined.producers, ...this.#pending.splice(0)];
      await this.#local.publish(session);
      for (const producer of announced) await this.#consume(producer, attempt);
      if (!attempt.isLatest()) return;
      this.#clearGiveUp();
      this.update({ phase: "live", error: undefined });
    } catch (error) {
      if (!attempt.isLatest()) return;
      const code = (error as { code?: ErrorCode }).code;
      if (code === "unavailable" || this.state.phase === "reconnecting") return this.#rejoin();
      this.#fail(code ?? "media_unsupported");
    }
  }

  async #consume(producer: RemoteProducer, attempt: RequestToken): Promise<void> {
    const session = this.#session;
    if (!session || !attempt.isLatest()) return;
    const received = await session.receive(producer.producerId).catch(() => null);
    if (!received || !attempt.isLatest()) return;
    const remote: RemoteTrack = {
      producerId: producer.producerId,
      userId: producer.userId,
      source: producer.source,
      track: received.track,
      paused: received.producerPaused,
    };
    this.update({
      remote: [...this.state.remote.filter((r) => r.producerId !== remote.producerId), remote],
    });
  }

  #dropRemote(producerId: string): void {
    this.#pending = this.#pending.filter((p) => p.producerId !== producerId);
    this.#session?.forget(producerId);
    this.update({ remote: this.state.remote.filter((r) => r.producerId !== producerId) });
  }

  #peerLeft(userId: string): void {
    for (const remote of this.state.remote) {
      if (remote.userId === userId) this.#session?.forget(remote.producerId);
    }
    this.update({
      peers: this.state.peers.filter((peer) => peer.userId !== userId),
      remote: this.state.remote.filter((remote) => remote.userId !== userId),
    });
  }

  #addChat(message: ChatMessage): void {
    this.update({ chat: mergeChat(this.state.chat, [message]) });
  }

  #onLink(connected: boolean): void {
    if (!this.#inCall()) return;
    if (connected) void this.#connect();
    else this.#rejoin(false);
  }

  #onMediaState(media: InterviewState["media"], attempt: RequestToken): void {
    if (!attempt.isLatest()) return;
    this.update({ media });
    // A dead transport (ICE failed, e.g. the network changed) is rebuilt by rejoining.
    if (media === "failed" && this.state.phase === "live") this.#rejoin();
  }

  /** Enters `reconnecting`; joins again now (if the link is up) and gives up after the window. */
  #rejoin(now = true): void {
    if (!this.#inCall()) return;
    this.#session?.close();
    this.#session = undefined;
    this.#mediaReady = false;
    this.#attempts.cancel();
    this.update({ phase: "reconnecting", remote: [], media: "disconnected" });
    if (this.#giveUpTimer === undefined) {
      const setTimer = this.#options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
      this.#giveUpTimer = setTimer(() => {
        this.#giveUpTimer = undefined;
        if (this.state.phase === "reconnecting") this.#fail("unavailable");
      }, this.#options.rejoinWindowMs ?? REJOIN_WINDOW_MS);
    }
    if (now && this.#options.link.connected) void this.#connect();
  }

  /** Joins again in a moment, unless something else (a new link, a leave) came first. */
  #retrySoon(attempt: RequestToken): void {
    const setTimer = this.#options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    setTimer(() => {
      if (attempt.isLatest() && this.state.phase === "reconnecting") {
        if (this.#options.link.connected) void this.#connect();
      }
    }, RETRY_JOIN_MS);
  }

  #clearGiveUp(): void {
    if (this.#giveUpTimer === undefined) return;
    (this.#options.clearTimer ?? ((handle) => clearTimeout(handle as number)))(this.#giveUpTimer);
    this.#giveUpTimer = undefined;
  }

  #fail(error: InterviewState["error"]): void {
    this.#finish("failed");
    this.update({ error });
  }

  #finish(phase: "left" | "ended" | "failed"): void {
    this.#attempts.cancel();
    this.timer.stop();
    this.#mediaReady = false;
    this.#clearGiveUp();
    this.#session?.close();
    this.#session = undefined;
    this.state.localScreen?.stop();
    this.update({ phase, remote: [], peers: [], localScreen: null, media: "closed" });
  }
}
