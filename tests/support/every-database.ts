/**
 * Runs one suite on both databases the server supports: the embedded PGlite,
 * and a fresh PostgreSQL database (with the demo data seeded) when PostgreSQL
 * is reachable — skipped loudly otherwise, failed in CI.
 */
import { afterAll, beforeAll } from "vitest";
import { createTestDatabase, type TestDatabase } from "./databases.js";
import { postgresAvailable } from "./services.js";

/**
 * Registers `suite` twice at the top level of a test file. `env` is read from
 * the suite's own hooks, once the PostgreSQL database exists.
 */
export async function onEveryDatabase(
  suite: (backend: string, env: () => Record<string, string>) => void,
): Promise<void> {
  suite("PGlite", () => ({}));
  if (!(await postgresAvailable())) return;
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.drop());
  suite("PostgreSQL", () => ({ DATABASE_URL: database!.url, SEED_DEMO: "true" }));
}
