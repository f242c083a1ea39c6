/**
 * One stand's waiting line as this client knows it, kept from the versioned
 * `queue:delta` pushes: the latest counts (from the highest version seen),
 * and, when the candidate holds a ticket here, how many waiting entries are
 * ahead of it. The `ahead` starts from a read (`queue:watch`'s answer, as of
 * its version) and adds every newer version's changes once, in whatever order
 * they come: changes commute, so two server processes interleaving their
 * pushes give the same count as a fresh read.
 *
 * Recent versions are buffered whatever the state, so deltas that arrive
 * before a read's answer are applied after it when newer. A version still
 * missing `gapMs` after a newer one was carried means a lost push: `onGap`
 * asks for one fresh read. (A push's counts may be newer than the versions it
 * carries; that alone is no gap, the next push carries them.) No transport here and no DOM; timers are injectable.
 */
import type { StandQueueCounts, StandQueueDelta, StandQueueView } from "@crossfair/shared";
import { LatestRequest, type RequestToken } from "../store/state-store.js";

export type WaitingChange = StandQueueDelta["changes"][number];

/** `setTimeout` / `clearTimeout`, or a test's fake. */
export interface LineTimers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** How long a missing version may stay missing before it is taken as lost. */
export const GAP_MS = 1_500;
/** How many recent versions are kept to rebase a read on. */
export const BUFFER_VERSIONS = 500;

export interface StandLineOptions {
  /** A version went missing: read the stand again (`startRead`, then `view`). */
  onGap: () => void;
  gapMs?: number;
  bufferVersions?: number;
  timers?: LineTimers;
}

