/**
 * A small Redis Cluster of the test's own: three `redis-server
 * --cluster-enabled yes` masters on free ports (each with its bus port,
 * port + 10000, free too), joined with `redis-cli --cluster create`, ready
 * once every node reports `cluster_state:ok` and knows the other two. No
 * persistence; `stop()` kills the servers and removes their directories.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Redis } from "ioredis";
import { freeRedisPort, spawnRedisServer, type RedisServerProcess } from "./redis-instance.js";

const run = promisify(execFile);
const REDIS_CLI_BIN = process.env.TEST_REDIS_CLI ?? "redis-cli";
const NODES = 3;

export interface RedisClusterNode {
  host: string;
  port: number;
}

export interface RedisCluster {
  /** The masters, as seed nodes for `new Cluster(nodes)`. */
  readonly nodes: RedisClusterNode[];
  /** Kills the servers and removes their directories. */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function clusterInfo(port: number): Promise<Record<string, string>> {
  const client = new Redis({
    port,
    host: "127.0.0.1",
    lazyConnect: true,
    retryStrategy: () => null,
  });
  client.on("error", () => undefined);
  try {
    await client.connect();
    const text = (await client.call("CLUSTER", "INFO")) as string;
    return Object.fromEntries(
      text
        .split(/\r?\n/)
        .filter((line) => line.includes(":"))
        .map((line) => line.split(":", 2) as [string, string]),
    );
  } finally {
    client.disconnect();
  }
}

/** Every node agrees: all slots served, state ok, all nodes known. */
async function untilClusterOk(ports: number[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  let last = "";
  while (Date.now() < deadline) {
    const infos = await Promise.all(ports.map((port) => clusterInfo(port).catch(() => ({}))));
    const ready = infos.every(
      (info: Record<string, string>) =>
        info.cluster_state === "ok" &&
        info.cluster_slots_ok === "16384" &&
        Number(info.cluster_known_nodes) === ports.length,
    );
    if (ready) return;
    last = JSON.stringify(infos.map((info: Record<string, string>) => info.cluster_state));
    await sleep(100);
  }
  throw new Error(`Redis Cluster on ports ${ports.join(", ")} not ok within 30 s: ${last}`);
}

export async function startRedisCluster(): Promise<RedisCluster> {
  const dir = await mkdtemp(path.join(tmpdir(), "crossfair-redis-cluster-"));
  const servers: RedisServerProcess[] = [];
  const stop = async () => {
    await Promise.all(servers.splice(0).map((server) => server.kill("SIGKILL")));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (let index = 0; index < NODES; index++) {
      const nodeDir = path.join(dir, `node-${index}`);
      await mkdir(nodeDir);
      const args = [
        "--cluster-enabled",
        "yes",
        "--cluster-config-file",
        "nodes.conf",
        "--cluster-node-timeout",
        "5000",
        "--save",
        "",
        "--appendonly",
        "no",
      ];
      // A port free when picked may be taken before redis-server binds it: try another.
      for (let attempt = 1; servers.length === index; attempt++) {
        const port = await freeRedisPort({ bus: true });
        const server = await spawnRedisServer(port, nodeDir, args).catch((error: unknown) => {
          if (attempt >= 3) throw error;
          return undefined;
        });
        if (server) servers.push(server);
      }
    }
    const ports = servers.map((server) => server.port);
    try {
      await run(
        REDIS_CLI_BIN,
        [
          "--cluster",
          "create",
          ...ports.map((port) => `127.0.0.1:${port}`),
          "--cluster-replicas",
          "0",
          "--cluster-yes",
        ],
        { timeout: 60_000 },
      );
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string; message: string };
      throw new Error(
        `redis-cli --cluster create failed: ${failed.message}\n${failed.stdout ?? ""}${failed.stderr ?? ""}`,
      );
    }
    await untilClusterOk(ports);
    return { nodes: ports.map((port) => ({ host: "127.0.0.1", port })), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
