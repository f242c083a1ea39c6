/**
 * The queue outbox's drainer: what the queue store appended with each live
 * change (queue events, consents, screening answers, interview start and
 * end) is written to PostgreSQL here, behind the change, so no queue
 * operation waits for the database.
 *
 * Per fair, a batch is read, all its rows written in one transaction, and
 * only then acknowledged; a batch that fails stays with this drainer and is
 * retried with backoff, never dropped. Every process runs one; entries a
 * crashed process read but never acknowledged are claimed by another after
 * `claimIdleMs`. Writes are idempotent (queue.outbox-writes.ts), so an entry
 * written twice — claimed from a consumer that was only slow — does no harm.
 */
import type { Logger } from "pino";
import type { Database } from "../plugins/db.js";
import { writeOutboxEntries, type SkipReason, type WriteSummary } from "./queue.outbox-writes.js";
import type { OutboxEntry, QueueOutbox } from "./queue.store.js";

export interface OutboxDrainerOptions {
  /** This process's consumer name: unique among the processes draining the same outbox. */
  consumer: string;
  /** Entries per read and per transaction (2,000: under load every round trip waits for a busy event loop, so fewer, larger batches drain faster). */
  batchSize?: number;
  /** Pause between passes once every fair's outbox is drained. */
  intervalMs?: number;
  /** Another consumer's unacknowledged entries are claimed once idle this long (it crashed). */
  claimIdleMs?: number;
}

export interface OutboxDrainerStats {
  /** Records written (or found written already) and acknowledged so far; skipped ones apart. */
  drained: number;
  /** Entries acknowledged so far. */
  entries: number;
  /** Transactions committed. */
  batches: number;
  /** Records left out because what they name was deleted before the drain, or malformed. */
  skipped: number;
  /** Batches that failed (and were kept for a retry). */
  failures: number;
  lastError?: string;
}

type DrainedListener = (fairId: string, entries: OutboxEntry[]) => void | Promise<void>;

const MAX_BACKOFF_MS = 5_000;
/** Full batches read from one fair in a row before the other fairs get their turn. */
const MAX_BATCHES_PER_TURN = 20;
/** Passes `stop` makes over what is left before giving up. */
const STOP_ATTEMPTS = 3;

