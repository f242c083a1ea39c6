/**
 * The database connection: embedded PGlite when no DATABASE_URL is set,
 * PostgreSQL otherwise. Both run the same drizzle schema and the same
 * committed migrations, applied at start.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import type { Logger } from "pino";
import { redactUrl } from "../config.js";
import * as schema from "../db/schema.js";

export type Schema = typeof schema;
/** The drizzle database, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction on the database, as `db.transaction` hands it to its callback. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface DatabaseHandle {
  readonly db: Database;
  readonly kind: "pglite" | "postgres";
  /** Raw SQL for libraries that bring their own (the job scheduler): several statements when no values. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));

/** Arbitrary fixed key so that concurrent server starts apply migrations one at a time. */
const MIGRATION_LOCK_KEY = 73_142_001;

export class DatabaseStartError extends Error {
  override name = "DatabaseStartError";
}

export interface DatabaseOptions {
  /** PostgreSQL URL; absent means embedded PGlite. */
  url?: string | undefined;
  /** Directory for PGlite data; ignored with a URL. */
  dataDir: string;
  /** PostgreSQL pool size; ignored for PGlite. */
  poolSize?: number;
  log: Logger;
  /** Apply the migrations (default); a second connection of the same process skips them. */
  migrate?: boolean;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return options.url
    ? openPostgres(options.url, options.log, options.poolSize ?? 10, options.migrate ?? true)
    : openPglite(options.dataDir, options.log);
}

async function openPglite(dataDir: string, log: Logger): Promise<DatabaseHandle> {
  const directory = path.join(dataDir, "pglite");
  await mkdir(directory, { recursive: true });
  const client = await PGlite.create(directory);
  const db = drizzlePglite({ client, schema });
  await migratePglite(db, { migrationsFolder });
  log.info({ directory }, "embedded PGlite database ready");
  return {
    db: db as unknown as Database,
    kind: "pglite",
    executeSql: async (text, values) => {
      if (values && values.length > 0) return { rows: (await client.query(text, values)).rows };
      const results = await client.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
    ping: async () => {
      await client.query("select 1");
    },
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
}

async function openPostgres(
  url: string,
  log: Logger,
  poolSize: number,
  migrate: boolean,
): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: 5_000,
    max: poolSize,
  });
  // An idle client losing its connection must not crash the process.
  pool.on("error", (error) => log.error({ err: error }, "idle PostgreSQL client error"));
  let lockClient: pg.PoolClient;
  try {
    lockClient = await pool.connect();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseStartError(
      `Cannot connect to DATABASE_URL (${redactUrl(url)}): ${(error as Error).message}`,
    );
  }
  try {
    await lockClient.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    if (migrate) {
      await migrateNodePg(drizzleNodePg({ client: lockClient, schema }), { migrationsFolder });
    }
  } catch (error) {
    lockClient.release();
    await pool.end().catch(() => undefined);
    throw new DatabaseStartError(
      `Migrations failed on DATABASE_URL (${redactUrl(url)}): ${(error as Error).message}`,
    );
  }
  await lockClient.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
  lockClient.release();
  const db = drizzleNodePg({ client: pool, schema });
  log.info({ url: redactUrl(url) }, "PostgreSQL database ready");
  return {
    db: db as unknown as Database,
    kind: "postgres",
    executeSql: async (text, values) =>
      pool.query(text, values && values.length > 0 ? values : undefined),
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: async () => {
      await pool.end();
    },
  };
}
