/**
 * What the server tells a live group session, applied to its manager: the
 * status and stage, the viewer count, producers coming and going, questions,
 * chat, hands, our own standing, captions, and the link dropping. Each event
 * of another session, or one arriving while we are not in it, is ignored.
 */
import type { ServerEventName, ServerEventPayload, StageMember } from "@crossfair/shared";
import { upsertChat, type WebinarState } from "./webinar.state.js";
import type { WebinarManager } from "./webinar.manager.js";

const names = (stage: StageMember[]) => stage.map((member) => member.displayName);

export function registerWebinarEvents(manager: WebinarManager): (() => void)[] {
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
