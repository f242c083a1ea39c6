/**
 * What we send in an interview, before and during the call: the camera and
 * microphone preview, the choice of input device, mute, camera off and screen
 * sharing. Its fields live in the manager's state (one store for the UI); each
 * change is mirrored onto the call's media session when there is one. Tracks
 * outlive sessions, so a rejoin sends the same ones again (`publish`).
 */
import type { TrackSource } from "@crossfair/shared";
import {
  capture,
  listInputs,
  type CaptureKind,
  type DeviceOption,
  type DevicePermission,
  type MediaDevicesLike,
} from "./interview.devices.js";
import type { MediaSession } from "./interview.media.js";

export interface LocalMediaState {
  microphone: DevicePermission;
  camera: DevicePermission;
  audioInputs: DeviceOption[];
  videoInputs: DeviceOption[];
  audioInputId?: string;
  videoInputId?: string;
  localAudio: MediaStreamTrack | null;
  localVideo: MediaStreamTrack | null;
  localScreen: MediaStreamTrack | null;
  micMuted: boolean;
  cameraOff: boolean;
}

/** How local media reads and writes the manager's state, and reaches its call. */
export interface LocalMediaHost {
  devices: MediaDevicesLike | undefined;
  /** The latest state: read afresh after every await. */
  read(): LocalMediaState;
  write(patch: Partial<LocalMediaState>): void;
  /** This browser cannot share its screen. */
  unsupported(): void;
  /** The running call's media, if any. */
  session(): MediaSession | undefined;
}

export function initialLocalMedia(): LocalMediaState {
  return {
    microphone: "unknown",
    camera: "unknown",
    audioInputs: [],
    videoInputs: [],
    localAudio: null,
    localVideo: null,
    localScreen: null,
    micMuted: false,
    cameraOff: false,
  };
}

export class LocalMedia {
  readonly #host: LocalMediaHost;

  constructor(host: LocalMediaHost) {
    this.#host = host;
  }

  /**
   * Opens camera and microphone; either may be refused. Returns the fields
   * rather than writing them, so the manager can change its phase in the
   * same update.
   */
  async preview(): Promise<Partial<LocalMediaState>> {
    const [audio, video] = await Promise.all([this.#capture("audio"), this.#capture("video")]);
    const inputs = await listInputs(this.#host.devices);
    return {
      ...inputs,
      microphone: audio.permission,
      camera: video.permission,
      localAudio: audio.track,
      localVideo: video.track,
      audioInputId: audio.track?.getSettings?.().deviceId,
      videoInputId: video.track?.getSettings?.().deviceId,
    };
  }

  /** Switches to another microphone or camera, also mid-call. */
  async selectDevice(kind: CaptureKind, deviceId: string): Promise<void> {
    const { track, permission } = await this.#capture(kind, deviceId);
    if (!track) {
      this.#host.write(kind === "audio" ? { microphone: permission } : { camera: permission });
      return;
    }
    const current = this.#host.read();
    const old = kind === "audio" ? current.localAudio : current.localVideo;
    const source: TrackSource = kind === "audio" ? "microphone" : "camera";
    if (kind === "audio") track.enabled = !current.micMuted;
    else track.enabled = !current.cameraOff;
    await this.#host.session()?.replaceTrack(source, track);
    old?.stop();
    this.#host.write(
      kind === "audio"
        ? { localAudio: track, audioInputId: deviceId, microphone: "granted" }
        : { localVideo: track, videoInputId: deviceId, camera: "granted" },
    );
  }

  async toggleMicrophone(): Promise<void> {
    const { micMuted: wasMuted, localAudio } = this.#host.read();
    const micMuted = !wasMuted;
    if (localAudio) localAudio.enabled = !micMuted;
    this.#host.write({ micMuted });
    await this.#host.session()?.setPaused("microphone", micMuted);
  }

  async toggleCamera(): Promise<void> {
    const { cameraOff: wasOff, localVideo } = this.#host.read();
    const cameraOff = !wasOff;
    if (localVideo) localVideo.enabled = !cameraOff;
    this.#host.write({ cameraOff });
    await this.#host.session()?.setPaused("camera", cameraOff);
  }

  async toggleScreenShare(): Promise<void> {
    const current = this.#host.read().localScreen;
    if (current) {
      current.stop();
      this.#host.write({ localScreen: null });
      await this.#host.session()?.stopSource("screen");
      return;
    }
    const devices = this.#host.devices;
    if (!devices?.getDisplayMedia) return this.#host.unsupported();
    try {
      const stream = await devices.getDisplayMedia({ video: true, audio: false });
      const track = stream.getVideoTracks()[0];
      if (!track) return;
      // The browser's own "stop sharing" button ends the track.
      track.addEventListener?.("ended", () => {
        if (this.#host.read().localScreen === track) void this.toggleScreenShare();
      });
      this.#host.write({ localScreen: track });
      await this.#host.session()?.send("screen", track);
    } catch {
      // The user cancelled the picker: nothing to do.
    }
  }

  /** Sends every local track on a fresh session, keeping mute and camera-off. */
  async publish(session: MediaSession): Promise<void> {
    const { localAudio, localVideo, localScreen, micMuted, cameraOff } = this.#host.read();
    if (localAudio) await session.send("microphone", localAudio, micMuted);
    if (localVideo) await session.send("camera", localVideo, cameraOff);
    if (localScreen) await session.send("screen", localScreen);
  }

  async #capture(kind: CaptureKind, deviceId?: string) {
    return capture(this.#host.devices, kind, deviceId);
  }
}
