/**
 * Media benchmark (a script, not a test): how many 1:1 interviews a
 * mediasoup worker carries with the SRTP work a browser's call costs, and
 * how that scales over several processes.
 *
 * Each media host is a child process with one worker (media-bench/host.ts):
 * per interview a router, and per participant an SRTP PlainTransport
 * (AEAD_AES_128_GCM) receiving Opus audio and VP8 video with NACK, PLI and
 * RTX declared, and two consumers sending the other's streams, encrypted,
 * towards a sink: 2 audio + 2 video producers and 4 consumers per interview.
 * This process encrypts and sends the streams at real rates (Opus 50 pps ×
 * 160 B, VP8 100 pps × 1000 B ≈ 0.8 Mbit/s, every frame a keyframe), drops
 * 1 % of the video packets so the worker's NACK machinery works, and reads
 * the sink.
 *
 * For each process count (BENCH_PROCESSES, default 1,2) it steps the
 * interviews (spread evenly over the hosts) and measures every worker's CPU
 * (getResourceUsage) over a window; the last step with every worker under
 * 80 % of a core counts. It reports interviews per core, the ratio of the
 * several-process figure per core to the one-process one, this sender's own
 * CPU and whether every packet got through. Last line: JSON.
 *
 *   pnpm bench:media
 *   BENCH_PROCESSES=1 BENCH_STEPS=50,100,150 BENCH_WINDOW_MS=6000 pnpm bench:media
 */
import dgram from "node:dgram";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { RtpHeader, type SrtpSession } from "werift-rtp";
import { round, sleep, srtpSessions, startHost, type Host } from "./media-bench/driver.js";
import {
  AUDIO_PT,
  VIDEO_PT,
  type HostAnswer,
  type HostRequest,
  type SenderSpec,
} from "./media-bench/host.js";

const STEPS = (process.env.BENCH_STEPS ?? "25,50,75,100,125,150,175,200,250,300")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);
const PROCESSES = (process.env.BENCH_PROCESSES ?? "1,2").split(",").map(Number);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 4_000);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 1_500);
const LIMIT_PCT = 80;
const TICK_MS = 20;
const VIDEO_LOSS = 0.01;
const PACKETS_PER_INTERVIEW = 300; // 2 participants × (50 audio + 100 video) a second, each way

const hostFile = path.join(path.dirname(fileURLToPath(import.meta.url)), "media-bench", "host.ts");

/** One participant's outgoing streams, encrypted with its transport's key. */
interface Sender extends SenderSpec {
  srtp: SrtpSession;
  seqA: number;
  seqV: number;
  tsA: number;
  tsV: number;
}

const sendSocket = dgram.createSocket("udp4");
const sink = dgram.createSocket("udp4");
let sinkPackets = 0;
let sentPackets = 0;
sink.on("message", () => (sinkPackets += 1));

const audioPayload = Buffer.alloc(160, 0x55);
// VP8 payload descriptor (S=1, partition 0) + keyframe header with the start code.
const videoPayload = Buffer.concat([
  Buffer.from([0x10, 0x00, 0x00, 0x00, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01]),
  Buffer.alloc(989, 0x33),
]);

function sender(spec: SenderSpec): Sender {
  return { ...spec, srtp: srtpSessions(spec.keyBase64).srtp, seqA: 0, seqV: 0, tsA: 0, tsV: 0 };
}

function send(
  s: Sender,
  pt: number,
  seq: number,
  ts: number,
  ssrc: number,
  marker: boolean,
  payload: Buffer,
) {
  const header = new RtpHeader({
    payloadType: pt,
    sequenceNumber: seq & 0xffff,
    timestamp: ts >>> 0,
    ssrc,
    marker,
  });
  sendSocket.send(s.srtp.encrypt(payload, header), s.port, "127.0.0.1");
  sentPackets += 1;
}

function tick(senders: Sender[]) {
  for (const s of senders) {
    send(s, AUDIO_PT, s.seqA++, (s.tsA += 960), s.audioSsrc, false, audioPayload);
    s.tsV += 1_800;
    for (const marker of [false, true]) {
      const seq = s.seqV++;
      // A lost packet: its sequence number is skipped, so the worker asks for it (NACK).
      if (Math.random() < VIDEO_LOSS) continue;
      send(s, VIDEO_PT, seq, s.tsV, s.videoSsrc, marker, videoPayload);
    }
  }
}

let ssrcBase = 10_000;

