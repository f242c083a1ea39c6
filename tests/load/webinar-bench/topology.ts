/**
 * Where the webinar benchmark puts a session: the speaker's producers on an
 * origin router, and the viewers on two workers — two workers of one media
 * host ("workers") or one worker in each of two media host processes
 * ("processes").
 *
 * BENCH_PLACEMENT=layer (the default) runs our broadcast layer in each host
 * (layer-host.ts): it picks the routers, feeds them with pipeToRouter, and
 * across processes pipes over the Redis directory and relay (BENCH_REDIS_URL).
 * BENCH_PLACEMENT=manual builds the same shape by hand (host.ts): one router
 * per worker, the viewers split evenly; a baseline for the layer's figure.
 */
import { randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startHost, sleep, type Host } from "../media-bench/driver.js";
import type { HostAnswer, HostRequest, SpeakerSpec } from "./protocol.js";

export type Topology = "workers" | "processes";
export type Placement = "layer" | "manual";
export type MediaHost = Host<HostRequest, HostAnswer>;

const here = path.dirname(fileURLToPath(import.meta.url));
const manualHost = path.join(here, "host.ts");
const layerHost = path.join(here, "layer-host.ts");
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
/** The server's WEBINAR_VIEWERS_PER_ROUTER default. */
const VIEWERS_PER_ROUTER = process.env.BENCH_VIEWERS_PER_ROUTER ?? "150";

/** Where viewers are sent: a host, and (hand-built) the worker there. */
export interface ViewerEntry {
  host: MediaHost;
  worker?: number;
}

export interface Session {
  placement: Placement;
  hosts: MediaHost[];
  /** Viewers go to these in turn. */
  entries: ViewerEntry[];
  speaker: SpeakerSpec;
  /** What a layer host needs to seat a viewer. */
  scope: { webinarId?: string; producerIds?: string[] };
}

let ssrcBase = 1_000;

async function startManual(topology: Topology, keyFrameRequestDelay: number): Promise<Session> {
  const origin = { keyFrameRequestDelay, ssrcBase: (ssrcBase += 10) };
  if (topology === "workers") {
    const host = await startHost<HostRequest, HostAnswer>(manualHost, ["2"]);
    const { speaker } = await host.request({ kind: "origin", worker: 0, ...origin });
    await host.request({ kind: "edge", worker: 1 });
    const entries = [0, 1].map((worker) => ({ host, worker }));
    return { placement: "manual", hosts: [host], entries, speaker, scope: {} };
  }
  const [first, second] = await Promise.all(
    [0, 1].map(() => startHost<HostRequest, HostAnswer>(manualHost, ["1"])),
  );
  const { speaker } = await first!.request({ kind: "origin", worker: 0, ...origin });
  const offer = await first!.request({ kind: "pipeOffer" });
  const accepted = await second!.request({ kind: "pipeAccept", worker: 0, remote: offer.local });
  const { producers } = await first!.request({ kind: "pipeConnect", remote: accepted.local });
  await second!.request({ kind: "pipeProduce", producers });
  const entries = [first!, second!].map((host) => ({ host, worker: 0 }));
  return { placement: "manual", hosts: [first!, second!], entries, speaker, scope: {} };
}

async function startLayer(topology: Topology, keyFrameRequestDelay: number): Promise<Session> {
  const delay = String(keyFrameRequestDelay);
  const hostArgs =
    topology === "workers"
      ? [["bench-a", "2", delay, VIEWERS_PER_ROUTER, "47300"]]
      : ["bench-a", "bench-b"].map((processId, index) => {
          const prefix = `bench-${randomUUID()}:webinars`;
          return [
            processId,
            "1",
            delay,
            VIEWERS_PER_ROUTER,
            String(47_300 + index * 10),
            REDIS_URL,
            prefix,
          ];
        });
  // Both processes share one key prefix: they find each other through it.
  const shared = hostArgs[0]![6];
  if (shared) for (const args of hostArgs) args[6] = shared;
  const hosts = await Promise.all(
    hostArgs.map((args) => startHost<HostRequest, HostAnswer>(layerHost, args)),
  );
  // Two heartbeats: each process sees the other alive before anyone joins.
  if (hosts.length > 1) await sleep(1_200);
  const webinarId = randomUUID();
  const { speaker, producerIds } = await hosts[0]!.request({
    kind: "speak",
    webinarId,
    ssrcBase: (ssrcBase += 10),
  });
  return {
    placement: "layer",
    hosts,
    entries: hosts.map((host) => ({ host })),
    speaker,
    scope: { webinarId, producerIds },
  };
}

export function startSession(
  topology: Topology,
  keyFrameRequestDelay: number,
  placement: Placement,
): Promise<Session> {
  return placement === "layer"
    ? startLayer(topology, keyFrameRequestDelay)
    : startManual(topology, keyFrameRequestDelay);
}

/** Every worker's CPU over one window, host by host. */
export async function workersCpuPct(session: Session, windowMs: number): Promise<number[]> {
  const perHost = await Promise.all(
    session.hosts.map((host) => host.request({ kind: "cpu", windowMs })),
  );
  return perHost.flatMap(({ workers }) => workers.map((w) => (w.cpuMs / w.elapsedMs) * 100));
}

/** Viewers on each worker (same order as workersCpuPct), and the routers they are on. */
export async function viewersPerWorker(
  session: Session,
  total: number,
): Promise<{ viewers: number[]; routers: string[] }> {
  if (session.placement === "manual") {
    const even = session.entries.map(
      (_, i) =>
        Math.floor(total / session.entries.length) + (i < total % session.entries.length ? 1 : 0),
    );
    return { viewers: even, routers: [] };
  }
  const viewers: number[] = [];
  const routers: string[] = [];
  for (const [h, host] of session.hosts.entries()) {
    const { edges } = await host.request({
      kind: "placement",
      webinarId: session.scope.webinarId!,
    });
    const workers = session.hosts.length === 1 ? 2 : 1;
    for (let w = 0; w < workers; w += 1) {
      const here = edges.filter((edge) => edge.worker === w);
      viewers.push(here.reduce((sum, edge) => sum + edge.viewers, 0));
      routers.push(...here.map((edge) => `p${h}w${w}:${edge.role}=${edge.viewers}`));
    }
  }
  return { viewers, routers };
}

export async function stopSession(session: Session) {
  const exits = session.hosts.map(
    (host) => new Promise((resolve) => host.child.once("exit", resolve)),
  );
  for (const host of session.hosts) host.child.kill("SIGTERM");
  await Promise.all(exits);
}
