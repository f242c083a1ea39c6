/**
 * Owns one live group session in the browser: the join (role, status, stage,
 * questions, chat, hands), the media (a receive transport for everyone; a
 * send transport for speakers, and for a viewer only while promoted, who then
 * sends the microphone alone), the questions and chat with their moderation,
 * raised hands and promotion, and the polite announcements the page reads
 * out. What a speaker sends (camera as three simulcast layers, microphone,
 * screen) is the interview's `LocalMedia`, whose fields share this store.
 * Components read it as a Svelte store and call its methods.
 *
 *   idle ─join()→ joining → lobby ─webinar:state live→ live ─webinar:ended→ ended
 *                   ↑  └───────────(already live)───────┘
 *                   └── reconnecting ←─ link drop / webinar:reconnect
 */
import type {
  ClientEventName,
  ClientEventPayload,
  ClientEventResult,
  ErrorCode,
  WebinarJoinResult,
  WebinarProducer,
  WebinarQuestion,
} from "@crossfair/shared";
import { capture, type MediaDevicesLike } from "../interview/interview.devices.js";
import { LocalMedia } from "../interview/interview.local-media.js";
import { MediaSession, type DeviceLike } from "../interview/interview.media.js";
import { emptyStats, type ReceiveStats } from "../interview/interview.stats.js";
import { InterviewTimer, type TimerClock } from "../interview/interview.timer.js";
import { LatestRequest, StateStore, type RequestToken } from "../store/state-store.js";
import type { WebinarLink } from "./webinar.link.js";
import {
  CAMERA_LAYERS,
  initialWebinarState,
  layerFor,
  stateFromJoin,
  upsertChat,
  upsertQuestion,
  type Announcement,
  type StageTile,
  type WebinarState,
} from "./webinar.state.js";
import { registerWebinarEvents } from "./webinar.events.js";

export { CAMERA_LAYERS } from "./webinar.state.js";

export interface WebinarManagerOptions {
  webinarId: string;
  link: WebinarLink;
  createDevice: () => DeviceLike;
  devices: MediaDevicesLike | undefined;
  /** What the lobby's countdown counts on (the browser's clock unless a test gives one). */
  clock?: TimerClock;
}

/** Events whose payload carries the session's id, sent by `#ask`. */
type SessionEvent = Extract<ClientEventName, `webinar:${string}`>;
type Answer<E extends SessionEvent> = ({ ok: true } & ClientEventResult<E>) | null;

export class WebinarManager extends StateStore<WebinarState> {
  /** The time until the planned start, shown in the lobby. */
  readonly countdown: InterviewTimer;
  readonly options: WebinarManagerOptions;
  session: MediaSession | undefined;
  /** Renewed on every (re)join: late answers of an abandoned attempt are dropped. */
  readonly attempts = new LatestRequest();
  /** Producers announced while the transports were still being built; consumed once ready. */
  pending: WebinarProducer[] = [];
  mediaReady = false;
  readonly #local: LocalMedia;
  readonly #unsubscribe: (() => void)[];
  #announcements = 0;
  #publishing: Promise<void> | undefined;
  /** The layer last asked for, by consumer. */
  readonly #layers = new Map<string, number>();

