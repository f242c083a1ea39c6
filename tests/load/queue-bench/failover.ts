/**
 * What `--kill-at` measures: which candidates were connected to the process
 * that was killed, and when each of them, reconnected to another process,
 * had its places back (the `queue:mine` after the reconnect showed every
 * place the bot knew of; a missing one is counted as lost by the tracker).
 */
import { percentile, sortNumbers } from "./stats.js";

export interface FailoverFigures {
  killedUrl: string;
  /** Second of the measured window at which the process was killed. */
  atS: number;
  candidates: number;
  recovered: number;
  /** Kill → the last of its candidates with its places back (null when some never were). */
  recoveryMs: number | null;
  p50Ms: number;
}

export class FailoverWatch {
  #kill: { url: string; at: number; atS: number } | null = null;
  readonly #waiting = new Set<string>();
  readonly #recoveredMs: number[] = [];

  /** The process at `url` was killed; `candidateIds` were connected to it. */
  killed(url: string, at: number, atS: number, candidateIds: readonly string[]): void {
    this.#kill = { url, at, atS };
    for (const id of candidateIds) this.#waiting.add(id);
  }

  /** A candidate's `queue:mine` after a reconnect arrived and was compared. */
  placesBack(candidateId: string): void {
    if (!this.#kill || !this.#waiting.delete(candidateId)) return;
    this.#recoveredMs.push(Date.now() - this.#kill.at);
  }

  figures(): FailoverFigures | null {
    if (!this.#kill) return null;
    const sorted = sortNumbers(this.#recoveredMs);
    return {
      killedUrl: this.#kill.url,
      atS: this.#kill.atS,
      candidates: sorted.length + this.#waiting.size,
      recovered: sorted.length,
      recoveryMs: this.#waiting.size > 0 ? null : Math.round(sorted.at(-1) ?? 0),
      p50Ms: Math.round(percentile(sorted, 50)),
    };
  }
}
