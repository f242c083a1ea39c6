/**
 * Media benchmark (a script, not a test): how many 1:1 interviews one
 * mediasoup worker carries. Each interview is the server's own router
 * (same codecs, same WorkerPool wrapper) with two participants; each
 * participant sends Opus audio and VP8 video into a PlainTransport and
 * receives the other's two streams through two consumers: 2 audio + 2 video
 * producers and 4 consumers per interview, as in a real call.
 *
 * RTP comes from this process rather than ffmpeg/GStreamer (neither is
 * installed here): synthetic packets at real rates (Opus 50 pps × 160 B,
 * VP8 100 pps × 1000 B ≈ 0.8 Mbit/s, every frame a keyframe so consumers
 * forward at once). The worker forwards RTP without decoding, so its cost
 * depends on packet rates and sizes, not on real pictures.
 *
 * For each step N it measures the worker's CPU (getResourceUsage, user +
 * system) over a window and stops after the first step above 80 % of one
 * core. The last line is JSON: {"interviews","cpuPerInterviewPct","workerCpuPct"}.
 *
 *   pnpm bench:media                      # steps 10,25,50,75,100,…,200,250
 *   BENCH_STEPS=10,50 BENCH_WINDOW_MS=5000 pnpm bench:media
 */
import dgram from "node:dgram";
import { ROUTER_MEDIA_CODECS } from "@crossfair/server/interview/media/codecs";
import { WorkerPool } from "@crossfair/server/interview/media/worker-pool";

type Router = Awaited<ReturnType<WorkerPool["workers"][number]["worker"]["createRouter"]>>;
type Log = Parameters<typeof WorkerPool.start>[0]["log"];

const STEPS = (process.env.BENCH_STEPS ?? "10,25,50,75,100,125,150,175,200,250")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 4_000);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 1_500);
const LIMIT_PCT = 80;
const TICK_MS = 20;
const AUDIO_PT = 100;
const VIDEO_PT = 101;

const silent = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return silent;
  },
} as unknown as Log;

/** One participant's outgoing streams: an RTP sender into its PlainTransport. */
interface Sender {
  port: number;
  audioSsrc: number;
  videoSsrc: number;
  seqA: number;
  seqV: number;
  tsA: number;
  tsV: number;
}

const sendSocket = dgram.createSocket("udp4");
/** Consumers send their RTP here; it is read and dropped. */
const sink = dgram.createSocket("udp4");
let sinkPackets = 0;
sink.on("message", () => (sinkPackets += 1));

const audioPayload = Buffer.alloc(160, 0x55);
// VP8 payload descriptor (S=1, partition 0) + keyframe header with the start code.
const videoPayload = Buffer.concat([
  Buffer.from([0x10, 0x00, 0x00, 0x00, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01]),
  Buffer.alloc(989, 0x33),
]);

function rtp(pt: number, seq: number, ts: number, ssrc: number, marker: boolean, payload: Buffer) {
  const header = Buffer.alloc(12);
  header[0] = 0x80;
  header[1] = (marker ? 0x80 : 0) | pt;
  header.writeUInt16BE(seq & 0xffff, 2);
  header.writeUInt32BE(ts >>> 0, 4);
  header.writeUInt32BE(ssrc >>> 0, 8);
  return Buffer.concat([header, payload]);
}

function tick(senders: Sender[]) {
  for (const s of senders) {
    sendSocket.send(
      rtp(AUDIO_PT, s.seqA++, (s.tsA += 960), s.audioSsrc, false, audioPayload),
      s.port,
      "127.0.0.1",
    );
    s.tsV += 1_800;
    sendSocket.send(
      rtp(VIDEO_PT, s.seqV++, s.tsV, s.videoSsrc, false, videoPayload),
      s.port,
      "127.0.0.1",
    );
    sendSocket.send(
      rtp(VIDEO_PT, s.seqV++, s.tsV, s.videoSsrc, true, videoPayload),
      s.port,
      "127.0.0.1",
    );
  }
}

let nextSsrc = 10_000;

