/**
 * Timers that outlive a process: work due at a moment (a booked slot's call,
 * its reminders) is stored in the database and runs once, in one process,
 * however many there are and whichever of them restarted meanwhile.
 *
 * pg-boss does the work (jobs in PostgreSQL tables, fetched with SKIP LOCKED,
 * retried, expired, archived). It was chosen over BullMQ and graphile-worker
 * because it runs on the same database in both configurations: PostgreSQL in
 * production and the embedded PGlite (through its `db` adapter) by default,
 * so the embedded demo needs no Redis and a restart keeps its timers. pg-boss
 * 10 is the last line that runs on Node 20.
 *
 * A job has a key (a booking's id and what the job does): scheduling the same
 * key twice stores it once, and cancelling by key needs no stored job id.
 */
import { createHash } from "node:crypto";
import PgBoss from "pg-boss";
import type { Logger } from "pino";
import type { DatabaseHandle } from "../plugins/db.js";

/** How often each process looks for due jobs; a job runs at most this late (plus its queue's load). */
const POLL_SECONDS = 1;
/** Deadlock, unique violation, duplicate table: another process created the queue meanwhile. */
const RACE_CODES = new Set(["40P01", "23505", "42P07"]);
const CREATE_ATTEMPTS = 6;
const isRace = (error: unknown) => RACE_CODES.has(String((error as { code?: unknown }).code));
const pause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * attempt));

export interface JobOptions {
  /** When it is due (stored jobs whose moment passed run at once). */
  at: Date;
  /** Unique within the job's name: the same key is stored once. */
  key: string;
  /** Tries after a failure (or a `RetryLater`), each `retryDelaySeconds` apart. */
  retries?: number;
  retryDelaySeconds?: number;
}

/** Thrown by a handler whose work cannot be done yet: the job runs again after its retry delay. */
export class RetryLater extends Error {
  override name = "RetryLater";
}

type Handler<T> = (data: T) => Promise<void>;

/** A job's stored id, made from its name and key (a UUID-shaped SHA-256 prefix). */
export function jobId(name: string, key: string): string {
  const hex = createHash("sha256").update(`${name}\u0000${key}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export class JobScheduler {
  readonly #boss: PgBoss;
  readonly #queues = new Map<string, Promise<void>>();
  #stopped = false;

  private constructor(
    boss: PgBoss,
    private readonly log: Logger,
  ) {
    this.#boss = boss;
  }

  /**
   * Starts pg-boss, which installs its schema the first time. Processes
   * starting together on a new database race to create it: the losers are
   * answered with a duplicate and start again, finding it there.
   */
  static async start(database: DatabaseHandle, log: Logger): Promise<JobScheduler> {
    for (let attempt = 1; ; attempt += 1) {
      const boss = new PgBoss({
        db: { executeSql: (text, values) => database.executeSql(text, values) },
        schedule: false,
        supervise: true,
        // Finished jobs go after a week; what happened is in the domains' own records.
        deleteAfterDays: 7,
      });
      const scheduler = new JobScheduler(boss, log);
      boss.on("error", (error) => {
        // A database away for a moment: pg-boss polls again; say it once per burst.
        if (!scheduler.#stopped) log.warn({ err: error }, "job scheduler error");
      });
      try {
        await boss.start();
        return scheduler;
      } catch (error) {
        scheduler.#stopped = true;
        await boss.stop({ graceful: false, close: false }).catch(() => undefined);
        if (attempt >= CREATE_ATTEMPTS || !isRace(error)) throw error;
        await pause(attempt);
      }
    }
  }

  #queue(name: string): Promise<void> {
    let ready = this.#queues.get(name);
    if (!ready) {
      ready = this.#createQueue(name);
      this.#queues.set(name, ready);
      ready.catch(() => this.#queues.delete(name));
    }
    return ready;
  }

  /**
   * Creates the queue (a partition table) unless there is one. Processes
   * starting together race to create it: PostgreSQL then answers one of them
   * with a deadlock or a duplicate, and that one looks again.
   */
  async #createQueue(name: string): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        if (await this.#boss.getQueue(name)) return;
        await this.#boss.createQueue(name, { name, policy: "standard" });
        return;
      } catch (error) {
        if (attempt >= CREATE_ATTEMPTS || !isRace(error)) throw error;
        await pause(attempt);
      }
    }
  }

  /** Stores a job; false when one with the same key is stored already. */
  async schedule<T extends object>(name: string, data: T, options: JobOptions): Promise<boolean> {
    await this.#queue(name);
    const id = await this.#boss.send(name, data, {
      id: jobId(name, options.key),
      startAfter: options.at,
      retryLimit: options.retries ?? 3,
      retryDelay: options.retryDelaySeconds ?? 15,
    });
    return id !== null;
  }

  /** Cancels a job not yet run (nothing happens when there is none). */
  async cancel(name: string, key: string): Promise<void> {
    await this.#queue(name);
    await this.#boss.cancel(name, jobId(name, key));
  }

  /** The job's state in pg-boss' terms (`created`, `retry`, `active`, `completed`, `cancelled`, `failed`), or null. */
  async state(name: string, key: string): Promise<string | null> {
    await this.#queue(name);
    const job = await this.#boss.getJobById(name, jobId(name, key));
    return job?.state ?? null;
  }

  /** Runs `handler` for each due job of `name`, one at a time in this process. */
  async work<T extends object>(name: string, handler: Handler<T>): Promise<void> {
    await this.#queue(name);
    await this.#boss.work<T>(name, { pollingIntervalSeconds: POLL_SECONDS }, async ([job]) => {
      if (!job) return;
      try {
        await handler(job.data);
      } catch (error) {
        if (!(error instanceof RetryLater)) {
          this.log.error({ err: error, job: name }, "a job failed; it will be tried again");
        }
        throw error;
      }
    });
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#boss.stop({ graceful: true, wait: true, timeout: 5_000, close: false });
  }
}
