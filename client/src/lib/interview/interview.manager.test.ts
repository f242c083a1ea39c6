import { describe, expect, it, vi } from "vitest";
import { fakeLink, ID, OTHER, settle, setup } from "./interview.fakes.js";

describe("InterviewManager", () => {
  it("previews, joins, sends microphone and camera and receives the other side", async () => {
    const { manager, server } = setup();
    expect(manager.state.phase).toBe("idle");
    await manager.preview();
    expect(manager.state).toMatchObject({
      phase: "ready",
      microphone: "granted",
      camera: "granted",
    });
    expect(manager.state.audioInputs).toEqual([{ deviceId: "audio-1", label: "Mic" }]);

    await manager.join();
    expect(manager.state.phase).toBe("live");
    expect(manager.state.role).toBe("candidate");
    expect(manager.state.peers.map((p) => p.userId)).toEqual([OTHER]);
    expect(
      server.requests
        .filter((r) => r.event === "interview:produce")
        .map((r) => (r.payload as { source: string }).source),
    ).toEqual(["microphone", "camera"]);
    expect(manager.state.remote).toMatchObject([{ producerId: "remote-cam", source: "camera" }]);
    expect(server.count("interview:resumeConsumer")).toBe(1);
    await expect(manager.stats()).resolves.toMatchObject({ videoFramesDecoded: 12 });
  });

  it("counts down to the planned end the join gave, past it too, until the call is left", async () => {
    const { manager, advanceClock } = setup();
    expect(manager.timer.state.stage).toBe("none");
    await manager.preview();
    await manager.join();
    // Ten minutes left by the server's clock, though this one is a minute behind.
    expect(manager.timer.state).toMatchObject({ stage: "running", display: "10:00" });
    advanceClock(8 * 60_000);
    expect(manager.timer.state).toMatchObject({ stage: "warning", display: "02:00" });
    advanceClock(5 * 60_000);
    // Over time counts up; nothing ends the call.
    expect(manager.timer.state).toMatchObject({ stage: "over", display: "03:00" });
    expect(manager.state.phase).toBe("live");
    await manager.leave();
    expect(manager.timer.state.stage).toBe("none");
  });

  it("follows the room: new producers, closed producers, peers leaving and chat", async () => {
    const { manager, server } = setup();
    await manager.preview();
    await manager.join();
    server.emit("interview:newProducer", {
      interviewId: ID,
      producer: {
        producerId: "remote-mic",
        userId: OTHER,
        kind: "audio",
        source: "microphone",
        paused: false,
      },
    });
    await settle();
    expect(manager.state.remote.map((r) => r.producerId)).toEqual(["remote-cam", "remote-mic"]);
    server.emit("interview:producerClosed", { interviewId: ID, producerId: "remote-cam" });
    expect(manager.state.remote.map((r) => r.producerId)).toEqual(["remote-mic"]);
    // Events of another interview are none of ours.
    server.emit("interview:peerLeft", { interviewId: OTHER, userId: OTHER });
    expect(manager.state.peers).toHaveLength(1);

    server.emit("interview:chat", {
      interviewId: ID,
      message: { id: "m0", userId: OTHER, displayName: "Recruiter", text: "Hello", sentAt: 0 },
    });
    expect(await manager.sendChat("  Bonjour ")).toBe(true);
    expect(manager.state.chat.map((m) => m.text)).toEqual(["Hello", "Bonjour"]);
    expect(await manager.sendChat("   ")).toBe(false);

    server.emit("interview:peerLeft", { interviewId: ID, userId: OTHER });
    expect(manager.state.peers).toEqual([]);
    expect(manager.state.remote).toEqual([]);
  });

  it("consumes producers announced while its transports were still being built", async () => {
    let announced = false;
    const server: ReturnType<typeof fakeLink> = fakeLink({
      "interview:createTransport": (payload) => {
        if (!announced) {
          announced = true;
          server.emit("interview:newProducer", {
            interviewId: ID,
            producer: {
              producerId: "early-mic",
              userId: OTHER,
              kind: "audio",
              source: "microphone",
              paused: false,
            },
          });
        }
        return {
          transportId: `t-${(payload as { direction: string }).direction}`,
          iceParameters: {},
          iceCandidates: [],
          dtlsParameters: {},
        };
      },
    });
    const { manager } = setup({ link: server });
    await manager.join();
    expect(manager.state.remote.map((r) => r.producerId).sort()).toEqual([
      "early-mic",
      "remote-cam",
    ]);
  });

  it("rejoins after the link drops and comes back within the window", async () => {
    const { manager, server, devices, timers } = setup();
    await manager.preview();
    await manager.join();
    server.setConnected(false);
    expect(manager.state.phase).toBe("reconnecting");
    expect(timers).toHaveLength(1);
    expect(timers[0]?.ms).toBe(30_000);
    server.setConnected(true);
    await vi.waitFor(() => expect(manager.state.phase).toBe("live"));
    expect(server.count("interview:join")).toBe(2);
    // A fresh device and transports; the same local tracks are sent again.
    expect(devices).toHaveLength(2);
    expect(server.count("interview:produce")).toBe(4);
    expect(timers).toHaveLength(0);
  });

  it("gives up when the link stays down for the whole window", async () => {
    const { manager, server, timers } = setup();
    await manager.preview();
    await manager.join();
    server.setConnected(false);
    timers[0]?.fn();
    expect(manager.state).toMatchObject({ phase: "failed", error: "unavailable" });
    server.setConnected(true);
    await settle();
    expect(server.count("interview:join")).toBe(1);
  });

  it("rebuilds its media when the server restarted the room", async () => {
    const { manager, server } = setup();
    await manager.preview();
    await manager.join();
    server.emit("interview:reconnect", { interviewId: ID, reason: "media_restarted" });
    expect(manager.state.phase).toBe("reconnecting");
    await vi.waitFor(() => expect(manager.state.phase).toBe("live"));
    expect(server.count("interview:createTransport")).toBe(4);
  });

  it("keeps joining while the session moves to another server process", async () => {
    const { manager, server, timers } = setup();
    await manager.preview();
    await manager.join();
    // The owner died: the next join finds no media server for a moment.
    server.refuseNext("interview:join", "unavailable");
    server.emit("interview:reconnect", { interviewId: ID, reason: "session_moved" });
    await vi.waitFor(() => expect(server.count("interview:join")).toBe(2));
    await settle();
    expect(manager.state.phase).toBe("reconnecting");
    const retry = timers.find((timer) => timer.ms === 1_000);
    expect(retry).toBeDefined();
    retry?.fn();
    await vi.waitFor(() => expect(manager.state.phase).toBe("live"));
    expect(server.count("interview:join")).toBe(3);
  });

  it("fails with the server's code when joining is refused", async () => {
    const server = fakeLink({ "interview:join": () => ({ code: "forbidden" }) });
    const { manager } = setup({ link: server });
    await manager.join();
    expect(manager.state).toMatchObject({ phase: "failed", error: "forbidden" });
  });

  it("leaves: tells the server, closes the transports and keeps the preview tracks", async () => {
    const { manager, server, devices } = setup();
    await manager.preview();
    await manager.join();
    await manager.leave();
    expect(manager.state.phase).toBe("left");
    expect(server.count("interview:leave")).toBe(1);
    for (const transport of devices[0]?.transports ?? [])
      expect(transport.close).toHaveBeenCalled();
    server.emit("interview:chat", {
      interviewId: ID,
      message: { id: "late", userId: OTHER, displayName: "R", text: "late", sentAt: 9 },
    });
    expect(manager.state.chat).toEqual([]);
    manager.dispose();
    expect(manager.state.localAudio?.stop).toHaveBeenCalled();
  });

  it("ends the interview for everyone: tells the server and closes the call", async () => {
    const { manager, server, devices } = setup();
    await manager.preview();
    await manager.join();
    await manager.end();
    expect(server.count("interview:end")).toBe(1);
    expect(manager.state.phase).toBe("ended");
    for (const transport of devices[0]?.transports ?? [])
      expect(transport.close).toHaveBeenCalled();
    // Not in a call any more: nothing to end.
    await manager.end();
    expect(server.count("interview:end")).toBe(1);
  });

  it("stays in the call with the server's code when ending is refused", async () => {
    const server = fakeLink({ "interview:end": () => ({ code: "forbidden" }) });
    const { manager } = setup({ link: server });
    await manager.join();
    await manager.end();
    expect(manager.state).toMatchObject({ phase: "live", error: "forbidden" });
  });

  it("ends when the interview is ended by the recruiter", async () => {
    const { manager, server } = setup();
    await manager.join();
    server.emit("interview:ended", { interviewId: ID });
    expect(manager.state.phase).toBe("ended");
  });
});
