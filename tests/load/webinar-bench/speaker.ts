/**
 * The synthetic speaker: what a browser sending simulcast sends, at real
 * rates and encrypted (werift-rtp, AEAD_AES_128_GCM). Opus at 50 packets a
 * second; VP8 in three encodings (protocol.ts LAYERS) at 25 frames a second
 * with a full payload descriptor (picture id, TL0PICIDX, TID), delta frames
 * except where a key frame was asked for; an RTCP sender report per stream
 * every second (mediasoup needs them to switch a consumer between layers).
 *
 * It reads the RTCP the worker sends back: each PLI or FIR for a layer is a
 * key frame request, answered with a key frame on that layer's next frame,
 * `keyFrameFactor` times a delta frame's packets (requests arriving before
 * that frame is out share it, as an encoder's would).
 */
import dgram from "node:dgram";
import {
  PictureLossIndication,
  RtcpPacketConverter,
  RtcpPayloadSpecificFeedback,
  RtcpSenderInfo,
  RtcpSrPacket,
  RtpHeader,
  type SrtcpSession,
  type SrtpSession,
} from "werift-rtp";
import { srtpSessions } from "../media-bench/driver.js";
import {
  AUDIO_BYTES,
  AUDIO_PT,
  FRAMES_PER_SECOND,
  LAYERS,
  VIDEO_PT,
  type SpeakerSpec,
} from "./protocol.js";

const TICK_MS = 20;
const NTP_EPOCH_OFFSET = 2_208_988_800;

interface Stream {
  ssrc: number;
  payloadType: number;
  clockRate: number;
  seq: number;
  ts: number;
  packets: number;
  octets: number;
}

interface VideoLayer extends Stream {
  packetsPerFrame: number;
  packetBytes: number;
  pictureId: number;
  tl0: number;
  keyFramePending: boolean;
}

export interface SpeakerCounters {
  packets: number;
  bytes: number;
  audioPackets: number;
  /** Media packets sent on each layer, key frames included. */
  layerPackets: number[];
  /** PLIs and FIRs that reached the speaker, per layer. */
  keyFrameRequests: number[];
  keyFramesSent: number[];
  /** Ticks that started late by more than a tick (this process falling behind). */
  lateTicks: number;
}

function vp8Packet(layer: VideoLayer, first: boolean, keyFrame: boolean, bytes: number) {
  const payload = Buffer.alloc(bytes, 0x33);
  // X=1, S=first, PID=0; I, L, T present; 15-bit picture id; TL0PICIDX; TID=0.
  payload[0] = first ? 0x90 : 0x80;
  payload[1] = 0xe0;
  payload[2] = 0x80 | ((layer.pictureId >> 8) & 0x7f);
  payload[3] = layer.pictureId & 0xff;
  payload[4] = layer.tl0 & 0xff;
  payload[5] = 0x00;
  if (first) {
    // VP8 payload header: P=0 (key frame) with the start code and the size, or P=1 (delta).
    if (keyFrame)
      Buffer.from([0x00, 0x00, 0x00, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01]).copy(payload, 6);
    else payload[6] = 0x01;
  }
  return payload;
}

export class Speaker {
  readonly counters: SpeakerCounters;
  readonly #socket = dgram.createSocket("udp4");
  readonly #srtp: SrtpSession;
  readonly #srtcp: SrtcpSession;
  readonly #audio: Stream;
  readonly #video: VideoLayer[];
  readonly #audioPayload = Buffer.alloc(AUDIO_BYTES, 0x55);
  #timer: NodeJS.Timeout | undefined;
  #srTimer: NodeJS.Timeout | undefined;
  #tick = 0;
  #lastTickAt = 0;

