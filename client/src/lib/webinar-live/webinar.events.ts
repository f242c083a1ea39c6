/**
 * What the server tells a live group session, applied to its manager: the
 * status and stage, the viewer count, producers coming and going, questions,
 * chat, hands, our own standing, captions, and the link dropping. Each event
 * of another session, or one arriving while we are not in it, is ignored.
 */
import type {
  ServerEventName,
  ServerEventPayload,
  StageMember,
  WebinarProducer,
  WebinarQuestion,
} from "@crossfair/shared";
import type { InterviewTimer } from "../interview/interview.timer.js";
import type { RequestToken } from "../store/state-store.js";
import type { WebinarLink } from "./webinar.link.js";
import { upsertChat, type Announcement, type WebinarState } from "./webinar.state.js";

/** What the handlers use of the manager (`WebinarManager` is one; named here so neither file imports the other's module). */
export interface WebinarEventHost {
  readonly options: { link: WebinarLink; webinarId: string };
  readonly state: WebinarState;
  readonly countdown: Pick<InterviewTimer, "stop">;
  readonly attempts: { readonly current: RequestToken };
  pending: WebinarProducer[];
  mediaReady: boolean;
  apply(patch: Partial<WebinarState>): void;
  inSession(): boolean;
  join(): Promise<void>;
  finish(phase: "left" | "ended" | "failed"): void;
  publishStage(): Promise<void>;
  consume(producer: WebinarProducer, attempt: RequestToken): Promise<void>;
  dropRemote(producerId: string): void;
  applyQuestion(question: WebinarQuestion): void;
  applyYou(you: { promoted: boolean; blocked: boolean; handRaised: boolean }): Promise<void>;
  announce(announcement: Omit<Extract<Announcement, { kind: "stage" }>, "seq">): void;
}

const names = (stage: StageMember[]) => stage.map((member) => member.displayName);

export function registerWebinarEvents(manager: WebinarEventHost): (() => void)[] {
  const { link, webinarId } = manager.options;
  const on = <E extends ServerEventName>(
    event: E,
    fn: (payload: ServerEventPayload<E> & { webinarId: string }) => void,
  ) =>
    link.on(event, (payload) => {
      const mine = payload as ServerEventPayload<E> & { webinarId?: string };
      if (mine.webinarId === webinarId && manager.inSession()) {
        fn(payload as ServerEventPayload<E> & { webinarId: string });
      }
    });
  const set = (patch: Partial<WebinarState>) => manager.apply(patch);

  return [
    link.onConnection((connected) => {
      if (!manager.inSession()) return;
      set({ phase: "reconnecting", remote: [], media: "disconnected" });
      if (connected) void manager.join();
    }),
    on("webinar:state", ({ status, stage }) => {
      const before = manager.state;
      const stageChanged = names(before.stage).join("\n") !== names(stage).join("\n");
      if (status === "ended" || status === "cancelled") return manager.finish("ended");
      const phase = status === "live" ? "live" : "lobby";
      if (phase === "live") manager.countdown.stop();
      set({ status, stage, phase: before.phase === "reconnecting" ? before.phase : phase });
      if (stageChanged) manager.announce({ kind: "stage", names: names(stage) });
      if (phase === "live" && before.phase !== "live") void manager.publishStage();
    }),
    on("webinar:viewers", ({ count }) => set({ viewerCount: count })),
    on("webinar:newProducer", ({ producer }) => {
      if (manager.mediaReady) void manager.consume(producer, manager.attempts.current);
      else manager.pending.push(producer);
    }),
    on("webinar:producerClosed", ({ producerId }) => manager.dropRemote(producerId)),
    on("webinar:producerPaused", ({ producerId, paused }) =>
      set({
        remote: manager.state.remote.map((r) =>
          r.producerId === producerId ? { ...r, paused } : r,
        ),
      }),
    ),
    on("webinar:question", ({ question }) => manager.applyQuestion(question)),
    on("webinar:questionRemoved", ({ questionId }) =>
      set({ questions: manager.state.questions.filter((q) => q.id !== questionId) }),
    ),
    on("webinar:chat", ({ message }) => set({ chat: upsertChat(manager.state.chat, [message]) })),
    on("webinar:chatRemoved", ({ messageId }) =>
      set({ chat: manager.state.chat.filter((m) => m.id !== messageId) }),
    ),
    on("webinar:hands", ({ hands }) => set({ hands })),
    on(
      "webinar:you",
      (you) =>
        void manager.applyYou({
          promoted: you.promoted,
          blocked: you.blocked,
          handRaised: you.handRaised,
        }),
    ),
    on("webinar:caption", ({ userId, text, final }) => set({ caption: { userId, text, final } })),
    on("webinar:reconnect", () => {
      set({ phase: "reconnecting", remote: [], media: "disconnected" });
      void manager.join();
    }),
    on("webinar:ended", () => manager.finish("ended")),
  ];
}
