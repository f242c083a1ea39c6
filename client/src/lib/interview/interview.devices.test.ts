import { describe, expect, it } from "vitest";
import { capture, listInputs, type MediaDevicesLike } from "./interview.devices.js";

const track = (kind: string) => ({ kind, stop() {} }) as unknown as MediaStreamTrack;
const stream = (kind: "audio" | "video") =>
  ({
    getAudioTracks: () => (kind === "audio" ? [track("audio")] : []),
    getVideoTracks: () => (kind === "video" ? [track("video")] : []),
  }) as unknown as MediaStream;

function devices(refuse: Partial<Record<"audio" | "video", string>>): MediaDevicesLike {
  return {
    async getUserMedia(constraints) {
      const kind = constraints.audio ? "audio" : "video";
      const error = refuse[kind];
      if (error) throw Object.assign(new Error(error), { name: error });
      return stream(kind);
    },
    async enumerateDevices() {
      return [
        { kind: "audioinput", deviceId: "mic-1", label: "Headset" },
        { kind: "videoinput", deviceId: "cam-1", label: "" },
        { kind: "videoinput", deviceId: "", label: "" },
      ] as MediaDeviceInfo[];
    },
  };
}

describe("capture", () => {
  it("grants each kind on its own", async () => {
    const fake = devices({ video: "NotAllowedError" });
    await expect(capture(fake, "audio")).resolves.toMatchObject({ permission: "granted" });
    await expect(capture(fake, "video")).resolves.toEqual({ track: null, permission: "denied" });
  });

  it("tells a missing device apart from a refusal", async () => {
    const fake = devices({ audio: "NotFoundError" });
    await expect(capture(fake, "audio")).resolves.toEqual({
      track: null,
      permission: "unavailable",
    });
    await expect(capture(undefined, "video")).resolves.toEqual({
      track: null,
      permission: "unavailable",
    });
  });
});

describe("listInputs", () => {
  it("lists inputs by kind with fallback labels and without hidden devices", async () => {
    await expect(listInputs(devices({}))).resolves.toEqual({
      audioInputs: [{ deviceId: "mic-1", label: "Headset" }],
      videoInputs: [{ deviceId: "cam-1", label: "Camera 1" }],
    });
  });
});
