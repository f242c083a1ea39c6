import { describe, expect, it } from "vitest";
import { CAMERA_LAYERS } from "./webinar.manager.js";
import { stageTiles } from "./webinar.state.js";
import { ME, question, setupWebinar, settle, SPEAKER, VIEWER, WEBINAR } from "./webinar.fakes.js";

describe("WebinarManager as a viewer", () => {
  it("joins receive-only: no send transport, no capture, the stage's media consumed", async () => {
    const { manager, sent } = setupWebinar();
    await manager.join();
    expect(manager.state.phase).toBe("live");
    expect(manager.state.role).toBe("viewer");
    expect(sent("webinar:createTransport")).toEqual([{ webinarId: WEBINAR, direction: "recv" }]);
    expect(sent("webinar:produce")).toEqual([]);
    expect(manager.state.localAudio).toBeNull();
    expect(manager.state.remote.map((r) => r.producerId).sort()).toEqual(["cam", "mic"]);
    expect(sent("webinar:resumeConsumer")).toHaveLength(2);
    expect(stageTiles(manager.state)).toMatchObject([
      { userId: SPEAKER, displayName: "Speaker", source: "camera", large: true },
    ]);
  });

  it("asks for the top layer of a large tile and a lower one once tiles are small, only on change", async () => {
    const { manager, sent, server } = setupWebinar();
    await manager.join();
    await manager.showTiles(stageTiles(manager.state));
    await manager.showTiles(stageTiles(manager.state));
    expect(sent("webinar:preferLayers")).toEqual([
      { webinarId: WEBINAR, consumerId: "c-cam", spatialLayer: 2 },
    ]);
    // A shared screen arrives: it takes the large tile and the camera becomes small.
    server.emit("webinar:newProducer", {
      webinarId: WEBINAR,
      producer: {
        producerId: "screen",
        userId: SPEAKER,
        kind: "video",
        source: "screen",
        paused: false,
      },
    });
    await settle();
    const tiles = stageTiles(manager.state);
    expect(tiles.map((tile) => [tile.source, tile.large])).toEqual([
      ["screen", true],
      ["camera", false],
    ]);
    await manager.showTiles(tiles);
    expect(sent("webinar:preferLayers").slice(1)).toEqual([
      { webinarId: WEBINAR, consumerId: "c-screen", spatialLayer: 2 },
      { webinarId: WEBINAR, consumerId: "c-cam", spatialLayer: 1 },
    ]);
  });

  it("when promoted, opens the microphone and sends audio only; demoted, stops it", async () => {
    const { manager, sent, server, devices } = setupWebinar();
    await manager.join();
    server.emit("webinar:you", {
      webinarId: WEBINAR,
      promoted: true,
      blocked: false,
      handRaised: false,
    });
    await settle();
    await settle();
    expect(manager.state.promoted).toBe(true);
    const track = manager.state.localAudio;
    expect(track?.kind).toBe("audio");
    expect(sent("webinar:createTransport")).toContainEqual({
      webinarId: WEBINAR,
      direction: "send",
    });
    const produced = devices[0]?.producers ?? [];
    expect(produced.map((p) => [p.kind, p.source])).toEqual([["audio", "microphone"]]);

    server.emit("webinar:you", {
      webinarId: WEBINAR,
      promoted: false,
      blocked: false,
      handRaised: false,
    });
    await settle();
    expect(manager.state.promoted).toBe(false);
    expect(manager.state.localAudio).toBeNull();
    expect(track?.stop).toHaveBeenCalled();
    expect(produced[0]?.closed).toBe(true);
    expect(sent("webinar:closeProducer")).toEqual([{ webinarId: WEBINAR, producerId: "p-1" }]);
  });

  it("leaves the stage by itself: the microphone stops and the server is told", async () => {
    const { manager, sent } = setupWebinar({ promoted: true });
    await manager.join();
    await settle();
    expect(manager.state.localAudio).not.toBeNull();
    await manager.leaveStage();
    expect(manager.state.localAudio).toBeNull();
    expect(sent("webinar:promote")).toEqual([{ webinarId: WEBINAR, userId: ME, promoted: false }]);
  });

  it("raises a hand, and keeps its own standing from webinar:you", async () => {
    const { manager, sent, server } = setupWebinar();
    await manager.join();
    await manager.raiseHand(true);
    expect(sent("webinar:raiseHand")).toEqual([{ webinarId: WEBINAR, raised: true }]);
    expect(manager.state.handRaised).toBe(true);
    server.emit("webinar:you", {
      webinarId: WEBINAR,
      promoted: false,
      blocked: true,
      handRaised: false,
    });
    await settle();
    expect(manager.state).toMatchObject({ blocked: true, handRaised: false });
  });

  it("ends for everyone at webinar:ended and drops events of other sessions", async () => {
    const { manager, server } = setupWebinar();
    await manager.join();
    server.emit("webinar:viewers", {
      webinarId: "8a1c8f0e-8a4b-4d3e-9a55-0c1d2e3f4a5b",
      count: 99,
    });
    expect(manager.state.viewerCount).toBe(3);
    server.emit("webinar:viewers", { webinarId: WEBINAR, count: 4 });
    expect(manager.state.viewerCount).toBe(4);
    server.emit("webinar:ended", { webinarId: WEBINAR });
    expect(manager.state.phase).toBe("ended");
    expect(manager.state.remote).toEqual([]);
    expect(manager.state.media).toBe("closed");
  });

  it("keeps a refused join's code: full is a failure, an ended session shows as ended", async () => {
    const full = setupWebinar();
    full.server.refuseNext("webinar:join", "webinar_full");
    await full.manager.join();
    expect(full.manager.state).toMatchObject({ phase: "failed", error: "webinar_full" });
    const over = setupWebinar();
    over.server.refuseNext("webinar:join", "webinar_ended");
    await over.manager.join();
    expect(over.manager.state).toMatchObject({ phase: "ended", error: "webinar_ended" });
  });

  it("joins again after the link comes back", async () => {
    const { manager, server } = setupWebinar();
    await manager.join();
    server.setConnected(false);
    expect(manager.state.phase).toBe("reconnecting");
    server.setConnected(true);
    await settle();
    await settle();
    expect(server.count("webinar:join")).toBe(2);
    expect(manager.state.phase).toBe("live");
  });
});

