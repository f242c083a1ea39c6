/**
 * The queue's append-only event log (for reports), written behind the live
 * change: `append` never fails and never waits, so a slow or briefly
 * unreachable database can neither fail an operation that already happened
 * in the queue store nor slow the queue down. Events are inserted in batches
 * every `flushMs`; a failed batch is kept and retried with backoff, in order.
 * What is still pending at shutdown is flushed before the database closes;
 * only a hard crash can lose the last `flushMs` of events.
 */
import type { Logger } from "pino";
import type { QueueEventType, QueueRepository, StandInfo } from "./queue.repository.js";

export interface QueueEventInput {
  stand: StandInfo | string;
  type: QueueEventType;
  candidateId: string | null;
  recruiterId?: string | null;
  data?: Record<string, unknown>;
}

interface PendingEvent extends QueueEventInput {
  at: Date;
}

const MAX_BATCH = 500;
const MAX_BACKOFF_MS = 5_000;

export class QueueEventLog {
  #pending: PendingEvent[] = [];
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();
  #failures = 0;

  constructor(
    private readonly repository: QueueRepository,
    private readonly log: Logger,
    private readonly flushMs = 100,
  ) {}

  append(event: QueueEventInput): void {
    this.#pending.push({ ...event, at: new Date() });
    this.#schedule(this.flushMs);
  }

  get pending(): number {
    return this.#pending.length;
  }

  /** Writes everything appended so far (tests and shutdown wait on it). */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#flushing = this.#flushing.then(() => this.#writeAll());
    await this.#flushing;
    if (this.#pending.length > 0) throw new Error(`${this.#pending.length} queue events unwritten`);
  }

  async close(): Promise<void> {
    for (let attempt = 0; attempt < 3 && this.#pending.length > 0; attempt += 1) {
      await this.flush().catch(() => undefined);
    }
    clearTimeout(this.#timer);
    if (this.#pending.length > 0) {
      this.log.error(
        { lost: this.#pending.length },
        "queue events could not be written at shutdown",
      );
    }
  }

  #schedule(delayMs: number): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#flushing = this.#flushing.then(() => this.#writeAll());
    }, delayMs);
  }

  async #writeAll(): Promise<void> {
    while (this.#pending.length > 0) {
      const batch = this.#pending.slice(0, MAX_BATCH);
      try {
        const rows = await this.#rows(batch);
        try {
          await this.repository.appendEvents(rows);
        } catch (error) {
          if (!isForeignKeyViolation(error)) throw error;
          // Someone in the batch deleted their account before it was written: write the
          // events one by one, and those about the deleted person without the person, as
          // ON DELETE SET NULL would have done had they been written first.
          for (const row of rows) {
            await this.repository.appendEvents([row]).catch(async (rowError: unknown) => {
              if (!isForeignKeyViolation(rowError)) throw rowError;
              await this.repository.appendEvents([
                { ...row, candidateId: null, recruiterId: null },
              ]);
            });
          }
        }
        this.#pending.splice(0, batch.length);
        this.#failures = 0;
      } catch (error) {
        this.#failures += 1;
        const retryMs = Math.min(MAX_BACKOFF_MS, this.flushMs * 2 ** this.#failures);
        this.log.warn(
          { err: error, pending: this.#pending.length, retryMs },
          "queue events not written yet; retrying",
        );
        this.#schedule(retryMs);
        return;
      }
    }
  }

  async #rows(batch: PendingEvent[]) {
    const rows = [];
    for (const event of batch) {
      const stand =
        typeof event.stand === "string"
          ? await this.repository.standInfo(event.stand)
          : event.stand;
      if (!stand) continue; // the stand was deleted; nothing to report on
      rows.push({
        fairId: stand.fairId,
        standId: stand.standId,
        type: event.type,
        candidateId: event.candidateId,
        recruiterId: event.recruiterId ?? null,
        at: event.at,
        ...(event.data ? { data: event.data } : {}),
      });
    }
    return rows;
  }
}

/** PostgreSQL's foreign_key_violation, from node-postgres or PGlite, possibly wrapped by drizzle. */
function isForeignKeyViolation(error: unknown): boolean {
  for (let current = error; current && typeof current === "object";) {
    if ((current as { code?: unknown }).code === "23503") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
