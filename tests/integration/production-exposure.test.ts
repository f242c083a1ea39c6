/**
 * What a production server shows strangers: no API documentation at /docs
 * unless API_DOCS says so, and a /readyz that says which dependency failed
 * but not its error text (hosts, ports, driver messages) unless
 * READINESS_DETAILS says so. The same failure, Redis killed under two apps
 * (one with the production defaults, one in development), is read from both.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readinessSchema } from "@crossfair/shared";
import { buildTestApp, type TestApp } from "../support/app.js";
import {
  redisServerAvailable,
  startRedisInstance,
  type RedisInstance,
} from "../support/redis-instance.js";

const available = await redisServerAvailable();

describe.runIf(available)("what production exposes", () => {
  let redis: RedisInstance;
  let production: TestApp;
  let development: TestApp;

  beforeAll(async () => {
    redis = await startRedisInstance();
    const env = {
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: `crossfair-test-${randomBytes(4).toString("hex")}`,
      MEDIA_WORKERS: "0",
    };
    production = await buildTestApp({ ...env, NODE_ENV: "production" });
    development = await buildTestApp({ ...env, NODE_ENV: "development" });
  });

  afterAll(async () => {
    await production?.dispose();
    await development?.dispose();
    await redis?.stop();
  });

  it("serves no API documentation in production unless asked", async () => {
    for (const url of ["/docs", "/docs/json"]) {
      expect((await production.http.inject({ url })).statusCode).toBe(404);
    }
    expect((await development.http.inject({ url: "/docs/json" })).statusCode).toBe(200);
  });

  it("says which dependency failed, and why only outside production", async () => {
    await redis.kill();
    const readiness = async (app: TestApp) => {
      const response = await app.http.inject({ url: "/readyz" });
      expect(response.statusCode).toBe(503);
      return readinessSchema.parse(response.json());
    };
    const hidden = await readiness(production);
    expect(hidden.checks.queueStore).toEqual({ ok: false });
    expect(hidden.checks.database).toEqual({ ok: true });
    const shown = await readiness(development);
    expect(shown.checks.queueStore.ok).toBe(false);
    expect(shown.checks.queueStore.detail).toEqual(expect.any(String));
    await redis.restart();
  });
});