describe("WebinarManager's questions and chat", () => {
  it("asks, announces others' new questions, and keeps pinned first then by votes", async () => {
    const { manager, server } = setupWebinar();
    await manager.join();
    expect(await manager.ask("  Is it taxed twice? ")).toBe(true);
    expect(manager.state.questions.map((q) => q.text)).toEqual(["Is it taxed twice?"]);

    server.emit("webinar:question", { webinarId: WEBINAR, question: question({ votes: 2 }) });
    expect(manager.state.announcement).toMatchObject({
      kind: "question",
      displayName: "Viewer",
      text: "What about tax?",
    });
    const pinned = question({
      id: "66666666-6666-4666-8666-666666666666",
      text: "Pinned",
      pinned: true,
      askedAt: 9,
    });
    server.emit("webinar:question", { webinarId: WEBINAR, question: pinned });
    expect(manager.state.questions.map((q) => q.text)).toEqual([
      "Pinned",
      "What about tax?",
      "Is it taxed twice?",
    ]);

    server.emit("webinar:questionRemoved", { webinarId: WEBINAR, questionId: pinned.id });
    expect(manager.state.questions.map((q) => q.text)).toEqual([
      "What about tax?",
      "Is it taxed twice?",
    ]);
  });

  it("votes and withdraws a vote, keeping the question the server answers", async () => {
    const target = question({ votes: 0 });
    let votes = 0;
    const { manager, sent } = setupWebinar(
      { questions: [target] },
      {
        "webinar:vote": (payload) => {
          votes += (payload as { voted: boolean }).voted ? 1 : -1;
          return { question: { ...target, votes } };
        },
      },
    );
    await manager.join();
    await manager.vote(target.id, true);
    expect(manager.state.myVotes).toEqual([target.id]);
    expect(manager.state.questions[0]?.votes).toBe(1);
    await manager.vote(target.id, false);
    expect(manager.state.myVotes).toEqual([]);
    expect(manager.state.questions[0]?.votes).toBe(0);
    expect(sent("webinar:vote")).toHaveLength(2);
  });

  it("shows a refusal's code (a blocked asker) and keeps the draft's question out", async () => {
    const { manager, server } = setupWebinar({ blocked: true });
    await manager.join();
    server.refuseNext("webinar:ask", "asking_blocked");
    expect(await manager.ask("Again?")).toBe(false);
    expect(manager.state.error).toBe("asking_blocked");
    expect(manager.state.questions).toEqual([]);
  });

  it("moderates a question and a chat message, and blocks an asker", async () => {
    const target = question();
    const message = {
      id: "77777777-7777-4777-8777-777777777777",
      userId: VIEWER,
      displayName: "Viewer",
      text: "hi",
      sentAt: 1,
      hidden: false,
    };
    const { manager, sent } = setupWebinar(
      { role: "moderator", questions: [target], chat: [message] },
      {
        "webinar:moderateQuestion": () => ({ question: { ...target, status: "answered" } }),
        "webinar:moderateChat": () => ({ message: { ...message, hidden: true } }),
      },
    );
    await manager.join();
    await manager.moderateQuestion(target.id, "answer");
    expect(manager.state.questions[0]?.status).toBe("answered");
    await manager.moderateChat(message.id, "hide");
    expect(manager.state.chat[0]?.hidden).toBe(true);
    await manager.block(VIEWER, true);
    expect(sent("webinar:block")).toEqual([{ webinarId: WEBINAR, userId: VIEWER, blocked: true }]);
  });

  it("announces who is on stage when the stage changes, and shows captions from the hook", async () => {
    const { manager, server } = setupWebinar();
    await manager.join();
    server.emit("webinar:state", {
      webinarId: WEBINAR,
      status: "live",
      stage: [
        { userId: SPEAKER, displayName: "Speaker", kind: "speaker" },
        { userId: VIEWER, displayName: "Viewer", kind: "promoted" },
      ],
    });
    expect(manager.state.announcement).toMatchObject({
      kind: "stage",
      names: ["Speaker", "Viewer"],
    });
    server.emit("webinar:caption", {
      webinarId: WEBINAR,
      userId: SPEAKER,
      text: "Hello",
      final: true,
    });
    expect(manager.state.caption).toEqual({ userId: SPEAKER, text: "Hello", final: true });
  });
});

