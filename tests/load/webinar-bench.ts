/**
 * Webinar benchmark (a script, not a test): how many receive-only viewers of
 * one simulcast speaker two mediasoup workers carry under 80 % of a core
 * each, with the SRTP work browsers cost, and what key frame requests from
 * many viewers do to the speaker.
 *
 * The speaker (webinar-bench/speaker.ts) is this process: Opus and VP8 in
 * three simulcast encodings (~100/300/900 kbit/s, 25 fps, delta frames),
 * encrypted, into the origin router's SRTP PlainTransport, with sender
 * reports; it answers each PLI/FIR with a key frame (BENCH_KEYFRAME_FACTOR ×
 * a delta frame's packets). Viewers are SRTP PlainTransports with an audio
 * and a video consumer on a preferred spatial layer (BENCH_LAYER_MIX, low /
 * middle / high), spread evenly over two workers: two workers of one media
 * host fed by pipeToRouter ("workers"), or one worker in each of two host
 * processes fed over a PipeTransport pair ("processes"). One viewer in
 * BENCH_SAMPLE sends to a counting sink (one socket per layer: what a viewer
 * gets); the rest to a socket nobody reads, where the kernel drops it.
 *
 * Per topology it steps the viewers (BENCH_STEPS) and measures each worker's
 * CPU (getResourceUsage) over a window; steps stop when a worker goes over
 * 80 % or the speaker or the sink falls behind. Then the key frame phase:
 * for each keyFrameRequestDelay (BENCH_KEYFRAME_DELAYS), a fresh session
 * with BENCH_KEYFRAME_VIEWERS viewers, a quiet window, then a window where
 * random viewers ask for BENCH_KEYFRAME_RATE key frames a second (in bursts
 * every BENCH_KEYFRAME_EVERY_MS, via consumer.requestKeyFrame()); it
 * reports the requests reaching the speaker and the speaker's bitrate.
 * Last line: JSON.
 *
 *   pnpm bench:webinar
 *   BENCH_TOPOLOGIES=workers BENCH_STEPS=50,100 BENCH_WINDOW_MS=2000 BENCH_KEYFRAME_VIEWERS=50 pnpm bench:webinar
 */
import { round, sleep } from "./media-bench/driver.js";
import { LAYERS } from "./webinar-bench/protocol.js";
import { Sinks, type SinkReading } from "./webinar-bench/sinks.js";
import { Speaker, type SpeakerCounters } from "./webinar-bench/speaker.js";
import {
  startSession,
  stopSession,
  viewersPerWorker,
  workersCpuPct,
  type Placement,
  type Session,
  type Topology,
} from "./webinar-bench/topology.js";

const list = (value: string) => value.split(",").filter(Boolean);
const STEPS = list(process.env.BENCH_STEPS ?? "100,200,300,400,500,600").map(Number);
const PLACEMENT = (process.env.BENCH_PLACEMENT ?? "layer") as Placement;
const TOPOLOGIES = list(process.env.BENCH_TOPOLOGIES ?? "workers,processes") as Topology[];
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 5_000);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 2_000);
const LAYER_MIX = list(process.env.BENCH_LAYER_MIX ?? "0.2,0.6,0.2").map(Number);
const SAMPLE = Number(process.env.BENCH_SAMPLE ?? 10);
const KEYFRAME_VIEWERS = Number(process.env.BENCH_KEYFRAME_VIEWERS ?? 300);
/** Key frame requests a second from random viewers, in bursts every BENCH_KEYFRAME_EVERY_MS. */
const KEYFRAME_RATE = Number(process.env.BENCH_KEYFRAME_RATE ?? 100);
const KEYFRAME_EVERY_MS = Number(process.env.BENCH_KEYFRAME_EVERY_MS ?? 50);
const KEYFRAME_DELAYS = list(process.env.BENCH_KEYFRAME_DELAYS ?? "0,1000").map(Number);
const KEYFRAME_FACTOR = Number(process.env.BENCH_KEYFRAME_FACTOR ?? 8);
/** bench:media's figure (tests/load/README.md): 1:1 interviews per worker under 80 %. */
const INTERVIEWS_PER_WORKER = Number(process.env.BENCH_INTERVIEWS_PER_WORKER ?? 70);
const LIMIT_PCT = 80;
const ADD_BATCH = 50;
/**
 * mediasoup only gives a consumer a simulcast stream that has been active for
 * 2 s (StreamMinActiveMs): the speaker sends this long before viewers come, as
 * a speaker who started before the doors opened would.
 */