interface Best {
  interviews: number;
  workerCpuPct: number[];
  /** A worker's CPU per interview it hosts, in % of a core. */
  cpuPerInterviewPct: number;
  senderCpuPct: number;
  delivered: number;
  /** What stopped the steps: a worker over 80 %, this sender falling behind, or the last step. */
  limitedBy: "worker" | "sender" | "steps";
}

async function run(processes: number, sinkPort: number): Promise<Best> {
  const hosts: Host<HostRequest, HostAnswer>[] = await Promise.all(
    Array.from({ length: processes }, () => startHost<HostRequest, HostAnswer>(hostFile)),
  );
  const senders: Sender[] = [];
  const timer = setInterval(() => tick(senders), TICK_MS);
  let interviews = 0;
  let best: Best = {
    interviews: 0,
    workerCpuPct: [],
    cpuPerInterviewPct: 0,
    senderCpuPct: 0,
    delivered: 0,
    limitedBy: "steps",
  };
  try {
    for (const target of STEPS) {
      while (interviews < target) {
        const host = hosts[interviews % hosts.length]!;
        const added = await host.request({
          kind: "add",
          sinkPort,
          ssrcBase: (ssrcBase += 10),
        });
        senders.push(...added.senders.map(sender));
        interviews += 1;
      }
      await sleep(WARMUP_MS);
      const sinkBefore = sinkPackets;
      const sentBefore = sentPackets;
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const usage = await Promise.all(
        hosts.map((host) => host.request({ kind: "cpu", windowMs: WINDOW_MS })),
      );
      const elapsed = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      const workerCpuPct = usage.map((u) => round((u.cpuMs / u.elapsedMs) * 100));
      const senderCpuPct = round(((cpu.user + cpu.system) / 1_000 / elapsed) * 100);
      const expected = (interviews * PACKETS_PER_INTERVIEW * elapsed) / 1_000;
      const sent = sentPackets - sentBefore;
      const delivered = round((sinkPackets - sinkBefore) / Math.max(1, sent));
      console.log(
        `P=${processes} N=${interviews}: workers ${workerCpuPct.join(" / ")} % of a core; ` +
          `sender ${senderCpuPct} %; sent ${Math.round(sent)} of ${Math.round(expected * (1 - VIDEO_LOSS * 0.66))} ` +
          `packets; the sink got ${Math.round(delivered * 100)} % of that (RTCP included)`,
      );
      if (sent < expected * 0.9) {
        console.log("  (this sender cannot keep up: the machine is full; steps stop here)");
        best.limitedBy = "sender";
        break;
      }
      if (workerCpuPct.some((pct) => pct > LIMIT_PCT)) {
        best.limitedBy = "worker";
        break;
      }
      const mean = workerCpuPct.reduce((sum, pct) => sum + pct, 0) / workerCpuPct.length;
      best = {
        interviews,
        workerCpuPct,
        cpuPerInterviewPct: round(mean / (interviews / processes)),
        senderCpuPct,
        delivered,
        limitedBy: "steps",
      };
    }
  } finally {
    clearInterval(timer);
    for (const host of hosts) host.child.kill("SIGTERM");
    await sleep(500);
  }
  return best;
}

async function main() {
  await new Promise<void>((resolve) => sink.bind(0, "127.0.0.1", resolve));
  sink.setRecvBufferSize?.(16 * 1024 * 1024);
  const sinkPort = sink.address().port;
  const results: Record<string, Best & { perCore: number | null; projectedPerCore: number }> = {};
  for (const processes of PROCESSES) {
    const best = await run(processes, sinkPort);
    // Measured under 80 % when a worker got there; else what the CPU per interview projects.
    const perCore = best.limitedBy === "worker" ? round(best.interviews / processes) : null;
    const projectedPerCore = best.cpuPerInterviewPct
      ? Math.floor(LIMIT_PCT / best.cpuPerInterviewPct)
      : 0;
    results[processes] = { ...best, perCore, projectedPerCore };
    console.log(
      `${processes} process(es): ${best.interviews} interviews (limited by ${best.limitedBy}), ` +
        `${best.cpuPerInterviewPct} % of a core per interview; ${perCore ?? "—"} per core measured ` +
        `under ${LIMIT_PCT} %, ${projectedPerCore} projected`,
    );
  }
  sendSocket.close();
  sink.close();
  const one = results[1]?.projectedPerCore;
  const many = PROCESSES.filter((p) => p > 1).at(-1);
  const ratio = one && many ? round(results[many]!.projectedPerCore / one) : null;
  console.log(JSON.stringify({ srtp: "AEAD_AES_128_GCM", results, perCoreRatio: ratio }));
}

await main();
process.exit(0);
