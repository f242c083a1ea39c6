/**
 * Redis connections. Commands and pub/sub need separate connections, so the
 * factory hands out named clients and closes them all at shutdown.
 */
import { Redis } from "ioredis";
import type { Logger } from "pino";
import { redactUrl } from "../config.js";

export class RedisStartError extends Error {
  override name = "RedisStartError";
}

export interface RedisConnections {
  /** A new connected client; all are closed by `close()`. */
  connect(name: string): Promise<Redis>;
  close(): Promise<void>;
}

export function redisConnections(url: string, log: Logger): RedisConnections {
  const clients: Redis[] = [];
  return {
    async connect(name) {
      const client = new Redis(url, {
        connectionName: `crossfair:${name}`,
        lazyConnect: true,
        connectTimeout: 5_000,
        maxRetriesPerRequest: 3,
      });
      // Reconnection is ioredis' job; an error event must only be logged.
      client.on("error", (error) => log.warn({ err: error, client: name }, "redis error"));
      try {
        await client.connect();
      } catch (error) {
        client.disconnect();
        throw new RedisStartError(
          `Cannot connect to REDIS_URL (${redactUrl(url)}): ${(error as Error).message}`,
        );
      }
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(
        clients.splice(0).map((client) => client.quit().catch(() => client.disconnect())),
      );
    },
  };
}
