import { describe, expect, it } from "vitest";
import { ID, setup } from "./interview.fakes.js";

describe("LocalMedia, through the InterviewManager", () => {
  it("goes on audio-only when the camera is refused", async () => {
    const { manager, server } = setup({ refuseVideo: true });
    await manager.preview();
    expect(manager.state).toMatchObject({
      camera: "denied",
      microphone: "granted",
      localVideo: null,
    });
    await manager.join();
    expect(manager.state.phase).toBe("live");
    expect(server.requests.filter((r) => r.event === "interview:produce")).toHaveLength(1);
  });

  it("mutes and turns the camera off by pausing the producers on both sides", async () => {
    const { manager, server, devices } = setup();
    await manager.preview();
    await manager.join();
    await manager.toggleMicrophone();
    await manager.toggleCamera();
    expect(manager.state).toMatchObject({ micMuted: true, cameraOff: true });
    expect(manager.state.localAudio?.enabled).toBe(false);
    expect(devices[0]?.producers.map((p) => p.paused)).toEqual([true, true]);
    expect(
      server.requests.filter((r) => r.event === "interview:pauseProducer").map((r) => r.payload),
    ).toEqual([
      { interviewId: ID, producerId: "p-1", paused: true },
      { interviewId: ID, producerId: "p-2", paused: true },
    ]);
    await manager.toggleMicrophone();
    expect(manager.state.micMuted).toBe(false);
    expect(devices[0]?.producers[0]?.paused).toBe(false);
  });
});
