/**
 * The production-shaped topology of infra/topology for browser tests: started
 * by its own up.sh (nginx TLS, two server processes, coturn, Redis with AOF,
 * PostgreSQL, network namespaces as hosts) and stopped by down.sh. A browser
 * is launched inside a namespace through `ip netns exec`, so its traffic
 * leaves from that host and passes its firewall. Needs root; in CI it must
 * run, elsewhere it is skipped with a warning like the other services.
 */
import { execFile, spawnSync } from "node:child_process";
import { chmod, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { chromium, type Browser } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./browser.js";
import { repoRoot } from "./server-process.js";
import { requireService } from "./services.js";

const run = promisify(execFile);
const scripts = path.join(repoRoot, "infra", "topology");

export interface Topology {
  readonly state: string;
  readonly url: string;
  readonly candidateNs: string;
  readonly recruiterNs: string;
  /** The browsers' own addresses, as the app should see them behind nginx. */
  readonly candidateAddress: string;
  readonly recruiterAddress: string;
  /** The candidate network's firewall (infra/topology/firewall.sh). */
  firewall(mode: "open" | "https-only"): Promise<void>;
  /** A headless Chromium whose network is the namespace's. */
  launchIn(ns: string): Promise<Browser>;
  /** The pid of the server process with this serverId (its pid is the id's first part). */
  pidOf(serverId: string): number;
  /** Starts a stopped server process again (same port, same settings). */
  restart(name: "app-1" | "app-2"): Promise<void>;
  log(name: string): Promise<string>;
  stop(): Promise<void>;
}

export async function topologyAvailable(): Promise<boolean> {
  const root = process.getuid?.() === 0;
  const tools = ["ip", "iptables", "nginx", "turnserver", "initdb", "redis-server"].every(
    (tool) => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0,
  );
  const netns = root && spawnSync("ip", ["netns", "list"]).status === 0;
  return requireService(
    "topology",
    root && tools && netns,
    "root with ip netns, nginx, coturn, redis-server and PostgreSQL (apt-get install nginx coturn)",
  );
}

export async function startTopology(env: Record<string, string> = {}): Promise<Topology> {
  const { stdout } = await run("bash", [path.join(scripts, "up.sh")], {
    env: { ...process.env, TOPOLOGY_PREFIX: "cft", TOPOLOGY_NET: "78", ...env },
    timeout: 180_000,
  });
  const state = stdout.trim().split("\n").at(-1) ?? "";
  const facts = Object.fromEntries(
    (await readFile(path.join(state, "env"), "utf8"))
      .trim()
      .split("\n")
      .map((line) => line.split("=") as [string, string]),
  );
  const browsers: Browser[] = [];
  return {
    state,
    url: facts.TOPOLOGY_URL!,
    candidateNs: facts.TOPOLOGY_CANDIDATE_NS!,
    recruiterNs: facts.TOPOLOGY_RECRUITER_NS!,
    candidateAddress: facts.TOPOLOGY_CANDIDATE_IP!,
    recruiterAddress: facts.TOPOLOGY_RECRUITER_IP!,
    async firewall(mode) {
      await run("bash", [path.join(scripts, "firewall.sh"), state, mode]);
    },
    async launchIn(ns) {
      const wrapper = path.join(state, `chromium-${ns}`);
      await writeFile(wrapper, `#!/bin/sh\nexec ip netns exec ${ns} ${CHROMIUM_PATH} "$@"\n`);
      await chmod(wrapper, 0o755);
      const browser = await chromium.launch({
        executablePath: wrapper,
        headless: true,
        // The topology's certificate is its own (up.sh makes it); a real one needs no flag.
        args: [...CHROMIUM_ARGS, "--ignore-certificate-errors"],
      });
      browsers.push(browser);
      return browser;
    },
    pidOf(serverId) {
      return Number(serverId.split("-")[0]);
    },
    async restart(name) {
      await run("bash", [path.join(scripts, "restart-app.sh"), state, name], { timeout: 60_000 });
    },
    log: (name) => readFile(path.join(state, name), "utf8"),
    async stop() {
      for (const browser of browsers.splice(0)) await browser.close().catch(() => undefined);
      const keep = process.env.TOPOLOGY_KEEP_LOGS ? ["--keep"] : [];
      await run("bash", [path.join(scripts, "down.sh"), state, ...keep], { timeout: 60_000 });
    },
  };
}