/** PostgreSQL errors about the data itself (classes 22 and 23): retrying the same rows cannot help. */
function isDataError(error: unknown): boolean {
  for (let current = error; current && typeof current === "object";) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^2[23]/.test(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export class QueueOutboxDrainer {
  readonly #listeners = new Set<DrainedListener>();
  readonly #options: Required<OutboxDrainerOptions>;
  /** Batches read but not yet written: retried before anything new is read for their fair. */
  readonly #unwritten = new Map<string, OutboxEntry[]>();
  readonly #backoff = new Map<string, { failures: number; retryAt: number }>();
  readonly #stats: OutboxDrainerStats = {
    drained: 0,
    entries: 0,
    batches: 0,
    skipped: 0,
    failures: 0,
  };
  #running = false;
  #loop: Promise<void> = Promise.resolve();
  #pass: Promise<unknown> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;
  #wake: (() => void) | undefined;

  constructor(
    private readonly outbox: QueueOutbox,
    private readonly db: Database,
    private readonly log: Logger,
    options: OutboxDrainerOptions,
  ) {
    this.#options = { batchSize: 2_000, intervalMs: 75, claimIdleMs: 10_000, ...options };
  }

  /** Called after each batch's commit and acknowledgement, with the batch's entries. */
  onDrained(listener: DrainedListener): void {
    this.#listeners.add(listener);
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** Stops the loop, then writes what is left (a few attempts; what stays is logged). */
  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    this.#wake?.();
    await this.#loop;
    for (let attempt = 0; attempt < STOP_ATTEMPTS; attempt += 1) {
      const drained = await this.drainOnce().then(
        () => true,
        () => false,
      );
      if (drained) break;
    }
    const left = await this.lag(Date.now()).catch(() => null);
    if (left && left.pending > 0) {
      this.log.warn({ ...left }, "queue outbox not fully drained at shutdown");
    }
  }

  /** At shutdown: the same as `stop` (the connections belong to the app). */
  close(): Promise<void> {
    return this.stop();
  }

  /**
   * One pass over every fair, until each one's outbox is empty (for tests and
   * shutdown); ignores backoff, throws the first failure after trying all fairs.
   */
  async drainOnce(): Promise<void> {
    let firstError: unknown;
    const remember = (error: unknown) => {
      firstError ??= error;
    };
    while (await this.#serial(() => this.#drainAll(false, remember))) {
      if (firstError !== undefined) break;
    }
    if (firstError !== undefined) throw firstError;
  }

  stats(): OutboxDrainerStats {
    return { ...this.#stats };
  }

  /** Entries not yet acknowledged across every fair, and the age of the oldest. */
  async lag(now: number): Promise<{ pending: number; oldestAgeMs: number | null }> {
    const lags = await Promise.all(
      (await this.outbox.fairs()).map((fairId) => this.outbox.lag(fairId, now)),
    );
    let pending = 0;
    let oldestAgeMs: number | null = null;
    for (const lag of lags) {
      pending += lag.pending;
      if (lag.oldestAgeMs !== null) oldestAgeMs = Math.max(oldestAgeMs ?? 0, lag.oldestAgeMs);
    }
    return { pending, oldestAgeMs };
  }

  async #run(): Promise<void> {
    while (this.#running) {
      let again = false;
      try {
        again = await this.#serial(() => this.#drainAll(true));
      } catch (error) {
        // Listing the fairs failed (the queue store is unreachable): try again after a pause.
        this.#stats.lastError = String(error);
        this.log.warn({ err: error }, "queue outbox not readable; retrying");
      }
      if (!again && this.#running) await this.#sleep(this.#options.intervalMs);
    }
  }

  /** Runs passes one at a time, whether the loop or a test asks. */
  #serial<T>(pass: () => Promise<T>): Promise<T> {
    const next = this.#pass.then(pass, pass);
    this.#pass = next.catch(() => undefined);
    return next;
  }

  /**
   * Gives every fair a turn (in the loop, not those backing off after a
   * failure); a failure is kept for a retry, and told to `onError`. True
   * when some fair had more than one turn's worth: the caller goes again.
   */
  async #drainAll(inLoop: boolean, onError?: (error: unknown) => void): Promise<boolean> {
    const fairs = new Set([...(await this.outbox.fairs()), ...this.#unwritten.keys()]);
    let more = false;
    for (const fairId of fairs) {
      const backoff = this.#backoff.get(fairId);
      if (inLoop && backoff && backoff.retryAt > Date.now()) continue;
      try {
        more = (await this.#drainFair(fairId)) || more;
        this.#backoff.delete(fairId);
      } catch (error) {
        onError?.(error);
        this.#failed(fairId, error);
      }
      if (inLoop && !this.#running) break;
    }
    return more;
  }

  /** True when the fair still had full batches after its turn. */
  async #drainFair(fairId: string): Promise<boolean> {
    const { batchSize, consumer, claimIdleMs } = this.#options;
    for (let turn = 0; turn < MAX_BATCHES_PER_TURN; turn += 1) {
      let batch = this.#unwritten.get(fairId);
      if (!batch) {
        batch = await this.outbox.read(fairId, consumer, batchSize, claimIdleMs);
        if (batch.length === 0) return false;
        this.#unwritten.set(fairId, batch);
      }
      const summary = await this.#write(batch);
      await this.outbox.ack(
        fairId,
        batch.map((entry) => entry.id),
      );
      this.#unwritten.delete(fairId);
      this.#drained(fairId, batch, summary);
      if (batch.length < batchSize) return false;
    }
    return true;
  }

  /** One transaction; when the data itself is refused, entry by entry, skipping those refused. */
  async #write(batch: OutboxEntry[]): Promise<WriteSummary> {
    try {
      return await this.db.transaction((tx) => writeOutboxEntries(tx, batch));
    } catch (error) {
      if (!isDataError(error)) throw error;
      this.log.warn(
        { err: error, entries: batch.length },
        "queue outbox batch refused; writing entry by entry",
      );
    }
    const total: WriteSummary = { records: 0, skipped: {} };
    for (const entry of batch) {
      let summary: WriteSummary;
      try {
        summary = await this.db.transaction((tx) => writeOutboxEntries(tx, [entry]));
      } catch (error) {
        if (!isDataError(error)) throw error;
        // Poison: never written, so it must not hold the fair's outbox up for ever.
        this.log.error(
          { err: error, fairId: entry.fairId, entryId: entry.id, records: entry.records },
          "queue outbox entry cannot be written; skipped",
        );
        summary = { records: entry.records.length, skipped: { malformed: entry.records.length } };
      }
      total.records += summary.records;
      for (const [reason, count] of Object.entries(summary.skipped)) {
        const key = reason as SkipReason;
        total.skipped[key] = (total.skipped[key] ?? 0) + count;
      }
    }
    return total;
  }

  #drained(fairId: string, batch: OutboxEntry[], summary: WriteSummary): void {
    const skipped = Object.values(summary.skipped).reduce((sum, count) => sum + count, 0);
    this.#stats.drained += summary.records - skipped;
    this.#stats.entries += batch.length;
    this.#stats.batches += 1;
    this.#stats.skipped += skipped;
    if (skipped > 0) {
      this.log.warn(
        { fairId, skipped: summary.skipped },
        "queue outbox records about deleted stands, questions or people left out",
      );
    }
    const failed = (error: unknown) =>
      this.log.error({ err: error, fairId }, "queue outbox listener failed");
    for (const listener of this.#listeners) {
      try {
        void Promise.resolve(listener(fairId, batch)).catch(failed);
      } catch (error) {
        failed(error);
      }
    }
  }

  #failed(fairId: string, error: unknown): void {
    const failures = (this.#backoff.get(fairId)?.failures ?? 0) + 1;
    const retryMs = Math.min(MAX_BACKOFF_MS, this.#options.intervalMs * 2 ** failures);
    this.#backoff.set(fairId, { failures, retryAt: Date.now() + retryMs });
    this.#stats.failures += 1;
    this.#stats.lastError = String(error);
    this.log.warn(
      { err: error, fairId, unwritten: this.#unwritten.get(fairId)?.length ?? 0, retryMs },
      "queue outbox batch not written yet; retrying",
    );
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.#wake = resolve;
      this.#timer = setTimeout(resolve, ms);
      this.#timer.unref();
    });
  }
}