  constructor(
    private readonly spec: SpeakerSpec,
    private readonly keyFrameFactor: number,
  ) {
    ({ srtp: this.#srtp, srtcp: this.#srtcp } = srtpSessions(spec.keyBase64, spec.workerKeyBase64));
    const stream = (ssrc: number, payloadType: number, clockRate: number): Stream => ({
      ssrc,
      payloadType,
      clockRate,
      seq: Math.floor(Math.random() * 30_000),
      ts: Math.floor(Math.random() * 1e9),
      packets: 0,
      octets: 0,
    });
    this.#audio = stream(spec.audioSsrc, AUDIO_PT, 48_000);
    this.#video = spec.videoSsrcs.map((ssrc, index) => ({
      ...stream(ssrc, VIDEO_PT, 90_000),
      ...LAYERS[index]!,
      pictureId: 0,
      tl0: 0,
      keyFramePending: true,
    }));
    this.counters = {
      packets: 0,
      bytes: 0,
      audioPackets: 0,
      layerPackets: LAYERS.map(() => 0),
      keyFrameRequests: LAYERS.map(() => 0),
      keyFramesSent: LAYERS.map(() => 0),
      lateTicks: 0,
    };
    this.#socket.on("message", (message) => this.#onRtcp(message));
  }

  start() {
    this.#lastTickAt = performance.now();
    this.#timer = setInterval(() => this.#onTick(), TICK_MS);
    this.#srTimer = setInterval(() => this.#sendReports(), 1_000);
  }

  stop() {
    clearInterval(this.#timer);
    clearInterval(this.#srTimer);
    this.#socket.close();
  }

  #send(stream: Stream, marker: boolean, payload: Buffer) {
    const header = new RtpHeader({
      payloadType: stream.payloadType,
      sequenceNumber: (stream.seq = (stream.seq + 1) & 0xffff),
      timestamp: stream.ts >>> 0,
      ssrc: stream.ssrc,
      marker,
    });
    const packet = this.#srtp.encrypt(payload, header);
    this.#socket.send(packet, this.spec.port, "127.0.0.1");
    stream.packets += 1;
    stream.octets += payload.length;
    this.counters.packets += 1;
    this.counters.bytes += packet.length;
  }

  #onTick() {
    const now = performance.now();
    if (now - this.#lastTickAt > 2 * TICK_MS) this.counters.lateTicks += 1;
    this.#lastTickAt = now;
    this.#tick += 1;
    this.#audio.ts += (48_000 * TICK_MS) / 1_000;
    this.#send(this.#audio, false, this.#audioPayload);
    this.counters.audioPackets += 1;
    if (this.#tick % (1_000 / FRAMES_PER_SECOND / TICK_MS) !== 0) return;
    for (const [index, layer] of this.#video.entries()) {
      const keyFrame = layer.keyFramePending;
      layer.keyFramePending = false;
      if (keyFrame) this.counters.keyFramesSent[index]! += 1;
      layer.ts += 90_000 / FRAMES_PER_SECOND;
      layer.pictureId = (layer.pictureId + 1) & 0x7fff;
      layer.tl0 = (layer.tl0 + 1) & 0xff;
      const packets = layer.packetsPerFrame * (keyFrame ? this.keyFrameFactor : 1);
      this.counters.layerPackets[index]! += packets;
      for (let p = 0; p < packets; p += 1) {
        this.#send(
          layer,
          p === packets - 1,
          vp8Packet(layer, p === 0, keyFrame, layer.packetBytes),
        );
      }
    }
  }

  #sendReports() {
    const nowMs = Date.now();
    const seconds = Math.floor(nowMs / 1_000) + NTP_EPOCH_OFFSET;
    const fraction = Math.floor(((nowMs % 1_000) / 1_000) * 2 ** 32);
    const ntpTimestamp = (BigInt(seconds) << 32n) | BigInt(fraction);
    for (const stream of [this.#audio, ...this.#video]) {
      const report = new RtcpSrPacket({
        ssrc: stream.ssrc,
        senderInfo: new RtcpSenderInfo({
          ntpTimestamp,
          rtpTimestamp: stream.ts >>> 0,
          packetCount: stream.packets,
          octetCount: stream.octets,
        }),
      });
      this.#socket.send(this.#srtcp.encrypt(report.serialize()), this.spec.port, "127.0.0.1");
    }
  }

  #onRtcp(message: Buffer) {
    let packets;
    try {
      packets = RtcpPacketConverter.deSerialize(this.#srtcp.decrypt(message));
    } catch {
      return;
    }
    for (const packet of packets) {
      if (!(packet instanceof RtcpPayloadSpecificFeedback)) continue;
      const { feedback } = packet;
      const ssrcs =
        feedback instanceof PictureLossIndication
          ? [feedback.mediaSsrc]
          : "fir" in feedback
            ? feedback.fir.map((entry) => entry.ssrc)
            : [];
      for (const ssrc of ssrcs) {
        const index = this.#video.findIndex((layer) => layer.ssrc === ssrc);
        if (index < 0) continue;
        this.counters.keyFrameRequests[index]! += 1;
        this.#video[index]!.keyFramePending = true;
      }
    }
  }
}
