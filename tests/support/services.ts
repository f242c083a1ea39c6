/**
 * Where the real backing services are, and what to do when one is missing:
 * on a developer's machine the suites that need it are skipped with a loud
 * banner; in CI (`CI=true`) a missing service fails the run.
 */
import net from "node:net";

export const POSTGRES_ADMIN_URL =
  process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
export const REDIS_TEST_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379/0";

export const isCI = /^(1|true|yes)$/i.test(process.env.CI ?? "");

function portOpen(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || defaultPort) });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/**
 * Resolves true when the service is reachable. When it is not: throws in CI,
 * otherwise prints a banner so that a skipped suite is never silent.
 */
export async function requireService(
  name: "PostgreSQL" | "Redis" | "Chromium" | "coturn" | "topology",
  available: boolean,
  where: string,
): Promise<boolean> {
  if (available) return true;
  const message = `${name} is not available at ${where}`;
  if (isCI) throw new Error(`${message}; CI requires it.`);
  const bar = "!".repeat(message.length + 30);
  console.warn(`\n${bar}\n!!  SKIPPING TESTS: ${message}  !!\n${bar}\n`);
  return false;
}

export const postgresAvailable = async () =>
  requireService("PostgreSQL", await portOpen(POSTGRES_ADMIN_URL, 5432), POSTGRES_ADMIN_URL);
export const redisAvailable = async () =>
  requireService("Redis", await portOpen(REDIS_TEST_URL, 6379), REDIS_TEST_URL);
