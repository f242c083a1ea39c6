/**
 * A PostgreSQL that restarts is "try again", not an internal error: the
 * errors node-postgres gives when the server cuts a connection under a query,
 * or refuses new ones while it is down, are recognised through drizzle's
 * wrapping, as the HTTP and socket error answers use them. The soak found
 * sign-ins answered 500 during a restart. A PostgreSQL of this test's own.
 */
import { drizzle } from "drizzle-orm/node-postgres";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDatabaseUnreachable, transientFailure } from "@crossfair/server/plugins/errors";
import { startPostgresInstance, type PostgresInstance } from "../support/postgres-instance.js";
import { postgresAvailable } from "../support/services.js";

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

describe.runIf(await postgresAvailable())("an unreachable database", () => {
  let postgres: PostgresInstance;
  let pool: pg.Pool;

  beforeAll(async () => {
    postgres = await startPostgresInstance();
    pool = new pg.Pool({ connectionString: postgres.url, max: 2, connectionTimeoutMillis: 2_000 });
    pool.on("error", () => undefined); // idle clients cut by the restart
  }, 60_000);

  afterAll(async () => {
    await pool?.end();
    await postgres?.stop();
  });

  it("is told apart from a query that is wrong", async () => {
    const db = drizzle(pool);
    // A query running when the server shuts down fast is cut ("terminating connection").
    const cut = failureOf(db.execute(sql`select pg_sleep(30)`));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const restarting = postgres.restart();
    const cutError = await cut;
    expect(cutError).not.toBeNull();
    expect(isDatabaseUnreachable(cutError)).toBe(true);
    expect(transientFailure(cutError)?.log).toBe("database unreachable");
    await restarting;

    const wrong = await failureOf(db.execute(sql`select * from no_such_table`));
    expect(wrong).not.toBeNull();
    expect(isDatabaseUnreachable(wrong)).toBe(false);
    expect(transientFailure(wrong)).toBeNull();

    // Nobody listening: the connection is refused.
    const refused = await failureOf(
      drizzle(
        new pg.Pool({ connectionString: "postgres://postgres@127.0.0.1:1/postgres" }),
      ).execute(sql`select 1`),
    );
    expect(isDatabaseUnreachable(refused)).toBe(true);
  }, 60_000);
});
