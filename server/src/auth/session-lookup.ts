/**
 * The session a token hash opens, read in batches: every HTTP request and
 * every socket handshake asks, and when a server process dies its hundreds of
 * candidates reconnect to the others at once. One query per lookup then queued
 * for the pool until handshakes timed out ("database pool exhausted") and the
 * clients' retries came back as a second wave (the soak's server kill: 731
 * reconnects, 58 s). Lookups asked within a few milliseconds share one
 * `token_hash = any(…)` query. Nothing is cached: a session ended a moment ago
 * is not found by the next lookup. DataLoader does the batching (a well-kept
 * library for exactly this; its cache is turned off).
 */
import DataLoader from "dataloader";
import { and, gt, inArray, isNull, eq } from "drizzle-orm";
import type { Database } from "../plugins/db.js";
import { sessions, users } from "./auth.schema.js";

/** How long a lookup waits for others to share its query. */
const BATCH_WINDOW_MS = 2;
/** Most token hashes in one query. */
const MAX_BATCH = 500;

export interface SessionRow {
  user: typeof users.$inferSelect;
  sessionId: string;
  expiresAt: Date;
}

export class SessionLookup {
  readonly #loader: DataLoader<string, SessionRow | null>;

  constructor(private readonly db: Pick<Database, "select">) {
    this.#loader = new DataLoader((hashes) => this.#read(hashes), {
      cache: false,
      maxBatchSize: MAX_BATCH,
      batchScheduleFn: (run) => setTimeout(run, BATCH_WINDOW_MS),
    });
  }

  /** The live session of an account that is not suspended, or null. */
  find(tokenHash: string): Promise<SessionRow | null> {
    return this.#loader.load(tokenHash);
  }

  async #read(hashes: readonly string[]): Promise<(SessionRow | null)[]> {
    const rows = await this.db
      .select({ user: users, sessionId: sessions.tokenHash, expiresAt: sessions.expiresAt })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(
        and(
          inArray(sessions.tokenHash, [...new Set(hashes)]),
          gt(sessions.expiresAt, new Date()),
          // A suspension deletes the sessions; this also covers one opened in the same instant.
          isNull(users.suspendedAt),
        ),
      );
    const found = new Map(rows.map((row) => [row.sessionId, row]));
    return hashes.map((hash) => found.get(hash) ?? null);
  }
}