const SPEAKER_HEAD_START_MS = 3_000;

/** A viewer's spatial layer: a fixed spread following LAYER_MIX. */
function layerOf(index: number): number {
  const x = (index * 0.618_034) % 1;
  let sum = 0;
  for (const [layer, share] of LAYER_MIX.entries()) {
    sum += share;
    if (x < sum) return layer;
  }
  return LAYERS.length - 1;
}

interface Viewers {
  total: number;
  perLayer: number[];
  sampledPerLayer: number[];
}

const noViewers = (): Viewers => ({
  total: 0,
  perLayer: LAYERS.map(() => 0),
  sampledPerLayer: LAYERS.map(() => 0),
});

async function addViewers(session: Session, sinks: Sinks, viewers: Viewers, target: number) {
  while (viewers.total < target) {
    const batch = Math.min(ADD_BATCH * session.entries.length, target - viewers.total);
    const perPlace = session.entries.map(() => ({ layers: [] as number[], ports: [] as number[] }));
    for (let i = 0; i < batch; i += 1) {
      const index = viewers.total + i;
      const layer = layerOf(index);
      // Every layer's first viewer, then one in SAMPLE of those on it.
      const sampled = viewers.perLayer[layer]! % SAMPLE === 0;
      viewers.perLayer[layer]! += 1;
      if (sampled) viewers.sampledPerLayer[layer]! += 1;
      const place = perPlace[index % perPlace.length]!;
      place.layers.push(layer);
      place.ports.push(sampled ? sinks.countPorts[layer]! : sinks.dropPort);
    }
    await Promise.all(
      session.entries.map(({ host, worker }, p) =>
        host.request({
          kind: "viewers",
          ...(worker === undefined ? {} : { worker }),
          ...session.scope,
          layers: perPlace[p]!.layers,
          sinkPorts: perPlace[p]!.ports,
        }),
      ),
    );
    viewers.total += batch;
  }
}

/** What happened over one window: workers, speaker, sinks. */
async function measure(session: Session, speaker: Speaker, sinks: Sinks, viewers: Viewers) {
  const speakerBefore = structuredClone(speaker.counters);
  const sinkBefore = await sinks.read();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const workerCpuPct = await workersCpuPct(session, WINDOW_MS);
  const elapsedS = (performance.now() - started) / 1_000;
  const cpu = process.cpuUsage(cpuBefore);
  const sinkAfter = await sinks.read();
  return window(viewers, speakerBefore, speaker.counters, sinkBefore, sinkAfter, {
    workerCpuPct: workerCpuPct.map(round),
    speakerCpuPct: round(((cpu.user + cpu.system) / 1_000 / (elapsedS * 1_000)) * 100),
    elapsedS,
  });
}

function window(
  viewers: Viewers,
  speakerBefore: SpeakerCounters,
  speakerAfter: SpeakerCounters,
  sinkBefore: SinkReading,
  sinkAfter: SinkReading,
  base: { workerCpuPct: number[]; speakerCpuPct: number; elapsedS: number },
) {
  const { elapsedS } = base;
  const sinkS = (sinkAfter.atMs - sinkBefore.atMs) / 1_000;
  const perSecond = (after: number, before: number, seconds = elapsedS) =>
    round((after - before) / seconds);
  const receivedKbps = LAYERS.map((_, layer) => {
    const sampled = viewers.sampledPerLayer[layer]!;
    const bytes = sinkAfter.counters[layer]!.bytes - sinkBefore.counters[layer]!.bytes;
    return sampled ? round((bytes * 8) / sinkS / 1_000 / sampled) : null;
  });
  // What a viewer on each layer should have got: what the speaker sent on it and on audio.
  const sentPerViewer = LAYERS.map(
    (_, layer) =>
      speakerAfter.audioPackets -
      speakerBefore.audioPackets +
      speakerAfter.layerPackets[layer]! -
      speakerBefore.layerPackets[layer]!,
  );
  const expectedSample = LAYERS.reduce(
    (sum, _, layer) => sum + viewers.sampledPerLayer[layer]! * sentPerViewer[layer]!,
    0,
  );
  const gotSample = sinkAfter.counters.reduce(
    (sum, c, layer) => sum + c.packets - sinkBefore.counters[layer]!.packets,
    0,
  );
  const expectedRest = LAYERS.reduce(
    (sum, _, layer) =>
      sum + (viewers.perLayer[layer]! - viewers.sampledPerLayer[layer]!) * sentPerViewer[layer]!,
    0,
  );
  return {
    ...base,
    speakerKbps: round(((speakerAfter.bytes - speakerBefore.bytes) * 8) / elapsedS / 1_000),
    speakerLateTicks: speakerAfter.lateTicks - speakerBefore.lateTicks,
    keyFrameRequestsPerS: speakerAfter.keyFrameRequests.map((n, l) =>
      perSecond(n, speakerBefore.keyFrameRequests[l]!),
    ),
    keyFramesPerS: speakerAfter.keyFramesSent.map((n, l) =>
      perSecond(n, speakerBefore.keyFramesSent[l]!),
    ),
    receivedKbps,
    /** Media packets the sample got of what its layers send (RTCP counts too, so ≥ 1 is fine). */
    sampleDelivered: round(gotSample / Math.max(1, expectedSample)),
    /** Packets the non-sampled viewers' sink dropped of what their layers send. */
    restDelivered: round((sinkAfter.dropped - sinkBefore.dropped) / Math.max(1, expectedRest)),
    sinkCpuPct: round(((sinkAfter.countCpuMs - sinkBefore.countCpuMs) / (sinkS * 1_000)) * 100),
  };
}

