/**
 * One media host of the media benchmark: a child process with one mediasoup
 * worker (the server's WorkerPool and router codecs), driven over IPC by
 * media-bench.ts. Each interview is a router with two participants; each
 * participant sends into an SRTP PlainTransport (AEAD_AES_128_GCM, the key
 * the orchestrator's sender uses) an Opus stream and a VP8 stream with NACK,
 * PLI and RTX declared, and receives the other's two streams through two
 * consumers on an SRTP PlainTransport towards the sink.
 */
import { ROUTER_MEDIA_CODECS } from "@crossfair/server/interview/media/codecs";
import { serveRequests } from "./driver.js";
import { opusCodec, vp8Codec } from "./rtp-codecs.js";
import { srtpTransportIn, srtpTransportTo, startBenchPool, workersCpu } from "./worker-side.js";

export const AUDIO_PT = 100;
export const VIDEO_PT = 101;
export const RTX_PT = 102;

/** What the sender needs for one participant's outgoing streams. */
export interface SenderSpec {
  port: number;
  audioSsrc: number;
  videoSsrc: number;
  /** Master key (16 bytes) and salt (12 bytes), base64, as mediasoup takes them. */
  keyBase64: string;
}

export type HostRequest =
  | { id: number; kind: "add"; sinkPort: number; ssrcBase: number }
  | { id: number; kind: "cpu"; windowMs: number };

export type HostAnswer =
  | { id: number; kind: "add"; senders: SenderSpec[] }
  | { id: number; kind: "cpu"; cpuMs: number; elapsedMs: number; workerPid: number };

const pool = await startBenchPool(1);
const { worker } = pool.workers[0]!;

async function addInterview(sinkPort: number, ssrcBase: number): Promise<SenderSpec[]> {
  const router = await worker.createRouter({ mediaCodecs: ROUTER_MEDIA_CODECS });
  const people = [];
  for (let index = 0; index < 2; index += 1) {
    const { transport: send, keyBase64 } = await srtpTransportIn(router);
    const audioSsrc = ssrcBase + index * 3;
    const videoSsrc = audioSsrc + 1;
    const audio = await send.produce({
      kind: "audio",
      rtpParameters: {
        codecs: [opusCodec(AUDIO_PT)],
        encodings: [{ ssrc: audioSsrc }],
      },
    });
    const video = await send.produce({
      kind: "video",
      rtpParameters: {
        codecs: [
          vp8Codec(VIDEO_PT),
          {
            mimeType: "video/rtx",
            payloadType: RTX_PT,
            clockRate: 90_000,
            parameters: { apt: VIDEO_PT },
          },
        ],
        encodings: [{ ssrc: videoSsrc, rtx: { ssrc: videoSsrc + 1 } }],
      },
    });
    const recv = await srtpTransportTo(router, sinkPort);
    people.push({ send, recv, producers: [audio, video], audioSsrc, videoSsrc, keyBase64 });
  }
  for (const [index, person] of people.entries()) {
    for (const producer of people[1 - index]!.producers) {
      // The router's capabilities carry NACK, PLI and RTX: the consumers retransmit on request.
      await person.recv.consume({
        producerId: producer.id,
        rtpCapabilities: router.rtpCapabilities,
      });
    }
  }
  return people.map((person) => ({
    port: person.send.tuple.localPort,
    audioSsrc: person.audioSsrc,
    videoSsrc: person.videoSsrc,
    keyBase64: person.keyBase64,
  }));
}

serveRequests<HostRequest>(
  async (request) =>
    request.kind === "add"
      ? { senders: await addInterview(request.sinkPort, request.ssrcBase) }
      : (await workersCpu([worker], request.windowMs))[0]!,
  () => pool.close(),
);
