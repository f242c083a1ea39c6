/**
 * Debian's coturn for tests: a `turnserver` of the test's own on a free port,
 * checking credentials by the TURN REST shared-secret scheme the app hands
 * out, and `turnutils_uclient` as a TURN client that allocates a relay over
 * TCP with given credentials. Every server is killed when the test process
 * exits, so a crashed run leaves none behind.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { freePort } from "./server-process.js";
import { requireService } from "./services.js";

export async function coturnAvailable(): Promise<boolean> {
  const found = ["turnserver", "turnutils_uclient"].every(
    (binary) => spawnSync("sh", ["-c", `command -v ${binary}`]).status === 0,
  );
  return requireService(
    "coturn",
    found,
    "turnserver and turnutils_uclient (apt-get install coturn)",
  );
}

export interface TurnServer {
  readonly port: number;
  readonly secret: string;
  output(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

export async function startTurnServer(
  options: { secret: string; listeningIp?: string; extraArgs?: string[] } = {
    secret: "test-turn-secret-0123456789",
  },
): Promise<TurnServer> {
  const port = await freePort();
  const ip = options.listeningIp ?? "127.0.0.1";
  const child = spawn("turnserver", [
    // No configuration file: Debian's /etc/turnserver.conf would send the log to syslog.
    "-c",
    "/dev/null",
    `--listening-ip=${ip}`,
    `--relay-ip=${ip}`,
    `--listening-port=${port}`,
    "--use-auth-secret",
    `--static-auth-secret=${options.secret}`,
    "--realm=crossfair.test",
    "--no-tls",
    "--no-dtls",
    "--no-cli",
    "--allow-loopback-peers",
    "--log-file=stdout",
    "--simple-log",
    ...(options.extraArgs ?? []),
  ]);
  running.add(child);
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 10_000;
  while (!/listener opened on|Total General servers/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`turnserver did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    port,
    secret: options.secret,
    output: () => output,
    async stop() {
      running.delete(child);
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Allocates a relay on the TURN server over TCP with the credentials: true if it worked. */
export function allocatesRelay(
  server: { port: number; host?: string },
  credentials: { username: string; credential: string },
): boolean {
  const result = spawnSync(
    "turnutils_uclient",
    [
      "-t",
      "-y",
      "-n",
      "1",
      "-m",
      "1",
      "-u",
      credentials.username,
      "-w",
      credentials.credential,
      "-p",
      String(server.port),
      server.host ?? "127.0.0.1",
    ],
    { encoding: "utf8", timeout: 20_000 },
  );
  const output = `${result.stdout}${result.stderr}`;
  return result.status === 0 && !/ERROR/.test(output) && /tot_recv_bytes ~ [1-9]/.test(output);
}
