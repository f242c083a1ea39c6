/**
 * The driver's handle on the sinks (sink.ts): the counting sample's ports and
 * figures, and the dropping sink's port and its kernel drop count.
 */
import { fork, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startHost, type Host } from "../media-bench/driver.js";
import { LAYERS } from "./protocol.js";
import type { SinkAnswer } from "./sink.js";

const sinkFile = path.join(path.dirname(fileURLToPath(import.meta.url)), "sink.ts");

export interface SinkReading {
  /** Per layer, what the sample's viewers on it received. */
  counters: { packets: number; bytes: number }[];
  countCpuMs: number;
  atMs: number;
  /** Packets the kernel dropped at the dropping sink (everyone not in the sample). */
  dropped: number;
}

/** Packets the kernel dropped on a local UDP socket, from /proc/net/udp. */
function udpDrops(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  for (const line of readFileSync("/proc/net/udp", "utf8").split("\n").slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields[1]?.endsWith(`:${hexPort}`)) return Number(fields.at(-1));
  }
  return 0;
}

export class Sinks {
  private constructor(
    private readonly counting: Host<{ id: number; kind: "ports" | "stats" }, SinkAnswer>,
    private readonly dropping: ChildProcess,
    /** One counting port per layer. */
    readonly countPorts: number[],
    readonly dropPort: number,
  ) {}

  static async start(): Promise<Sinks> {
    const counting = await startHost<{ id: number; kind: "ports" | "stats" }, SinkAnswer>(
      sinkFile,
      ["count", String(LAYERS.length)],
    );
    const { ports } = await counting.request({ kind: "ports" });
    const dropping = fork(sinkFile, ["drop"], { execArgv: ["--import", "tsx"], stdio: "inherit" });
    const dropPort = await new Promise<number>((resolve) =>
      dropping.once("message", (message: { port: number }) => resolve(message.port)),
    );
    return new Sinks(counting, dropping, ports, dropPort);
  }

  async read(): Promise<SinkReading> {
    const stats = await this.counting.request({ kind: "stats" });
    return {
      counters: stats.counters,
      countCpuMs: stats.cpuMs,
      atMs: stats.atMs,
      dropped: udpDrops(this.dropPort),
    };
  }

  stop() {
    this.counting.child.kill("SIGTERM");
    this.dropping.kill("SIGKILL");
  }
}
