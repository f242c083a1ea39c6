/**
 * redis-server processes of a test's own, for what the shared Redis at 6379
 * cannot do: be killed and restarted (`startRedisInstance`, with AOF on so a
 * restart reloads the data), or run in cluster mode (redis-cluster.ts builds
 * on `spawnRedisServer` here). The binary is Debian's `redis-server` on PATH,
 * or `TEST_REDIS_SERVER`. Every process is SIGKILLed if the test process exits
 * without stopping it, so a crashed run leaves no server behind.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { requireService } from "./services.js";

export const REDIS_SERVER_BIN = process.env.TEST_REDIS_SERVER ?? "redis-server";

/** True when the redis-server binary runs; otherwise throws in CI, or warns and skips. */
export async function redisServerAvailable(): Promise<boolean> {
  const probe = spawnSync(REDIS_SERVER_BIN, ["--version"], { encoding: "utf8" });
  return requireService("Redis", probe.status === 0, `${REDIS_SERVER_BIN} (the binary, on PATH)`);
}

const canBind = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });

/**
 * A port that is free now. With `bus`, port + 10000 is free as well: a cluster
 * node listens there for the cluster bus. Picked below the kernel's ephemeral
 * range (32768+), so outgoing connections rarely take it before the server does.
 */
export async function freeRedisPort(options: { bus?: boolean } = {}): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 10_000);
    if ((await canBind(port)) && (!options.bus || (await canBind(port + 10_000)))) return port;
  }
  throw new Error("no free port for redis-server");
}

export interface RedisServerProcess {
  readonly port: number;
  readonly child: ChildProcess;
  /** What the server printed (its log goes to stdout). */
  output(): string;
  /** Sends the signal and resolves once the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const live = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once the server answers PING (after loading its AOF, if any). */
async function untilAnswering(port: number, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`redis-server on port ${port} exited at start:\n${output()}`);
    }
    const probe = new Redis({
      port,
      host: "127.0.0.1",
      lazyConnect: true,
      retryStrategy: () => null,
    });
    probe.on("error", () => undefined);
    try {
      await probe.connect();
      if ((await probe.ping()) === "PONG") return;
    } catch {
      // not listening yet, or still loading
    } finally {
      probe.disconnect();
    }
    await sleep(50);
  }
  throw new Error(`redis-server on port ${port} did not answer PING within 20 s:\n${output()}`);
}

/** Starts `redis-server` on 127.0.0.1:port with its files in `dir`, plus `args`; waits for PING. */
export async function spawnRedisServer(
  port: number,
  dir: string,
  args: string[],
): Promise<RedisServerProcess> {
  const child = spawn(
    REDIS_SERVER_BIN,
    ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--daemonize", "no", ...args],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  live.add(child);
  let output = "";
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => live.delete(child));
  child.once("error", (error) => (output += `\n${error.message}`));
  try {
    await untilAnswering(port, child, () => output);
  } catch (error) {
    child.kill("SIGKILL");
    await exited;
    throw error;
  }
  return {
    port,
    child,
    output: () => output,
    async kill(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface RedisInstance {
  readonly host: string;
  readonly port: number;
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  /** SIGKILL: no shutdown save, like a crash; what the AOF holds is what a restart finds. */
  kill(): Promise<void>;
  /** Starts the server again on the same port and directory, so it reloads its AOF. */
  restart(): Promise<void>;
  /** Stops the server (if running) and removes its directory. */
  stop(): Promise<void>;
}

/**
 * A redis-server on a free port with AOF on (`appendfsync always`: every
 * acknowledged write survives a SIGKILL) and no RDB snapshots.
 */
export async function startRedisInstance(): Promise<RedisInstance> {
  const dir = await mkdtemp(path.join(tmpdir(), "crossfair-redis-"));
  const args = ["--appendonly", "yes", "--appendfsync", "always", "--save", ""];
  let port = 0;
  let server: RedisServerProcess | undefined;
  try {
    // The port was free when picked; another process may take it before redis-server binds it.
    for (let attempt = 1; !server; attempt++) {
      port = await freeRedisPort();
      server = await spawnRedisServer(port, dir, args).catch((error: unknown) => {
        if (attempt >= 3) throw error;
        return undefined;
      });
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  let running: RedisServerProcess | undefined = server;
  return {
    host: "127.0.0.1",
    port,
    url: `redis://127.0.0.1:${port}`,
    async kill() {
      await running?.kill("SIGKILL");
      running = undefined;
    },
    async restart() {
      await running?.kill("SIGKILL");
      running = await spawnRedisServer(port, dir, args);
    },
    async stop() {
      await running?.kill("SIGTERM");
      running = undefined;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
