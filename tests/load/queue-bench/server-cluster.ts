/**
 * The server processes of one run (`--processes N`): real servers started by
 * tests/support/server-process.ts on the same Redis key prefix and PostgreSQL
 * database, each on its own port. Owns which of them are alive (bots are
 * spread round robin, and land on a random live one when they reconnect),
 * the SIGKILL of one of them (`--kill-at`) and, for the soak, starting it
 * again; their CPU (summed over the processes, the killed one up to its
 * death), their event-loop delay and their memory, measured by the
 * `loop-probe.mjs` preload without changing server code.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer, type ServerProcess } from "../../support/server-process.js";
import { treeCpuSeconds } from "./cpu.js";
import { pick } from "./stats.js";

const PROBE = fileURLToPath(new URL("./loop-probe.mjs", import.meta.url));

/** Where bots connect: their first server, and a random live one at each reconnect. */
export interface ServerPicker {
  initial(index: number): string;
  random(): string;
}

interface Member {
  index: number;
  server: ServerProcess;
  probeFile: string;
  /** Last CPU reading (seconds), kept after the process died. */
  cpuS: number;
  killed: boolean;
  /** CPU and probe files of this slot's earlier, killed processes (a respawn starts afresh). */
  pastCpuS: number;
  pastProbeFiles: string[];
  pastOutputs: string[];
}

/** One process's memory at a second (from its probe), for growth over a run. */
export interface MemorySample {
  at: number;
  rssMb: number;
  heapUsedMb: number;
  /** The heap V8 holds from the system (used or not). */
  heapTotalMb: number;
  /** Memory outside the JS heap that V8 knows of (Buffers): what RSS holds beside the heap. */
  externalMb: number;
}

type SlotStarter = (
  index: number,
  generation: number,
) => Promise<{ server: ServerProcess; probeFile: string }>;

/** Per-slot settings on top of the shared env (for example each process's media ports). */
export type EnvFor = (index: number) => Record<string, string>;

export interface LoopDelay {
  p99Ms: number;
  maxMs: number;
  /** Per process, in start order. */
  perProcess: { p99Ms: number; maxMs: number; seconds: number }[];
}

interface ProbeLine {
  at: number;
  count: number;
  resolutionMs: number;
  max: number;
  percentiles: [number, number][];
  rssMb?: number;
  heapUsedMb?: number;
  heapTotalMb?: number;
  externalMb?: number;
}

export class ServerCluster implements ServerPicker {
  readonly #members: Member[];
  readonly #probeDir: string;
  readonly #startSlot: SlotStarter;
  #respawns = 0;

  private constructor(members: Member[], probeDir: string, startSlot: SlotStarter) {
    this.#members = members;
    this.#probeDir = probeDir;
    this.#startSlot = startSlot;
  }

  static async start(
    count: number,
    env: Record<string, string>,
    envFor: EnvFor = () => ({}),
  ): Promise<ServerCluster> {
    const probeDir = mkdtempSync(path.join(tmpdir(), "crossfair-bench-loop-"));
    // A preload composes with server-process.ts's own `--import tsx` (both run, ours first).
    const nodeOptions = [process.env.NODE_OPTIONS, `--import=${PROBE}`].filter(Boolean).join(" ");
    const probeFileOf = (index: number, generation: number) =>
      path.join(probeDir, `server-${index}-${generation}.jsonl`);
    const startSlot: SlotStarter = async (index, generation) => {
      const probeFile = probeFileOf(index, generation);
      const server = await startServer({
        ...env,
        ...envFor(index),
        NODE_OPTIONS: nodeOptions,
        CROSSFAIR_LOOP_PROBE_FILE: probeFile,
      });
      return { server, probeFile };
    };
    const started = await Promise.allSettled(
      Array.from({ length: count }, async (_, index) => {
        const { server, probeFile } = await startSlot(index, 0);
        const member: Member = {
          index,
          server,
          probeFile,
          cpuS: 0,
          killed: false,
          pastCpuS: 0,
          pastProbeFiles: [],
          pastOutputs: [],
        };
        return member;
      }),
    );
    const members = started.flatMap((result) =>
      result.status === "fulfilled" ? [result.value] : [],
    );
    const failed = started.find((result) => result.status === "rejected");
    if (failed) {
      await Promise.all(members.map((member) => member.server.stop()));
      rmSync(probeDir, { recursive: true, force: true });
      throw (failed as PromiseRejectedResult).reason;
    }
    return new ServerCluster(members, probeDir, startSlot);
  }

