/**
 * Test doubles for the delta protocol: a stand's queue as the server keeps it
 * (waiting tickets and a version per change, with the counts of every
 * version, so any version's view or delta can be produced afterwards) and
 * manual timers for the gap check.
 */
import type { StandQueueCounts, StandQueueDelta, StandQueueView } from "@crossfair/shared";
import type { LineTimers, WaitingChange } from "./stand-line.js";

interface Version {
  version: number;
  changes: WaitingChange[];
  counts: StandQueueCounts;
}

export class FakeStand {
  version = 0;
  readonly waiting = new Set<number>();
  readonly #history: Version[] = [];
  activeRecruiters = 1;
  averageInterviewMs = 600_000;
  #lastTicket = 100;

  constructor(
    readonly standId: string,
    waiting: Iterable<number> = [],
  ) {
    for (const ticket of waiting) this.waiting.add(ticket);
  }

  /** One change of the stand's entries: tickets entering (+1) or leaving (-1) the waiting line. */
  step(...changes: [ticket: number, change: 1 | -1][]): number {
    this.version += 1;
    for (const [ticket, change] of changes) {
      if (this.waiting.has(ticket) === (change === 1)) throw new Error(`bad change ${ticket}`);
      if (change === 1) this.waiting.add(ticket);
      else this.waiting.delete(ticket);
    }
    this.#history.push({
      version: this.version,
      changes: changes.map(([ticket, change]) => [ticket, change, this.version]),
      counts: this.counts(),
    });
    return this.version;
  }

  /** Enters the ticket if not waiting, or takes it out. */
  toggle(ticket: number): number {
    return this.step([ticket, this.waiting.has(ticket) ? -1 : 1]);
  }

  counts(): StandQueueCounts {
    return {
      standId: this.standId,
      open: true,
      version: this.version,
      queueLength: this.waiting.size + 2,
      waiting: this.waiting.size,
      activeRecruiters: this.activeRecruiters,
      averageInterviewMs: this.averageInterviewMs,
    };
  }

  /** What `queue:watch` answers now. */
  view(ticket: number | null): StandQueueView {
    const ahead = ticket === null ? null : [...this.waiting].filter((t) => t < ticket).length;
    return { ...this.counts(), ahead };
  }

  /** A ticket never seen before, for a newcomer. */
  newTicket(): number {
    this.#lastTicket += 1;
    return this.#lastTicket;
  }

  /** A push carrying these versions, with the counts of the highest one. */
  delta(versions: readonly number[]): StandQueueDelta {
    const carried = this.#history.filter((entry) => versions.includes(entry.version));
    const last = carried.reduce((a, b) => (b.version > a.version ? b : a));
    return {
      ...last.counts,
      versions: carried.map((entry) => entry.version),
      changes: carried.flatMap((entry) => entry.changes),
    };
  }
}

/** Timers run by hand: `advance` fires what is due. */
export class ManualTimers implements LineTimers {
  #now = 0;
  #next = 0;
  readonly #due = new Map<number, { at: number; run: () => void }>();

  set(run: () => void, ms: number): unknown {
    this.#next += 1;
    this.#due.set(this.#next, { at: this.#now + ms, run });
    return this.#next;
  }

  clear(handle: unknown): void {
    this.#due.delete(handle as number);
  }

  get pending(): number {
    return this.#due.size;
  }

  advance(ms: number): void {
    this.#now += ms;
    for (const [handle, timer] of [...this.#due].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at > this.#now || !this.#due.has(handle)) continue;
      this.#due.delete(handle);
      timer.run();
    }
  }
}

/** A small seeded random generator, so a shuffled order fails the same way twice. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}
