/**
 * Raw Redis for scale: Debian's `redis-benchmark -t zadd`, whose requests per
 * second the queue's operations per second are compared with. The command
 * writes the key `myzset`; it is deleted afterwards unless it existed before.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { Redis } from "ioredis";

const run = promisify(execFile);

export async function redisZaddPerSec(redisUrl: string): Promise<number | null> {
  const { hostname, port } = new URL(redisUrl);
  const redis = new Redis(redisUrl, { lazyConnect: true });
  await redis.connect();
  try {
    const existed = (await redis.exists("myzset")) === 1;
    const args = ["-h", hostname, "-p", port || "6379", "-t", "zadd", "-n", "100000", "-q"];
    let stdout: string;
    try {
      ({ stdout } = await run("redis-benchmark", args, { timeout: 120_000 }));
    } catch (error) {
      console.warn(
        `redis-benchmark failed (install Debian's redis-tools): ${(error as Error).message}`,
      );
      return null;
    }
    if (!existed) await redis.del("myzset");
    // "ZADD: 98039.22 requests per second, p50=0.255 msec" (carriage returns for progress).
    const match = /ZADD:\s*([\d.]+)\s*requests per second/.exec(stdout.replaceAll("\r", "\n"));
    return match?.[1] ? Number(match[1]) : null;
  } finally {
    redis.disconnect();
  }
}
