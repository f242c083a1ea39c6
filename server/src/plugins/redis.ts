/**
 * Redis connections. Commands and pub/sub need separate connections, so the
 * factory hands out named clients and closes them all at shutdown. On one
 * Redis each client is an ioredis `Redis`; with REDIS_CLUSTER it is an ioredis
 * `Cluster` over the seed nodes, which follows the slot map, redirections and
 * failovers itself. Callers see `RedisClient`, which both satisfy.
 */
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from "ioredis";
import type { Logger } from "pino";
import { redactUrl, redisSeedUrls } from "../config.js";

/** A connection to one Redis or to a cluster: scripts, commands and (sharded) pub/sub alike. */
export type RedisClient = Redis | Cluster;

export class RedisStartError extends Error {
  override name = "RedisStartError";
}

export interface RedisConnectOptions {
  /**
   * The client will SSUBSCRIBE (sharded pub/sub, as the sharded Socket.io
   * adapter does). On a cluster that needs a subscriber per master, which
   * ioredis only opens when asked; on one Redis it changes nothing.
   */
  shardedSubscriber?: boolean;
}

export interface RedisConnections {
  /** A new connected client; all are closed by `close()`. */
  connect(name: string, options?: RedisConnectOptions): Promise<RedisClient>;
  close(): Promise<void>;
}

/** `url` is REDIS_URL: one URL, or with `cluster` comma-separated seed nodes (see config.ts). */
export function redisConnections(
  url: string,
  log: Logger,
  options: { cluster?: boolean } = {},
): RedisConnections {
  const cluster = options.cluster ?? false;
  const seeds = redisSeedUrls(url);
  if (!seeds?.[0] || (!cluster && seeds.length > 1)) {
    throw new RedisStartError(`REDIS_URL is not one Redis URL: ${redactUrl(url)}`);
  }
  const clients: RedisClient[] = [];
  const common = (name: string): RedisOptions => ({
    connectionName: `crossfair:${name}`,
    connectTimeout: 5_000,
    maxRetriesPerRequest: 3,
    // No auto-pipelining: ioredis keeps one auto-pipeline in flight per connection, so on a
    // busy event loop every command waited for the previous batch's replies; in the queue
    // bench it doubled the server-side latency (p50 ≤ 500 ms against ≤ 250) for no CPU saved.
  });
  // A subscriber's options, both found by the soak:
  // - a subscription asked for while Redis is away waits for it to come back (ioredis then
  //   renews it with the others): failed after three retries, the channel would stay deaf and
  //   its rejection, which the Socket.io adapter never catches, unhandled;
  // - no ready check: while a restarted Redis loads its AOF, ioredis retries its INFO on a
  //   timer, and a subscription sent meanwhile (SSUBSCRIBE is allowed during loading) turns
  //   the connection into a subscriber that refuses the retried INFO: an unhandled rejection
  //   (ioredis #2037, fixed in 6.0). A subscriber needs no data loaded anyway.
  const clientOptions = (name: string, connect: RedisConnectOptions): RedisOptions => ({
    ...common(name),
    ...(connect.shardedSubscriber ? { maxRetriesPerRequest: null, enableReadyCheck: false } : {}),
  });
  const create = (name: string, connect: RedisConnectOptions): RedisClient =>
    cluster
      ? new Cluster(seeds.map(clusterNode), {
          ...clusterOptions(seeds[0]!, clientOptions(name, connect)),
          shardedSubscribers: connect.shardedSubscriber ?? false,
        })
      : new Redis(url, { ...clientOptions(name, connect), lazyConnect: true });
  return {
    async connect(name, connectOptions = {}) {
      const client = create(name, connectOptions);
      // Reconnection is ioredis' job; an error event must only be logged.
      client.on("error", (error) => log.warn({ err: error, client: name }, "redis error"));
      try {
        await client.connect();
      } catch (error) {
        client.disconnect();
        throw new RedisStartError(
          `Cannot connect to REDIS_URL (${redactUrl(url)}${cluster ? ", cluster" : ""}): ${(error as Error).message}`,
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

const clusterNode = (url: URL) => ({
  // An IPv6 literal keeps its brackets in URL.hostname.
  host: url.hostname.replace(/^\[(.*)\]$/, "$1"),
  port: Number(url.port || 6379),
});

/** The first seed's credentials and TLS apply to every node the cluster reports. */
function clusterOptions(first: URL, common: RedisOptions): ClusterOptions {
  return {
    lazyConnect: true,
    redisOptions: {
      ...common,
      username: decodeURIComponent(first.username) || undefined,
      password: decodeURIComponent(first.password) || undefined,
      tls: first.protocol === "rediss:" ? {} : undefined,
    },
  };
}