  constructor(options: WebinarManagerOptions) {
    super(initialWebinarState());
    this.options = options;
    this.countdown = new InterviewTimer(options.clock);
    this.#local = new LocalMedia({
      devices: options.devices,
      read: () => this.state,
      write: (patch) => this.update(patch),
      unsupported: () => this.update({ error: "media_unsupported" }),
      session: () => this.session,
    });
    this.#unsubscribe = registerWebinarEvents(this);
  }

  // ---- joining ----------------------------------------------------------------

  async join(): Promise<void> {
    if (this.inSession() && this.state.phase !== "reconnecting") return;
    if (this.state.phase !== "reconnecting") this.update({ phase: "joining" });
    const attempt = this.attempts.start();
    this.#closeMedia();
    const { link, webinarId, createDevice } = this.options;
    const joined = await link.request("webinar:join", { webinarId });
    if (!attempt.isLatest()) return;
    if (!joined.ok) return this.#fail(joined.code);
    this.#applyJoin(joined);
    const session = new MediaSession({
      room: { kind: "webinar", webinarId },
      request: link.request,
      device: createDevice(),
      onMediaState: (media) => {
        if (attempt.isLatest()) this.update({ media });
      },
      iceServers: joined.iceServers,
      iceTransportPolicy: joined.iceTransportPolicy,
      encodings: { camera: CAMERA_LAYERS },
    });
    this.session = session;
    try {
      await session.start(joined.routerRtpCapabilities, { send: joined.role === "speaker" });
      if (!attempt.isLatest()) return;
      this.mediaReady = true;
      for (const producer of [...joined.producers, ...this.pending.splice(0)]) {
        await this.consume(producer, attempt);
      }
      if (joined.role === "speaker") await this.publishStage();
      if (joined.promoted) await this.#goOnStage(attempt);
    } catch (error) {
      if (!attempt.isLatest()) return;
      this.update({ error: (error as { code?: ErrorCode }).code ?? "media_unsupported" });
    }
  }

  /** A speaker's camera and microphone, opened once (after the join said who we are). */
  async preview(): Promise<void> {
    if (this.state.localAudio || this.state.localVideo) return;
    this.update(await this.#local.preview());
  }

  /** A speaker sends what it has once the session is live (the lobby sends nothing). */
  publishStage(): Promise<void> {
    const session = this.session;
    if (this.state.role !== "speaker" || this.state.phase !== "live" || !session) {
      return Promise.resolve();
    }
    this.#publishing ??= (async () => {
      try {
        await this.preview();
        if (this.session === session) await this.#local.publish(session);
      } catch (error) {
        this.update({ error: (error as { code?: ErrorCode }).code ?? "media_unsupported" });
      } finally {
        this.#publishing = undefined;
      }
    })();
    return this.#publishing;
  }

  async leave(): Promise<void> {
    if (!this.inSession() && this.state.phase !== "ended") return;
    const wasIn = this.inSession();
    this.finish("left");
    const { link, webinarId } = this.options;
    if (wasIn && link.connected) await link.request("webinar:leave", { webinarId });
  }

  dispose(): void {
    void this.leave();
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    for (const track of [this.state.localAudio, this.state.localVideo, this.state.localScreen]) {
      track?.stop();
    }
    this.update({ localAudio: null, localVideo: null, localScreen: null });
  }

  /** Received-media figures, summed over all consumers (UI and browser tests). */
  async stats(): Promise<ReceiveStats> {
    return this.session ? this.session.receiveStats() : emptyStats();
  }

  // ---- the speaker's controls ---------------------------------------------------

  toggleMicrophone(): Promise<void> {
    return this.#local.toggleMicrophone();
  }

  toggleCamera(): Promise<void> {
    return this.#local.toggleCamera();
  }

  toggleScreenShare(): Promise<void> {
    return this.#local.toggleScreenShare();
  }

  /** Opens the session (speakers and moderators). */
  async start(): Promise<boolean> {
    return (await this.#ask("webinar:start", {})) !== null;
  }

  /** Ends it for everyone; the server's `webinar:ended` closes it here too. */
  async end(): Promise<boolean> {
    const ended = (await this.#ask("webinar:end", {})) !== null;
    if (ended) this.finish("ended");
    return ended;
  }

  // ---- questions, chat, hands -----------------------------------------------------

  async ask(text: string): Promise<boolean> {
    const trimmed = text.trim();
    if (!trimmed) return false;
    const answer = await this.#ask("webinar:ask", { text: trimmed });
    if (answer) this.applyQuestion(answer.question);
    return answer !== null;
  }

  async vote(questionId: string, voted: boolean): Promise<void> {
    const answer = await this.#ask("webinar:vote", { questionId, voted });
    if (!answer) return;
    const others = this.state.myVotes.filter((id) => id !== questionId);
    this.update({ myVotes: voted ? [...others, questionId] : others });
    this.applyQuestion(answer.question);
  }

  async moderateQuestion(
    questionId: string,
    action: ClientEventPayload<"webinar:moderateQuestion">["action"],
  ): Promise<void> {
    const answer = await this.#ask("webinar:moderateQuestion", { questionId, action });
    if (answer) this.applyQuestion(answer.question);
  }

  async sendChat(text: string): Promise<boolean> {
    const trimmed = text.trim();
    if (!trimmed) return false;
    const answer = await this.#ask("webinar:chat", { text: trimmed });
    if (answer) this.update({ chat: upsertChat(this.state.chat, [answer.message]) });
    return answer !== null;
  }

  async moderateChat(messageId: string, action: "hide" | "show"): Promise<void> {
    const answer = await this.#ask("webinar:moderateChat", { messageId, action });
    if (answer) this.update({ chat: upsertChat(this.state.chat, [answer.message]) });
  }

  async block(userId: string, blocked: boolean): Promise<void> {
    await this.#ask("webinar:block", { userId, blocked });
  }

  async raiseHand(raised: boolean): Promise<void> {
    if (await this.#ask("webinar:raiseHand", { raised })) this.update({ handRaised: raised });
  }

  /** Staff bring a viewer on stage (audio only) or back to the audience. */
  async promote(userId: string, promoted: boolean): Promise<void> {
    await this.#ask("webinar:promote", { userId, promoted });
  }

  /** A promoted viewer steps down: the microphone stops at once, the server is told. */
  async leaveStage(): Promise<void> {
    const selfId = this.state.selfId;
    if (!this.state.promoted || !selfId) return;
    await this.leftStage();
    await this.#ask("webinar:promote", { userId: selfId, promoted: false });
  }

  /**
   * The stage shows these tiles: each received video asks for no more than
   * the simulcast layer its tile's size needs (small → 0 or 1, large → 2),
   * sent only when that changes for its consumer.
   */
  async showTiles(tiles: StageTile[]): Promise<void> {
    const small = tiles.filter((tile) => !tile.large).length;
    const { link, webinarId } = this.options;
    for (const tile of tiles) {
      const consumerId = tile.track ? this.session?.consumerIdOf(tile.key) : undefined;
      if (!consumerId) continue;
      const spatialLayer = layerFor(tile, small);
      if (this.#layers.get(consumerId) === spatialLayer) continue;
      this.#layers.set(consumerId, spatialLayer);
      await link.request("webinar:preferLayers", { webinarId, consumerId, spatialLayer });
    }
  }

  // ---- used by the event handlers (webinar.events.ts) -------------------------------

  /** A server event's plain change of state (the handlers in webinar.events.ts). */
  apply(patch: Partial<WebinarState>): void {
    this.update(patch);
  }

  inSession(): boolean {
    const { phase } = this.state;
    return phase === "joining" || phase === "lobby" || phase === "live" || phase === "reconnecting";
  }

  async consume(producer: WebinarProducer, attempt: RequestToken): Promise<void> {
    const session = this.session;
    if (!session || !attempt.isLatest() || producer.userId === this.state.selfId) return;
    const received = await session.receive(producer.producerId).catch(() => null);
    if (!received || !attempt.isLatest()) return;
    const remote = {
      producerId: producer.producerId,
      userId: producer.userId,
      source: producer.source,
      kind: producer.kind,
      track: received.track,
      paused: received.producerPaused,
    };
    this.update({
      remote: [...this.state.remote.filter((r) => r.producerId !== remote.producerId), remote],
    });
  }

  dropRemote(producerId: string): void {
    this.pending = this.pending.filter((p) => p.producerId !== producerId);
    this.session?.forget(producerId);
    this.update({ remote: this.state.remote.filter((r) => r.producerId !== producerId) });
  }

  applyQuestion(question: WebinarQuestion): void {
    const isNew = !this.state.questions.some((q) => q.id === question.id);
    this.update({ questions: upsertQuestion(this.state.questions, question) });
    if (isNew && !question.hidden) {
      this.announce({ kind: "question", displayName: question.displayName, text: question.text });
    }
  }

  announce(announcement: DistributiveOmit<Announcement, "seq">): void {
    this.update({ announcement: { ...announcement, seq: ++this.#announcements } as Announcement });
  }

  /** Our standing changed (`webinar:you`): promotion opens the microphone, demotion stops it. */
  async applyYou(you: { promoted: boolean; blocked: boolean; handRaised: boolean }): Promise<void> {
    const wasPromoted = this.state.promoted;
    this.update(you);
    if (you.promoted && !wasPromoted) await this.#goOnStage(this.attempts.current);
    if (!you.promoted && wasPromoted) await this.leftStage();
  }

  async leftStage(): Promise<void> {
    const track = this.state.role === "viewer" ? this.state.localAudio : null;
    this.update({ promoted: false });
    if (!track) return;
    this.update({ localAudio: null });
    track.stop();
    await this.session?.stopSource("microphone").catch(() => undefined);
  }

  finish(phase: "left" | "ended" | "failed"): void {
    this.attempts.cancel();
    this.countdown.stop();
    this.#closeMedia();
    if (this.state.role === "viewer") this.state.localAudio?.stop();
    this.state.localScreen?.stop();
    this.update({
      phase,
      remote: [],
      media: "closed",
      localScreen: null,
      ...(this.state.role === "viewer" ? { localAudio: null, promoted: false } : {}),
      ...(phase === "ended" ? { status: "ended" as const } : {}),
    });
  }

  // ---- internals -----------------------------------------------------------------

  #applyJoin(joined: WebinarJoinResult): void {
    const patch = stateFromJoin(joined, Date.now());
    if (patch.phase === "lobby") this.countdown.plan(joined.startsAt, joined.serverTime);
    else this.countdown.stop();
    this.update(patch);
  }

  /** A promoted viewer's microphone: asked for now, sent on a send transport opened for it. */
  async #goOnStage(attempt: RequestToken): Promise<void> {
    const session = this.session;
    if (!session || this.state.role !== "viewer" || this.state.localAudio) return;
    const { track, permission } = await capture(this.options.devices, "audio");
    if (!attempt.isLatest() || !this.state.promoted || !track) {
      track?.stop();
      if (!track) this.update({ microphone: permission });
      return;
    }
    this.update({ localAudio: track, microphone: permission, micMuted: false });
    try {
      await session.openSend();
      await session.send("microphone", track);
    } catch (error) {
      this.update({ error: (error as { code?: ErrorCode }).code ?? "media_unsupported" });
    }
  }

  #closeMedia(): void {
    this.#layers.clear();
    this.session?.close();
    this.session = undefined;
    this.mediaReady = false;
    this.pending = [];
  }

  #fail(code: ErrorCode): void {
    this.finish(code === "webinar_ended" ? "ended" : "failed");
    this.update({ error: code });
  }

  /** A request of this session; a refusal is kept as the page's error and answers null. */
  async #ask<E extends SessionEvent>(
    event: E,
    payload: Omit<ClientEventPayload<E>, "webinarId">,
  ): Promise<Answer<E>> {
    const { link, webinarId } = this.options;
    const answer = await link.request(event, { webinarId, ...payload } as ClientEventPayload<E>);
    if (!answer.ok) {
      this.update({ error: answer.code });
      return null;
    }
    this.update({ error: undefined });
    return answer as Answer<E>;
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
