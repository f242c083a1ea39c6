/**
 * What the webinar benchmark's driver and its media hosts say to each other
 * over IPC, and the speaker's streams both sides agree on.
 */

import { opusCodec, vp8Codec } from "../media-bench/rtp-codecs.js";

export const AUDIO_PT = 100;
export const VIDEO_PT = 101;

/** The speaker's simulcast layers, low to high: ~100, 300 and 900 kbit/s of VP8 at 25 fps. */
export const LAYERS = [
  { packetsPerFrame: 1, packetBytes: 500 },
  { packetsPerFrame: 2, packetBytes: 750 },
  { packetsPerFrame: 4, packetBytes: 1_125 },
] as const;
export const FRAMES_PER_SECOND = 25;
/** Opus: 50 packets a second of 160 bytes (64 kbit/s). */
export const AUDIO_BYTES = 160;

/** What the speaker's producers are given: Opus, and VP8 in one encoding per layer. */
export function speakerRtpParameters(audioSsrc: number, videoSsrcs: number[]) {
  return {
    audio: {
      codecs: [opusCodec(AUDIO_PT)],
      encodings: [{ ssrc: audioSsrc }],
    },
    video: {
      codecs: [vp8Codec(VIDEO_PT)],
      encodings: videoSsrcs.map((ssrc) => ({ ssrc })),
    },
  };
}

export interface SpeakerSpec {
  port: number;
  audioSsrc: number;
  /** One SSRC per layer, low to high. */
  videoSsrcs: number[];
  /** The key the speaker encrypts with (its transport was connected with it). */
  keyBase64: string;
  /** The transport's own key: it encrypts the RTCP (key frame requests) the worker sends back. */
  workerKeyBase64: string;
}

/** A producer as a PipeTransport's consumer describes it to the other side. */
export interface PipedProducer {
  producerId: string;
  kind: "audio" | "video";
  rtpParameters: object;
}

export interface Tuple {
  ip: string;
  port: number;
}

export type HostRequest =
  | { id: number; kind: "origin"; worker: number; keyFrameRequestDelay: number; ssrcBase: number }
  /** An edge router on another worker of this host, fed with pipeToRouter. */
  | { id: number; kind: "edge"; worker: number }
  /** Cross-process: the origin's PipeTransport (on the host that has the origin). */
  | { id: number; kind: "pipeOffer" }
  /** The other host: an edge router with a PipeTransport connected to the offer. */
  | { id: number; kind: "pipeAccept"; worker: number; remote: Tuple }
  /** The origin's host: connects its PipeTransport and consumes every producer into it. */
  | { id: number; kind: "pipeConnect"; remote: Tuple }
  /** The other host: produces what the origin's PipeTransport sends. */
  | { id: number; kind: "pipeProduce"; producers: PipedProducer[] }
  /** Layer host: the speaker joins the session and produces through the layer. */
  | { id: number; kind: "speak"; webinarId: string; ssrcBase: number }
  /**
   * Receive-only viewers, each with its preferred spatial layer and sink port:
   * on a worker's router (hand-built host), or where the layer puts them.
   */
  | {
      id: number;
      kind: "viewers";
      worker?: number;
      webinarId?: string;
      producerIds?: string[];
      layers: number[];
      sinkPorts: number[];
    }
  /** Layer host: the session's routers on this process. */
  | { id: number; kind: "placement"; webinarId: string }
  /** `count` random viewers' video consumers ask for a key frame. */
  | { id: number; kind: "keyFrames"; count: number }
  | { id: number; kind: "cpu"; windowMs: number }
  /** How many viewers currently receive each spatial layer (and none). */
  | { id: number; kind: "layers" }
  /** Closes every router: the next session starts clean. */
  | { id: number; kind: "reset" };

export type HostAnswer =
  | { id: number; kind: "origin"; speaker: SpeakerSpec }
  | { id: number; kind: "speak"; speaker: SpeakerSpec; producerIds: string[] }
  | { id: number; kind: "placement"; edges: { worker: number; role: string; viewers: number }[] }
  | { id: number; kind: "edge" }
  | { id: number; kind: "pipeOffer"; local: Tuple }
  | { id: number; kind: "pipeAccept"; local: Tuple }
  | { id: number; kind: "pipeConnect"; producers: PipedProducer[] }
  | { id: number; kind: "pipeProduce" }
  | { id: number; kind: "viewers"; total: number }
  | { id: number; kind: "keyFrames"; requested: number }
  | {
      id: number;
      kind: "cpu";
      workers: { cpuMs: number; elapsedMs: number; workerPid: number }[];
    }
  | { id: number; kind: "layers"; perLayer: number[]; none: number }
  | { id: number; kind: "reset" };