type Window = Awaited<ReturnType<typeof measure>>;

interface StepResult extends Window {
  viewers: number;
  /** Viewers on each worker (same order as workerCpuPct), and (layer) its routers. */
  viewersPerWorker: number[];
  routers: string[];
  layers: { perLayer: number[]; none: number }[];
}

async function stepTopology(topology: Topology, sinks: Sinks) {
  const session = await startSession(topology, 0, PLACEMENT);
  const speaker = new Speaker(session.speaker, KEYFRAME_FACTOR);
  speaker.start();
  await sleep(SPEAKER_HEAD_START_MS);
  const viewers = noViewers();
  const steps: StepResult[] = [];
  let best: StepResult | undefined;
  let limitedBy = "steps";
  try {
    for (const target of STEPS) {
      await addViewers(session, sinks, viewers, target);
      await sleep(WARMUP_MS);
      const result = await measure(session, speaker, sinks, viewers);
      const layers = await Promise.all(session.hosts.map((h) => h.request({ kind: "layers" })));
      const seated = await viewersPerWorker(session, viewers.total);
      const step = {
        viewers: viewers.total,
        viewersPerWorker: seated.viewers,
        routers: seated.routers,
        layers: layers.map(({ perLayer, none }) => ({ perLayer, none })),
        ...result,
      };
      steps.push(step);
      console.log(
        `${topology} N=${step.viewers} (${step.viewersPerWorker.join(" / ")}` +
          `${step.routers.length ? `; routers ${step.routers.join(" ")}` : ""}): ` +
          `workers ${step.workerCpuPct.join(" / ")} % of a core; ` +
          `speaker ${step.speakerCpuPct} % (${step.speakerKbps} kbit/s), sink ${step.sinkCpuPct} %; ` +
          `a viewer gets ${step.receivedKbps.join(" / ")} kbit/s per layer; delivered ` +
          `${step.sampleDelivered} (sample), ${step.restDelivered} (rest); on layers ` +
          `${step.layers.map((l) => `${l.perLayer.join("/")}${l.none ? ` +${l.none} none` : ""}`).join(", ")}`,
      );
      if (step.speakerLateTicks > (WINDOW_MS / 20) * 0.1) {
        limitedBy = "speaker";
        break;
      }
      if (step.sampleDelivered < 0.9) {
        limitedBy = "sink";
        break;
      }
      if (step.workerCpuPct.some((pct) => pct > LIMIT_PCT)) {
        limitedBy = "worker";
        break;
      }
      best = step;
    }
  } finally {
    speaker.stop();
    await stopSession(session);
  }
  // All the workers' CPU (the origin's intake and pipes included) over all the viewers.
  const totalPct = best ? best.workerCpuPct.reduce((a, b) => a + b, 0) : 0;
  const cpuPerViewerPct = best ? round(totalPct / best.viewers) : null;
  const measuredPerWorker = limitedBy === "worker" && best ? best.viewers / 2 : null;
  const projectedPerWorker = cpuPerViewerPct ? Math.floor(LIMIT_PCT / cpuPerViewerPct) : null;
  // With the viewers spread as the placement spread them: when the busiest worker reaches 80 %.
  const busiest = best ? Math.max(...best.workerCpuPct) : 0;
  const projectedOnTwoWorkers =
    best && busiest ? Math.floor((best.viewers * LIMIT_PCT) / busiest) : null;
  return {
    placement: PLACEMENT,
    bestViewers: best?.viewers ?? 0,
    limitedBy,
    cpuPerViewerPct,
    measuredPerWorker,
    projectedPerWorker,
    projectedOnTwoWorkers,
    interviewRatio: projectedPerWorker ? round(projectedPerWorker / INTERVIEWS_PER_WORKER) : null,
    steps,
  };
}

