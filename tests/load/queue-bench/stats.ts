/**
 * What the bots measure: every client-to-server operation with its ack
 * latency and outcome, every message the server sent them (pushed events
 * and acks), and the process's own event-loop delay, which tells whether
 * the load generator itself was the bottleneck.
 */
import { monitorEventLoopDelay, performance } from "node:perf_hooks";

/** The histogram's samples include its own timer interval, which is taken off again below. */
const LOOP_RESOLUTION_MS = 10;

interface OpStats {
  latenciesMs: number[];
  ok: number;
  errors: Map<string, number>;
}

export class BenchStats {
  readonly #ops = new Map<string, OpStats>();
  readonly #pushes = new Map<string, number>();
  #acks = 0;
  #counting = false;
  readonly #loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  readonly counters = new Map<string, number>();

  /** Only operations and messages inside the measurement window count. */
  startWindow(): void {
    this.#counting = true;
    this.#loopDelay.enable();
  }

  stopWindow(): void {
    this.#counting = false;
    this.#loopDelay.disable();
  }

  get counting(): boolean {
    return this.#counting;
  }

  /** `outcome` is "ok", an error code, or "timeout" (no ack arrived). */
  recordOp(name: string, latencyMs: number, outcome: "ok" | string): void {
    if (!this.#counting) return;
    let stats = this.#ops.get(name);
    if (!stats) {
      stats = { latenciesMs: [], ok: 0, errors: new Map() };
      this.#ops.set(name, stats);
    }
    stats.latenciesMs.push(latencyMs);
    if (outcome === "ok") stats.ok += 1;
    else stats.errors.set(outcome, (stats.errors.get(outcome) ?? 0) + 1);
  }

  /** An acknowledgement is a message the server sent too. */
  recordAck(): void {
    if (this.#counting) this.#acks += 1;
  }

  recordPush(event: string): void {
    if (this.#counting) this.#pushes.set(event, (this.#pushes.get(event) ?? 0) + 1);
  }

  count(name: string, by = 1): void {
    this.counters.set(name, (this.counters.get(name) ?? 0) + by);
  }

  get acks(): number {
    return this.#acks;
  }

  get pushes(): ReadonlyMap<string, number> {
    return this.#pushes;
  }

  get ops(): ReadonlyMap<string, OpStats> {
    return this.#ops;
  }

  /** The socket operations (`queue:*`, `staff:*`): what ops/s and p50/p99 are about. */
  socketOps(): { count: number; latenciesMs: number[] } {
    const socket = [...this.#ops].filter(([name]) => /^(queue|staff):/.test(name));
    return {
      count: socket.reduce((sum, [, stats]) => sum + stats.latenciesMs.length, 0),
      latenciesMs: socket.flatMap(([, stats]) => stats.latenciesMs),
    };
  }

  loopDelayP99Ms(): number {
    return Math.max(0, this.#loopDelay.percentile(99) / 1e6 - LOOP_RESOLUTION_MS);
  }

  loopDelayMeanMs(): number {
    const mean = this.#loopDelay.mean;
    return Number.isFinite(mean) ? Math.max(0, mean / 1e6 - LOOP_RESOLUTION_MS) : 0;
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? 0;
}

export const sortNumbers = (values: number[]) => [...values].sort((a, b) => a - b);

export const now = () => performance.now();

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Exponentially distributed pause with the given mean, floored so bots never spin. */
export const thinkTime = (meanMs: number) => Math.max(50, -Math.log(1 - Math.random()) * meanMs);

export const between = (min: number, max: number) => min + Math.random() * (max - min);

export const pick = <T>(items: readonly T[]): T => {
  const item = items[Math.floor(Math.random() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
};

/** A promise resolved once by `fire` (Node 20 has no `Promise.withResolvers`). */
export function signal(): { promise: Promise<void>; fire: () => void } {
  let fire = () => {};
  const promise = new Promise<void>((resolve) => (fire = resolve));
  return { promise, fire };
}
