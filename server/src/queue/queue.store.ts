/**
 * The live queue store: Redis in production and across processes, an
 * in-process store for the embedded default. The queue semantics (join,
 * call next, snooze, grace) are built on this interface; this first cut
 * carries only what the server needs to start, report readiness and stop.
 */
export interface QueueStore {
  readonly kind: "memory" | "redis";
  /** Resolves when the store answers; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
