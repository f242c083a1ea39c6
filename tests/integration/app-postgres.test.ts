/**
 * The production database path: DATABASE_URL pointing at the real PostgreSQL
 * on 127.0.0.1:5432. Migrations apply at start (once, even when two processes
 * start together), the seed works, and the hall reads the same as on PGlite.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fairHallSchema } from "@crossfair/shared";
import { migrationsFolder } from "@crossfair/server/plugins/db";
import { buildTestApp, type TestApp } from "../support/app.js";
import { createTestDatabase, queryDatabase, type TestDatabase } from "../support/databases.js";
import { postgresAvailable } from "../support/services.js";

const available = await postgresAvailable();
const journal = JSON.parse(
  readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8"),
) as { entries: unknown[] };
const migrationCount = journal.entries.length;

describe.runIf(available)("PostgreSQL through DATABASE_URL", () => {
  let database: TestDatabase;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const app of apps) await app.dispose();
    await database?.drop();
  });

  it("applies the migrations once when two servers start at the same time", async () => {
    const started = await Promise.all([
      buildTestApp({ DATABASE_URL: database.url, SEED_DEMO: "true" }),
      buildTestApp({ DATABASE_URL: database.url }),
    ]);
    apps.push(...started);
    expect(started.map((app) => app.database.kind)).toEqual(["postgres", "postgres"]);
    const rows = await queryDatabase<{ count: number }>(
      database.url,
      "select count(*)::int as count from drizzle.__drizzle_migrations",
    );
    expect(rows).toEqual([{ count: migrationCount }]);
  });

  it("does not seed a PostgreSQL database unless asked", async () => {
    const seededFlags = apps.map((app) => app.seeded);
    expect(seededFlags).toEqual([true, false]);
  });

  it("serves the seeded hall from PostgreSQL", async () => {
    const response = await apps[1]!.http.inject({ url: "/api/fairs/current/hall" });
    expect(response.statusCode).toBe(200);
    const hall = fairHallSchema.parse(response.json());
    expect(hall.stands).toHaveLength(8);
    expect(hall.stands.flatMap((stand) => stand.vacancies).length).toBeGreaterThanOrEqual(12);
  });

  it("is ready when PostgreSQL answers", async () => {
    const response = await apps[0]!.http.inject({ url: "/readyz" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ checks: { database: { ok: true } } });
  });

  it("reports not ready, without crashing, when the database goes away", async () => {
    const app = await buildTestApp({ DATABASE_URL: database.url });
    await app.database.close();
    const response = await app.http.inject({ url: "/readyz" });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({
      status: "not_ready",
      checks: { database: { ok: false }, queueStore: { ok: true } },
    });
    await app.dispose();
  });
});
