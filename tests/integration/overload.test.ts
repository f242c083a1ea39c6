/**
 * A database pool with no free connection in time is "busy, try again", not
 * an internal error: the real node-postgres error is recognised through
 * drizzle's wrapping, as the HTTP and socket error answers use it.
 */
import { drizzle } from "drizzle-orm/node-postgres";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { isOverloaded } from "@crossfair/server/plugins/errors";
import { POSTGRES_ADMIN_URL, postgresAvailable } from "../support/services.js";

describe.runIf(await postgresAvailable())("an exhausted database pool", () => {
  const pool = new pg.Pool({
    connectionString: POSTGRES_ADMIN_URL,
    max: 1,
    connectionTimeoutMillis: 100,
  });
  afterAll(() => pool.end());

  it("is told apart from other failures", async () => {
    const db = drizzle(pool);
    const held = await pool.connect();
    try {
      const failure = await db.execute(sql`select 1`).then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).not.toBeNull();
      expect(isOverloaded(failure)).toBe(true);
    } finally {
      held.release();
    }
    const other = await db.execute(sql`select * from no_such_table`).then(
      () => null,
      (error: unknown) => error,
    );
    expect(other).not.toBeNull();
    expect(isOverloaded(other)).toBe(false);
    expect(isOverloaded(new Error("timeout"))).toBe(false);
  });
});