  get size(): number {
    return this.#members.length;
  }

  get urls(): string[] {
    return this.#members.map((member) => member.server.baseUrl);
  }

  initial(index: number): string {
    return this.#members[index % this.#members.length]!.server.baseUrl;
  }

  random(): string {
    return pick(this.#live()).server.baseUrl;
  }

  #live(): Member[] {
    return this.#members.filter(
      (member) => !member.killed && member.server.child.exitCode === null,
    );
  }

  /** Reads every process's CPU now; a dead process keeps its last reading. */
  sampleCpu(): number {
    for (const member of this.#members) {
      if (member.killed || member.server.child.exitCode !== null) continue;
      member.cpuS = treeCpuSeconds(member.server.child.pid ?? 0);
    }
    return this.#members.reduce((sum, member) => sum + member.pastCpuS + member.cpuS, 0);
  }

  /** The pid of the process in slot `index` (the latest one, after a respawn). */
  pidOf(index: number): number {
    return this.#members[index]?.server.child.pid ?? 0;
  }

  /** Slots whose process is alive now. */
  liveIndexes(): number[] {
    return this.#live().map((member) => member.index);
  }

  /**
   * Starts the killed slot again (new port, fresh probe file) and resolves once it is ready;
   * bots reconnecting from then on may land on it. Returns its URL and how long it took.
   */
  async respawn(): Promise<{ url: string; readyMs: number }> {
    const member = this.#members.find((candidate) => candidate.killed);
    if (!member) throw new Error("no killed process to start again");
    const started = Date.now();
    this.#respawns += 1;
    const { server, probeFile } = await this.#startSlot(member.index, this.#respawns);
    member.pastCpuS += member.cpuS;
    member.pastProbeFiles.push(member.probeFile);
    member.pastOutputs.push(member.server.output());
    member.probeFile = probeFile;
    member.server = server;
    member.cpuS = 0;
    member.killed = false;
    return { url: server.baseUrl, readyMs: Date.now() - started };
  }

  /** Memory per process life (slot, then each process that slot had), from the probes. */
  memory(): { slot: number; life: number; samples: MemorySample[] }[] {
    return this.#members.flatMap((member) =>
      [...member.pastProbeFiles, member.probeFile].map((file, life) => ({
        slot: member.index,
        life,
        samples: readProbe(file).flatMap((line) =>
          line.rssMb === undefined || line.heapUsedMb === undefined
            ? []
            : [
                {
                  at: line.at,
                  rssMb: line.rssMb,
                  heapUsedMb: line.heapUsedMb,
                  heapTotalMb: line.heapTotalMb ?? 0,
                  externalMb: line.externalMb ?? 0,
                },
              ],
        ),
      })),
    );
  }

  /** The process `kill` will kill: the last one, never the first. */
  get victimUrl(): string {
    return this.#members.at(-1)!.server.baseUrl;
  }

  /** SIGKILLs the last process (never the first): no drain, no goodbye to its sockets. */
  kill(): { url: string; at: number } {
    const victim = this.#members.at(-1);
    if (!victim || this.#members.length < 2) throw new Error("nothing to kill: one process");
    victim.cpuS = treeCpuSeconds(victim.server.child.pid ?? 0);
    victim.killed = true; // before the signal, so no reconnect picks it
    victim.server.child.kill("SIGKILL");
    return { url: victim.server.baseUrl, at: Date.now() };
  }

  /** Exits other than the planned kill, and error logs (level 50+) of every process. */
  problems(excused: (at: number) => boolean = () => false): string[] {
    return this.errorLogs(excused).problems;
  }

  /**
   * Exits other than the planned kill and error logs (level 50+), of every process a slot
   * had; error logs written at a time `excused` says a dependency was down on purpose (the
   * soak's faults) are counted by message instead.
   */
  errorLogs(excused: (at: number) => boolean): {
    problems: string[];
    excused: Map<string, number>;
  } {
    const problems: string[] = [];
    const excusedByMessage = new Map<string, number>();
    for (const { index, server, killed, pastOutputs } of this.#members) {
      if (!killed && server.child.exitCode !== null) {
        problems.push(`server ${index} exited during the run (code ${server.child.exitCode})`);
      }
      for (const line of [...pastOutputs, server.output()].join("\n").split("\n")) {
        // LOG_LEVEL=warn: whatever the server logs is worth a look; errors (50+) are problems.
        const level = /"level":(\d+)/.exec(line)?.[1];
        if (!level || Number(level) < 50) continue;
        const at = Number(/"time":(\d+)/.exec(line)?.[1] ?? 0);
        const described = describeLogLine(line);
        if (excused(at)) {
          const key = `server ${index}: ${described}`;
          excusedByMessage.set(key, (excusedByMessage.get(key) ?? 0) + 1);
        } else problems.push(`server ${index} error log: ${described}`);
      }
    }
    return { problems, excused: excusedByMessage };
  }

  /** The event-loop delay of the seconds in [from, to] (epoch ms), merged over the processes. */
  loopDelay(from: number, to: number): LoopDelay {
    const all: [number, number][] = [];
    const perProcess = this.#members.map((member) => {
      const weighted: [number, number][] = [];
      let maxMs = 0;
      let seconds = 0;
      for (const line of [...member.pastProbeFiles, member.probeFile].flatMap(readProbe)) {
        // A line covers the second before `at`.
        if (line.at <= from || line.at > to + 1_000) continue;
        seconds += 1;
        maxMs = Math.max(maxMs, line.max - line.resolutionMs);
        let below = 0;
        for (const [p, value] of line.percentiles) {
          const share = (p - below) / 100;
          below = p;
          if (share > 0)
            weighted.push([Math.max(0, value - line.resolutionMs), share * line.count]);
        }
      }
      all.push(...weighted);
      return { p99Ms: weightedPercentile(weighted, 99), maxMs, seconds };
    });
    return {
      p99Ms: weightedPercentile(all, 99),
      maxMs: Math.max(0, ...perProcess.map((row) => row.maxMs)),
      perProcess,
    };
  }

  /** Every process's whole output, by slot and life (a respawn is the slot's next life). */
  outputs(): { slot: number; life: number; output: string }[] {
    return this.#members.flatMap((member) =>
      [...member.pastOutputs, member.server.output()].map((output, life) => ({
        slot: member.index,
        life,
        output,
      })),
    );
  }

  /** The last lines of every process's output, for a run that broke. */
  tails(lines = 20): string {
    return this.#members
      .map(({ index, server }) => {
        const tail = server.output().split("\n").slice(-lines).join("\n");
        return `--- server ${index} (${server.baseUrl}) ---\n${tail}`;
      })
      .join("\n");
  }

  /** SIGTERM to every live process; the exit codes of those that did not exit 0. */
  async stop(): Promise<string[]> {
    const codes = await Promise.all(
      this.#members.map(async ({ index, server, killed }) => {
        if (killed) return null;
        const code = await server.stop();
        return code === 0 ? null : `server ${index} exited with code ${code} on SIGTERM`;
      }),
    );
    return codes.filter((code): code is string => code !== null);
  }

  removeProbeFiles(): void {
    rmSync(this.#probeDir, { recursive: true, force: true });
  }
}

function readProbe(file: string): ProbeLine[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as ProbeLine];
      } catch {
        return []; // a line cut short by SIGKILL
      }
    });
}

/** Percentile of values with weights ([value, weight]). */
function weightedPercentile(samples: [number, number][], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((sum, [, weight]) => sum + weight, 0);
  let seen = 0;
  for (const [value, weight] of sorted) {
    seen += weight;
    if (seen >= (p / 100) * total - 1e-9) return value;
  }
  return sorted.at(-1)?.[0] ?? 0;
}

/** An error log line, shortened to what tells its cause: the message, the error and its cause. */
function describeLogLine(line: string): string {
  try {
    const entry = JSON.parse(line) as {
      msg?: string;
      err?: { type?: string; message?: string; cause?: { message?: string } };
    };
    const err = entry.err;
    // A failed query's message starts with the whole SQL: its end says which.
    const message = err?.message ? `${err.type ?? "Error"}: …${err.message.slice(-120)}` : "";
    const cause = err?.cause?.message ? ` (cause: ${err.cause.message})` : "";
    return `${entry.msg ?? ""} ${message}${cause}`.trim();
  } catch {
    return line.slice(0, 300);
  }
}