describe("WebinarManager as a speaker", () => {
  it("sends nothing in the lobby, then camera as three simulcast layers and microphone once live", async () => {
    const { manager, server, devices, sent } = setupWebinar({
      role: "speaker",
      status: "scheduled",
      producers: [],
      userId: SPEAKER,
    });
    await manager.join();
    expect(manager.state.phase).toBe("lobby");
    expect(sent("webinar:produce")).toEqual([]);
    expect(await manager.start()).toBe(true);
    expect(sent("webinar:start")).toEqual([{ webinarId: WEBINAR }]);
    server.emit("webinar:state", {
      webinarId: WEBINAR,
      status: "live",
      stage: [{ userId: SPEAKER, displayName: "Speaker", kind: "speaker" }],
    });
    await manager.publishStage();
    expect(manager.state.phase).toBe("live");
    const produced = devices[0]?.producers ?? [];
    expect(produced.map((p) => p.source).sort()).toEqual(["camera", "microphone"]);
    expect(produced.find((p) => p.source === "camera")?.encodings).toEqual(CAMERA_LAYERS);
    expect(produced.find((p) => p.source === "microphone")?.encodings).toBeUndefined();
    expect(CAMERA_LAYERS.map((layer) => layer.scaleResolutionDownBy)).toEqual([4, 2, 1]);

    await manager.toggleMicrophone();
    expect(sent("webinar:pauseProducer")).toHaveLength(1);
    expect(await manager.end()).toBe(true);
    expect(manager.state.phase).toBe("ended");
  });
});