async function keyFramePhase(delay: number, sinks: Sinks) {
  const session = await startSession("workers", delay, PLACEMENT);
  const speaker = new Speaker(session.speaker, KEYFRAME_FACTOR);
  speaker.start();
  await sleep(SPEAKER_HEAD_START_MS);
  const viewers = noViewers();
  try {
    await addViewers(session, sinks, viewers, KEYFRAME_VIEWERS);
    // The joins' own key frame requests wait out the delay before the quiet window.
    await sleep(WARMUP_MS + delay);
    const quiet = await measure(session, speaker, sinks, viewers);
    const burst = Math.max(1, Math.round((KEYFRAME_RATE * KEYFRAME_EVERY_MS) / 1_000));
    const storm = setInterval(() => {
      for (const host of session.hosts) {
        void host.request({ kind: "keyFrames", count: Math.ceil(burst / session.hosts.length) });
      }
    }, KEYFRAME_EVERY_MS);
    await sleep(500);
    const stormy = await measure(session, speaker, sinks, viewers).finally(() =>
      clearInterval(storm),
    );
    const asked = round((burst * 1_000) / KEYFRAME_EVERY_MS);
    console.log(
      `key frames, keyFrameRequestDelay ${delay} ms, ${viewers.total} viewers: quiet ${quiet.speakerKbps} kbit/s (${quiet.keyFrameRequestsPerS.join(" / ")} requests/s); ` +
        `${asked} requests/s from the viewers → ${stormy.keyFrameRequestsPerS.join(" / ")} per layer reach ` +
        `the speaker, ${stormy.keyFramesPerS.join(" / ")} key frames/s, ${stormy.speakerKbps} kbit/s ` +
        `(×${round(stormy.speakerKbps / Math.max(1, quiet.speakerKbps))}); workers ${stormy.workerCpuPct.join(" / ")} %`,
    );
    return {
      delayMs: delay,
      viewers: viewers.total,
      requestsAskedPerS: asked,
      quiet,
      storm: stormy,
    };
  } finally {
    speaker.stop();
    await stopSession(session);
  }
}

async function main() {
  const sinks = await Sinks.start();
  const results: Record<string, Awaited<ReturnType<typeof stepTopology>>> = {};
  const keyFrames = [];
  try {
    for (const topology of TOPOLOGIES) {
      const result = (results[topology] = await stepTopology(topology, sinks));
      console.log(
        `${topology}: ${result.bestViewers} viewers on 2 workers under ${LIMIT_PCT} % (limited by ` +
          `${result.limitedBy}); ${result.cpuPerViewerPct} % of a core per viewer; per worker ` +
          `${result.measuredPerWorker ?? "—"} measured, ${result.projectedPerWorker ?? "—"} projected ` +
          `(${result.projectedOnTwoWorkers ?? "—"} on the two as placed, the busiest at ${LIMIT_PCT} %); ` +
          `×${result.interviewRatio ?? "—"} bench:media's ${INTERVIEWS_PER_WORKER} interviews per worker`,
      );
    }
    for (const delay of KEYFRAME_DELAYS) keyFrames.push(await keyFramePhase(delay, sinks));
  } finally {
    sinks.stop();
  }
  const summary = Object.fromEntries(
    Object.entries(results).map(([topology, { steps, ...rest }]) => [
      topology,
      { ...rest, lastStep: steps.at(-1) ?? null },
    ]),
  );
  console.log(
    JSON.stringify({
      srtp: "AEAD_AES_128_GCM",
      layerMix: LAYER_MIX,
      target: { viewers: 500, workers: 2, underPct: LIMIT_PCT },
      results: summary,
      keyFrames: keyFrames.map(({ quiet, storm, ...rest }) => ({
        ...rest,
        quietKbps: quiet.speakerKbps,
        quietRequestsPerS: quiet.keyFrameRequestsPerS,
        stormKbps: storm.speakerKbps,
        requestsReachingSpeakerPerS: storm.keyFrameRequestsPerS,
        keyFramesPerS: storm.keyFramesPerS,
        workerCpuPct: storm.workerCpuPct,
      })),
    }),
  );
}

await main();
process.exit(0);
