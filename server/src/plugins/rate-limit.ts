/**
 * Rate limits with @fastify/rate-limit: off by default, switched on per route
 * (`config.rateLimit`), counted in Redis when there is one so that every
 * process shares the count. Exceeding a limit answers 429 `rate_limited`.
 */
import fastifyRateLimit from "@fastify/rate-limit";
import type { FastifyInstance } from "fastify";
import type { RedisClient } from "./redis.js";

export async function registerRateLimit(
  app: FastifyInstance,
  redis: RedisClient | null,
  keyPrefix: string,
): Promise<void> {
  await app.register(fastifyRateLimit, {
    global: false,
    ...(redis ? { redis, nameSpace: `${keyPrefix}:rl:` } : {}),
  });
}