// Looked up at call time, so fake timers installed later still apply.
const GLOBAL_TIMERS: LineTimers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class StandLine {
  readonly #onGap: () => void;
  readonly #gapMs: number;
  readonly #bufferVersions: number;
  readonly #timers: LineTimers;

  #counts: StandQueueCounts | null = null;
  /** After a reconnect the server's versions may have restarted: the next message wins. */
  #countsStale = false;
  #ticket: number | null = null;
  /** The latest read asked for; an older read's answer gives counts only. */
  readonly #reads = new LatestRequest();
  #reading = false;
  /** Version of the read `ahead` was rebased on; null while unknown. */
  #base: number | null = null;
  #ahead: number | null = null;
  /** Every version up to here is in `ahead`... */
  #through = 0;
  /** ...and so are these, above it, arrived out of order. */
  readonly #above = new Set<number>();
  #highest = 0;
  /** Recent versions and their changes, to rebase a read on. */
  readonly #recent = new Map<number, WaitingChange[]>();
  #gapTimer: unknown = null;
  /** The highest version when the gap timer was armed: it must be covered by then. */
  #gapTarget = 0;

  constructor(options: StandLineOptions) {
    this.#onGap = options.onGap;
    this.#gapMs = options.gapMs ?? GAP_MS;
    this.#bufferVersions = options.bufferVersions ?? BUFFER_VERSIONS;
    this.#timers = options.timers ?? GLOBAL_TIMERS;
  }

  /** The stand's counts as of the highest version seen; null before any. */
  get counts(): StandQueueCounts | null {
    return this.#counts;
  }

  /** Waiting entries with a lower ticket than the candidate's; null while unknown. */
  get ahead(): number | null {
    return this.#ticket === null ? null : this.#ahead;
  }

  get ticket(): number | null {
    return this.#ticket;
  }

  /**
   * The candidate's ticket here, or null when not queued. `ahead` is relative
   * to the ticket, so a new one makes it unknown until the next read; returns
   * whether it changed (the caller then reads).
   */
  setTicket(ticket: number | null): boolean {
    if (ticket === this.#ticket) return false;
    this.#ticket = ticket;
    // A read already under way may answer for the old ticket: only a new one counts.
    this.#reads.cancel();
    this.#reading = false;
    this.#forgetBase();
    return true;
  }

  /** A read is on its way; pass the token back with its answer. */
  startRead(): RequestToken {
    const token = this.#reads.start();
    this.#reading = true;
    return token;
  }

  /** A read's answer: counts if newer, and the new base when it is the latest read. */
  view(view: StandQueueView, token: RequestToken): void {
    const { ahead, ...counts } = view;
    this.#takeCounts(counts);
    if (!token.isLatest()) return;
    this.#reading = false;
    this.#highest = Math.max(this.#highest, view.version);
    this.#forgetBase();
    if (this.#ticket === null || ahead === null) return;
    this.#base = view.version;
    this.#through = view.version;
    this.#ahead = ahead;
    for (const [version, changes] of this.#recent) this.#apply(version, changes);
    this.#checkGap();
  }

  /**
   * The read failed; returns whether it was the latest one. With `retry` (no
   * answer, or too many requests) a gap still open is read again after
   * `gapMs`; a refusal is not asked again until the next delta finds a gap.
   */
  readFailed(token: RequestToken, retry: boolean): boolean {
    if (!token.isLatest()) return false;
    this.#reading = false;
    if (retry) this.#checkGap();
    else this.#stopGapTimer();
    return true;
  }

  delta(delta: StandQueueDelta): void {
    this.#takeCounts(delta);
    const byVersion = new Map<number, WaitingChange[]>(delta.versions.map((v) => [v, []]));
    for (const change of delta.changes) {
      const list = byVersion.get(change[2]);
      if (list) list.push(change);
      else byVersion.set(change[2], [change]);
    }
    // Only carried versions count towards a gap: a push's counts are read when it is sent, so
    // their version may be ahead of the changes it carries, and the rest come in the next push.
    for (const [version, changes] of byVersion) {
      // A version comes whole in one message; seeing it again is a duplicate.
      if (this.#recent.has(version) || version <= this.#through) continue;
      this.#recent.set(version, changes);
      this.#highest = Math.max(this.#highest, version);
      this.#apply(version, changes);
    }
    this.#trim();
    this.#checkGap();
  }

  /** The connection was lost: the server forgot the watch, and what we hold may be old. */
  reset(): void {
    this.#reads.cancel();
    this.#reading = false;
    this.#forgetBase();
    this.#recent.clear();
    this.#highest = 0;
    this.#countsStale = true;
  }

  dispose(): void {
    this.#stopGapTimer();
  }

  // ---- internals -----------------------------------------------------------

  #takeCounts(counts: StandQueueCounts): void {
    const current = this.#counts;
    // Equal versions are taken: stand-level figures (recruiters, open) change without a new one.
    if (current && !this.#countsStale && counts.version < current.version) return;
    this.#countsStale = false;
    const { standId, open, version, queueLength, waiting } = counts;
    const { activeRecruiters, averageInterviewMs } = counts;
    this.#counts = {
      standId,
      open,
      version,
      queueLength,
      waiting,
      activeRecruiters,
      averageInterviewMs,
    };
  }

  #apply(version: number, changes: readonly WaitingChange[]): void {
    const ticket = this.#ticket;
    if (ticket === null || this.#ahead === null) return;
    if (version <= this.#through || this.#above.has(version)) return;
    for (const [changed, change] of changes) if (changed < ticket) this.#ahead += change;
    this.#above.add(version);
    while (this.#above.delete(this.#through + 1)) this.#through += 1;
  }

  #forgetBase(): void {
    this.#base = null;
    this.#ahead = null;
    this.#through = 0;
    this.#above.clear();
    this.#stopGapTimer();
  }

  /** Keeps about `bufferVersions` recent versions; trimmed in batches so a delta stays cheap. */
  #trim(): void {
    if (this.#recent.size <= 2 * this.#bufferVersions) return;
    const oldest = this.#highest - this.#bufferVersions;
    for (const version of this.#recent.keys()) if (version <= oldest) this.#recent.delete(version);
  }

  #checkGap(): void {
    if (this.#ticket === null || this.#base === null || this.#highest <= this.#through) {
      this.#stopGapTimer();
      return;
    }
    if (this.#gapTimer !== null) return;
    this.#gapTarget = this.#highest;
    this.#gapTimer = this.#timers.set(() => this.#gapDue(), this.#gapMs);
  }

  #gapDue(): void {
    this.#gapTimer = null;
    // A read under way rebases everything; its answer or failure checks again.
    if (this.#reading || this.#ticket === null || this.#base === null) return;
    if (this.#through < this.#gapTarget) this.#onGap();
    else this.#checkGap();
  }

  #stopGapTimer(): void {
    if (this.#gapTimer === null) return;
    this.#timers.clear(this.#gapTimer);
    this.#gapTimer = null;
  }
}