async function addParticipantPair(router: Router, sinkPort: number): Promise<Sender[]> {
  const listenInfo = { protocol: "udp" as const, ip: "127.0.0.1" };
  const people = [];
  for (let i = 0; i < 2; i += 1) {
    const send = await router.createPlainTransport({ listenInfo, rtcpMux: true, comedia: true });
    const audioSsrc = nextSsrc++;
    const videoSsrc = nextSsrc++;
    const audio = await send.produce({
      kind: "audio",
      rtpParameters: {
        codecs: [{ mimeType: "audio/opus", payloadType: AUDIO_PT, clockRate: 48_000, channels: 2 }],
        encodings: [{ ssrc: audioSsrc }],
      },
    });
    const video = await send.produce({
      kind: "video",
      rtpParameters: {
        codecs: [{ mimeType: "video/VP8", payloadType: VIDEO_PT, clockRate: 90_000 }],
        encodings: [{ ssrc: videoSsrc }],
      },
    });
    const recv = await router.createPlainTransport({ listenInfo, rtcpMux: true, comedia: false });
    await recv.connect({ ip: "127.0.0.1", port: sinkPort });
    people.push({ send, recv, producers: [audio, video], audioSsrc, videoSsrc });
  }
  for (const [index, person] of people.entries()) {
    const other = people[1 - index]!;
    for (const producer of other.producers) {
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
    seqA: 0,
    seqV: 0,
    tsA: 0,
    tsV: 0,
  }));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  await new Promise<void>((resolve) => sink.bind(0, "127.0.0.1", resolve));
  sink.setRecvBufferSize?.(8 * 1024 * 1024);
  const sinkPort = sink.address().port;
  const pool = await WorkerPool.start({ size: 1, log: silent });
  const first = pool.workers[0];
  if (!first) throw new Error("no mediasoup worker started");
  const { worker } = first;
  const senders: Sender[] = [];
  const timer = setInterval(() => tick(senders), TICK_MS);
  let interviews = 0;
  let best = { interviews: 0, cpuPerInterviewPct: 0, workerCpuPct: 0 };

  console.log(
    `mediasoup worker pid ${worker.pid}; window ${WINDOW_MS} ms; steps ${STEPS.join(", ")}`,
  );
  try {
    for (const target of STEPS) {
      while (interviews < target) {
        const router = await worker.createRouter({ mediaCodecs: ROUTER_MEDIA_CODECS });
        senders.push(...(await addParticipantPair(router, sinkPort)));
        interviews += 1;
      }
      await sleep(WARMUP_MS);
      const before = await worker.getResourceUsage();
      const started = performance.now();
      const packetsBefore = sinkPackets;
      await sleep(WINDOW_MS);
      const after = await worker.getResourceUsage();
      const elapsed = performance.now() - started;
      const cpuMs = after.ru_utime + after.ru_stime - (before.ru_utime + before.ru_stime);
      const workerCpuPct = (cpuMs / elapsed) * 100;
      const forwardedPps = ((sinkPackets - packetsBefore) / elapsed) * 1000;
      const step = {
        interviews,
        cpuPerInterviewPct: round(workerCpuPct / interviews),
        workerCpuPct: round(workerCpuPct),
      };
      console.log(
        `N=${interviews}: worker ${step.workerCpuPct}% of a core, ${step.cpuPerInterviewPct}% per interview, ` +
          `${Math.round(forwardedPps)} forwarded packets/s (expected ${interviews * 300})`,
      );
      if (forwardedPps < interviews * 300 * 0.9) {
        console.log("  (this process cannot send/receive every packet: the worker figure is low)");
      }
      if (workerCpuPct > LIMIT_PCT) break;
      best = step;
    }
  } finally {
    clearInterval(timer);
    await pool.close();
    sendSocket.close();
    sink.close();
  }
  if (best.interviews === STEPS.at(-1)) {
    console.log(`(never reached ${LIMIT_PCT}%: the largest step tested is reported)`);
  }
  console.log(JSON.stringify(best));
}

const round = (value: number) => Math.round(value * 100) / 100;

await main();
