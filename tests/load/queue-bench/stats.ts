/**
 * What the bots measure: every client-to-server operation with its ack
 * latency and outcome, every message the server sent them (pushed events
 * and acks, counted and in bytes), what the stand deltas carried, and the
 * process's own event-loop delay, which tells whether the load generator
 * itself was the bottleneck.
 */
import { monitorEventLoopDelay, performance } from "node:perf_hooks";

/** The histogram's samples include its own timer interval, which is taken off again below. */
const LOOP_RESOLUTION_MS = 10;

/** What the `queue:delta` pushes the bots received carried, summed over deliveries. */
export interface DeltaTotals {
  deliveries: number;
  /** Versions carried (one per atomic change of the stand). */
  versions: number;
  /** Tickets entering or leaving the waiting line. */
  ticketChanges: number;
  /** `queueLength` as of each delivery, summed (for the mean length the deltas were about). */
  queueLength: number;
}

interface OpStats {
  latenciesMs: number[];
  ok: number;
  errors: Map<string, number>;
}

export class BenchStats {
  readonly #ops = new Map<string, OpStats>();
  readonly #pushes = new Map<string, number>();
  /** Bytes received per event name ("(acks)" for acknowledgements). */
  readonly #bytes = new Map<string, number>();
  readonly delta: DeltaTotals = { deliveries: 0, versions: 0, ticketChanges: 0, queueLength: 0 };
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

  recordPush(event: string, payload?: unknown): void {
    if (!this.#counting) return;
    this.#pushes.set(event, (this.#pushes.get(event) ?? 0) + 1);
    if (event === "queue:delta" && typeof payload === "object" && payload !== null) {
      const delta = payload as { versions?: unknown[]; changes?: unknown[]; queueLength?: number };
      this.delta.deliveries += 1;
      this.delta.versions += delta.versions?.length ?? 0;
      this.delta.ticketChanges += delta.changes?.length ?? 0;
      this.delta.queueLength += delta.queueLength ?? 0;
    }
  }

  /**
   * One socket.io packet as received (its text: type digit, ack id, JSON). Events are
   * `2["name",…]`, acks `3<id>[…]`; the default namespace adds no prefix.
   */
  recordPacket(data: string): void {
    if (!this.#counting) return;
    const name =
      data[0] === "3"
        ? "(acks)"
        : data[0] === "2"
          ? (/^2\d*\["([^"]*)"/.exec(data)?.[1] ?? "(event)")
          : "(socket.io control)";
    this.#bytes.set(name, (this.#bytes.get(name) ?? 0) + Buffer.byteLength(data));
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

  get bytes(): ReadonlyMap<string, number> {
    return this.#bytes;
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
