/**
 * The codecs every interview router offers. Opus and VP8 work in every
 * browser; H264 (constrained baseline and main) is there for the browsers
 * and devices that only encode it in hardware. A peer that does not offer a
 * codec simply never produces it.
 */
import type { types as ms } from "mediasoup";

export const ROUTER_MEDIA_CODECS: ms.RouterRtpCodecCapability[] = [
  { kind: "audio", mimeType: "audio/opus", clockRate: 48_000, channels: 2 },
  {
    kind: "video",
    mimeType: "video/VP8",
    clockRate: 90_000,
    parameters: { "x-google-start-bitrate": 1000 },
  },
  {
    kind: "video",
    mimeType: "video/H264",
    clockRate: 90_000,
    parameters: {
      "packetization-mode": 1,
      "profile-level-id": "42e01f",
      "level-asymmetry-allowed": 1,
    },
  },
  {
    kind: "video",
    mimeType: "video/H264",
    clockRate: 90_000,
    parameters: {
      "packetization-mode": 1,
      "profile-level-id": "4d0032",
      "level-asymmetry-allowed": 1,
    },
  },
];
