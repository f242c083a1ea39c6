/**
 * Starts the real server as a child process (`tsx server/src/main.ts`), the
 * way the README's command does, and waits until it answers /readyz.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const serverDir = path.join(repoRoot, "server");
/**
 * As `pnpm start` runs it: node with tsx as a loader. (The tsx CLI would sit in between and
 * SIGKILL the server when it does not acknowledge a signal within 30 ms, as under load.)
 */
/** `CROSSFAIR_SERVER_CPU_PROF=<dir>` writes a V8 CPU profile of each server process there (benchmarks). */
const cpuProfileDir = process.env.CROSSFAIR_SERVER_CPU_PROF;
const nodeArgs = [
  ...(cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${cpuProfileDir}`] : []),
  "--import",
  "tsx",
  "src/main.ts",
];

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly port: number;
  readonly baseUrl: string;
  output(): string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Runs the server entry point to completion (for start-up failures); returns code and output. */
export function runServerToExit(
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, nodeArgs, {
      cwd: serverDir,
      env: { ...process.env, NODE_ENV: "test", LOG_LEVEL: "info", ...env },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`server did not exit within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

export async function startServer(
  env: Record<string, string>,
  readyTimeoutMs = 60_000,
): Promise<ServerProcess> {
  const port = Number(env.PORT ?? (await freePort()));
  const child = spawn(process.execPath, nodeArgs, {
    cwd: serverDir,
    env: {
      ...process.env,
      NODE_ENV: "test",
      LOG_LEVEL: "info",
      // A stop in a test does not wait for live interviews to finish (set it to test draining).
      SHUTDOWN_DRAIN_SECONDS: "0",
      ...env,
      PORT: String(port),
    },
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  let ready = false;
  while (!ready && Date.now() < deadline && child.exitCode === null) {
    try {
      ready = (await fetch(`${baseUrl}/readyz`)).ok;
    } catch {
      // not listening yet
    }
    if (!ready) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (!ready) {
    child.kill("SIGKILL");
    throw new Error(`server did not become ready on ${baseUrl}:\n${output}`);
  }
  return {
    child,
    port,
    baseUrl,
    output: () => output,
    async stop(signal = "SIGTERM") {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Pids of the processes below `rootPid` (any depth) whose command name is `name`. */
export function descendantsNamed(rootPid: number, name: string): number[] {
  const rows = execFileSync("ps", ["-e", "-o", "pid=,ppid=,comm="])
    .toString()
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .map(([pid, ppid, comm]) => ({ pid: Number(pid), ppid: Number(ppid), comm: comm ?? "" }));
  const below = new Set([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const row of rows) {
      if (below.has(row.ppid) && !below.has(row.pid)) {
        below.add(row.pid);
        grew = true;
      }
    }
  }
  // ps truncates command names to 15 characters.
  return rows
    .filter((row) => below.has(row.pid) && row.pid !== rootPid && name.startsWith(row.comm))
    .map((row) => row.pid);
}
