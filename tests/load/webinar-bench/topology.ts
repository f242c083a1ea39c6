/**
 * Where the webinar benchmark puts a session: the speaker's producers on an
 * origin router, and the viewers on two workers — either two workers of one
 * media host (the second fed by pipeToRouter) or one worker in each of two
 * media host processes (the second fed over a PipeTransport pair).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startHost, type Host } from "../media-bench/driver.js";
import type { HostAnswer, HostRequest, SpeakerSpec } from "./protocol.js";

export type Topology = "workers" | "processes";
export type MediaHost = Host<HostRequest, HostAnswer>;

const hostFile = path.join(path.dirname(fileURLToPath(import.meta.url)), "host.ts");

/** A worker viewers are placed on: its host, and its index there. */
export interface ViewerPlace {
  host: MediaHost;
  worker: number;
}

export interface Session {
  hosts: MediaHost[];
  places: ViewerPlace[];
  speaker: SpeakerSpec;
}

let ssrcBase = 1_000;

export async function startSession(
  topology: Topology,
  keyFrameRequestDelay: number,
): Promise<Session> {
  const origin = { keyFrameRequestDelay, ssrcBase: (ssrcBase += 10) };
  if (topology === "workers") {
    const host = await startHost<HostRequest, HostAnswer>(hostFile, ["2"]);
    const { speaker } = await host.request({ kind: "origin", worker: 0, ...origin });
    await host.request({ kind: "edge", worker: 1 });
    return {
      hosts: [host],
      places: [
        { host, worker: 0 },
        { host, worker: 1 },
      ],
      speaker,
    };
  }
  const [first, second] = await Promise.all(
    [0, 1].map(() => startHost<HostRequest, HostAnswer>(hostFile, ["1"])),
  );
  const { speaker } = await first!.request({ kind: "origin", worker: 0, ...origin });
  const offer = await first!.request({ kind: "pipeOffer" });
  const accepted = await second!.request({ kind: "pipeAccept", worker: 0, remote: offer.local });
  const { producers } = await first!.request({ kind: "pipeConnect", remote: accepted.local });
  await second!.request({ kind: "pipeProduce", producers });
  return {
    hosts: [first!, second!],
    places: [
      { host: first!, worker: 0 },
      { host: second!, worker: 0 },
    ],
    speaker,
  };
}

/** Every worker's CPU over one window, in the places' order. */
export async function placesCpuPct(session: Session, windowMs: number): Promise<number[]> {
  const perHost = await Promise.all(
    session.hosts.map((host) => host.request({ kind: "cpu", windowMs })),
  );
  return session.places.map(({ host, worker }) => {
    const usage = perHost[session.hosts.indexOf(host)]!.workers[worker]!;
    return (usage.cpuMs / usage.elapsedMs) * 100;
  });
}

export async function stopSession(session: Session) {
  for (const host of session.hosts) host.child.kill("SIGTERM");
  await Promise.all(
    session.hosts.map((host) => new Promise((resolve) => host.child.once("exit", resolve))),
  );
}
