/**
 * Camera and microphone access, one kind at a time: a denied camera must not
 * cost the microphone (the interview then goes on audio-only), and a denied
 * microphone leaves text chat. Errors become a permission state the UI can
 * explain instead of an exception.
 */

export type DevicePermission = "unknown" | "granted" | "denied" | "unavailable";

export interface DeviceOption {
  deviceId: string;
  label: string;
}

/** The part of `navigator.mediaDevices` used here; tests pass a fake. */
export interface MediaDevicesLike {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  getDisplayMedia?(options?: DisplayMediaStreamOptions): Promise<MediaStream>;
  enumerateDevices(): Promise<MediaDeviceInfo[]>;
}

export type CaptureKind = "audio" | "video";

export interface Capture {
  track: MediaStreamTrack | null;
  permission: DevicePermission;
}

const VIDEO_CONSTRAINTS: MediaTrackConstraints = {
  width: { ideal: 1280 },
  height: { ideal: 720 },
  frameRate: { ideal: 30 },
};

export async function capture(
  devices: MediaDevicesLike | undefined,
  kind: CaptureKind,
  deviceId?: string,
): Promise<Capture> {
  if (!devices) return { track: null, permission: "unavailable" };
  const base: MediaTrackConstraints = kind === "video" ? VIDEO_CONSTRAINTS : {};
  const constraints = deviceId ? { ...base, deviceId: { exact: deviceId } } : base;
  try {
    const stream = await devices.getUserMedia({ [kind]: constraints });
    const track = (kind === "audio" ? stream.getAudioTracks() : stream.getVideoTracks())[0];
    return track ? { track, permission: "granted" } : { track: null, permission: "unavailable" };
  } catch (error) {
    const name = (error as { name?: string }).name;
    // NotAllowedError: the user or policy said no; SecurityError: insecure page.
    const denied = name === "NotAllowedError" || name === "SecurityError";
    return { track: null, permission: denied ? "denied" : "unavailable" };
  }
}

/** Inputs of each kind; labels are empty until a permission was granted once. */
export async function listInputs(
  devices: MediaDevicesLike | undefined,
): Promise<{ audioInputs: DeviceOption[]; videoInputs: DeviceOption[] }> {
  if (!devices) return { audioInputs: [], videoInputs: [] };
  const all = await devices.enumerateDevices().catch(() => [] as MediaDeviceInfo[]);
  const pick = (kind: MediaDeviceKind) =>
    all
      .filter((device) => device.kind === kind && device.deviceId !== "")
      .map((device, index) => ({
        deviceId: device.deviceId,
        label: device.label || `${kind === "audioinput" ? "Microphone" : "Camera"} ${index + 1}`,
      }));
  return { audioInputs: pick("audioinput"), videoInputs: pick("videoinput") };
}
