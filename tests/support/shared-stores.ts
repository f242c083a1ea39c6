/**
 * Server instances that share their stores, the way a deployment runs more
 * than one process: one fresh PostgreSQL database and one Redis under a key
 * prefix of their own, and the clean-up that drops the database and deletes
 * the prefix's keys. `startAppPair` builds two in-process apps on them, the
 * first seeding the demo fair, both listening so sockets can reach them.
 */
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { buildTestApp, type TestApp } from "./app.js";
import { createTestDatabase } from "./databases.js";
import { REDIS_TEST_URL, postgresAvailable, redisAvailable } from "./services.js";
import { connectClient, type TestSocket } from "./socket-client.js";

export interface SharedStores {
  /** What every instance starts with: DATABASE_URL, REDIS_URL and REDIS_KEY_PREFIX. */
  env: { DATABASE_URL: string; REDIS_URL: string; REDIS_KEY_PREFIX: string };
  /** Drops the database and deletes every Redis key under the prefix. */
  drop(): Promise<void>;
}

export async function createSharedStores(): Promise<SharedStores> {
  const database = await createTestDatabase();
  const prefix = `crossfair-test-${randomBytes(4).toString("hex")}`;
  return {
    env: { DATABASE_URL: database.url, REDIS_URL: REDIS_TEST_URL, REDIS_KEY_PREFIX: prefix },
    async drop() {
      await database.drop();
      const redis = new Redis(REDIS_TEST_URL);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    },
  };
}

export interface AppPair {
  /** Built first, with the demo fair seeded. */
  first: TestApp;
  second: TestApp;
  /** A socket to one of the two apps, closed by `close()`. */
  connect(app: TestApp, cookie?: string): Promise<TestSocket>;
  /** Closes the sockets and both apps, then drops the shared stores. */
  close(): Promise<void>;
}

/** Two in-process apps on shared stores; `env` adds settings for both. */
export async function startAppPair(env: Record<string, string> = {}): Promise<AppPair> {
  const stores = await createSharedStores();
  const apps: TestApp[] = [];
  const sockets: TestSocket[] = [];
  const close = async () => {
    for (const socket of sockets) socket.close();
    for (const app of apps) await app.dispose();
    await stores.drop();
  };
  try {
    apps.push(await buildTestApp({ ...stores.env, ...env, SEED_DEMO: "true" }));
    apps.push(await buildTestApp({ ...stores.env, ...env }));
    for (const app of apps) await app.http.listen({ host: "127.0.0.1", port: 0 });
  } catch (error) {
    await close();
    throw error;
  }
  const [first, second] = apps as [TestApp, TestApp];
  return {
    first,
    second,
    async connect(app, cookie) {
      const { port } = app.http.server.address() as AddressInfo;
      const { socket } = await connectClient(`http://127.0.0.1:${port}`, cookie);
      sockets.push(socket);
      return socket;
    },
    close,
  };
}

/** One way of running the server for a suite: its settings, and what to drop afterwards. */
export interface StoreBackend {
  name: string;
  env(): Promise<{ env: Record<string, string>; drop?(): Promise<void> }>;
}

/**
 * The embedded default (PGlite and the in-process queue), and PostgreSQL with
 * Redis (the demo seeded in a fresh database, a Redis prefix of its own)
 * when both are reachable: the two stacks a suite about live state runs on.
 */
export async function embeddedAndShared(): Promise<StoreBackend[]> {
  const backends: StoreBackend[] = [
    { name: "PGlite and the in-process queue", env: async () => ({ env: {} }) },
  ];
  if ((await postgresAvailable()) && (await redisAvailable())) {
    backends.push({
      name: "PostgreSQL and Redis",
      async env() {
        const stores = await createSharedStores();
        return { env: { ...stores.env, SEED_DEMO: "true" }, drop: () => stores.drop() };
      },
    });
  }
  return backends;
}
