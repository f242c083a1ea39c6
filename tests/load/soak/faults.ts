/**
 * The soak's faults, each injected the way it happens in production and
 * timed from the moment it is lifted (or, for a killed server, from the kill:
 * the other process takes over at once) until the fair works again:
 * - `network-drop`: every packet to and from 127.0.0.2, the source address of
 *   a group of bots and of one canary, dropped by iptables for `outageS`
 *   (no FIN, no RST: TCP retransmits once the rules are gone);
 * - `server-kill`: SIGKILL of the last server process; its candidates
 *   reconnect elsewhere and must find their places; it is started again
 *   `respawnAfterS` later;
 * - `redis-restart`: SIGKILL of redis-server (AOF on, `appendfsync always`),
 *   started again on the same files `outageS` later;
 * - `postgres-restart`: `pg_ctl restart -m fast`;
 * - `media-worker-kill`: SIGKILL of every mediasoup worker; the servers
 *   rebuild their rooms and the Chromium interviews must show video again.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { RedisInstance } from "../../support/redis-instance.js";
import type { PostgresInstance } from "../../support/postgres-instance.js";
import { descendantsNamed } from "../../support/server-process.js";
import { FailoverWatch, type FailoverFigures } from "../queue-bench/failover.js";
import type { CandidateBot } from "../queue-bench/candidate-bot.js";
import type { ServerCluster } from "../queue-bench/server-cluster.js";
import { sleep } from "../queue-bench/stats.js";
import type { FaultKind, SoakOptions } from "./args.js";
import { canariesRecovered, type Canary } from "./canary.js";
import type { MediaCalls } from "./media-calls.js";

const run = promisify(execFile);

/** The source address the network drop cuts. */
export const DROPPED_ADDRESS = "127.0.0.2";
/** How long a fault may take to recover before it counts as not recovered. */
const RECOVERY_TIMEOUT_MS = 60_000;

export interface FaultRecord {
  kind: FaultKind;
  atS: number;
  /** Epoch ms of the injection and of the fault lifted. */
  startedAt: number;
  liftedAt: number;
  /** How long the fault itself lasted (the outage), ms. */
  outageMs: number;
  /** Lifted (or kill) → every canary completed a join and leave started after it. */
  canariesMs: number | null;
  /** Media faults and any fault with interviews: → every interview page decodes new video. */
  mediaMs: number | null;
  /** Server kills: → the last of the killed process's candidates had its places back. */
  failover: FailoverFigures | null;
  /** The worst of the above: the fault's recovery time. */
  recoveryMs: number | null;
  note: string;
}

export interface FaultWorld {
  options: SoakOptions;
  cluster: ServerCluster;
  redis: RedisInstance;
  postgres: PostgresInstance;
  canaries: Canary[];
  /** The canary of each server slot, to pin again on a respawned process. */
  slotCanaries: Map<number, Canary>;
  candidates: CandidateBot[];
  context: { failover: FailoverWatch };
  media: MediaCalls | null;
  log(line: string): void;
}

const iptables = (action: "-I" | "-D", direction: "-s" | "-d") =>
  run("iptables", [action, "INPUT", direction, DROPPED_ADDRESS, "-j", "DROP"]);

/** Whether this machine can drop a loopback address's packets (root and iptables). */
export async function networkDropAvailable(): Promise<boolean> {
  try {
    await run("iptables", ["-S", "INPUT"]);
    return true;
  } catch {
    return false;
  }
}

/** Removes the drop rules if a run stopped in the middle of a drop. */
export async function liftNetworkDrop(): Promise<void> {
  for (const direction of ["-s", "-d"] as const) {
    await iptables("-D", direction).catch(() => undefined);
  }
}

export async function injectFault(
  kind: FaultKind,
  atS: number,
  world: FaultWorld,
): Promise<FaultRecord> {
  const { cluster, options } = world;
  const mediaBefore = world.media ? await world.media.frames() : null;
  const started = Date.now();
  let lifted = started;
  let note = "";
  let failover: FailoverWatch | null = null;
  switch (kind) {
    case "network-drop": {
      if (!(await networkDropAvailable())) {
        note = "skipped: iptables needs root";
        break;
      }
      await iptables("-I", "-s");
      await iptables("-I", "-d");
      await sleep(options.outageS * 1_000);
      await liftNetworkDrop();
      lifted = Date.now();
      break;
    }
    case "server-kill": {
      failover = new FailoverWatch();
      world.context.failover = failover;
      const url = cluster.victimUrl;
      const victims = world.candidates.filter((bot) => bot.connected && bot.serverUrl === url);
      const killed = cluster.kill();
      failover.killed(
        killed.url,
        killed.at,
        atS,
        victims.map((bot) => bot.user.id),
      );
      note = `${victims.length} candidates on ${killed.url}`;
      // Recovery counts from the kill: the surviving process serves at once.
      lifted = started;
      void (async () => {
        await sleep(options.respawnAfterS * 1_000);
        const respawned = await cluster.respawn();
        const slot = cluster.size - 1;
        world.slotCanaries.get(slot)?.pin(respawned.url);
        world.log(`    slot ${slot} started again on ${respawned.url} in ${respawned.readyMs} ms`);
      })().catch((error: unknown) => world.log(`    respawn failed: ${(error as Error).message}`));
      break;
    }
    case "redis-restart": {
      await world.redis.kill();
      await sleep(options.outageS * 1_000);
      await world.redis.restart();
      lifted = Date.now();
      break;
    }
    case "postgres-restart": {
      await world.postgres.restart();
      lifted = Date.now();
      break;
    }
    case "media-worker-kill": {
      const pids = cluster
        .liveIndexes()
        .flatMap((index) => descendantsNamed(cluster.pidOf(index), "mediasoup-worker"));
      for (const pid of pids) process.kill(pid, "SIGKILL");
      note = `${pids.length} worker(s) killed`;
      break;
    }
  }
  const [canariesMs, mediaMs] = await Promise.all([
    canariesRecovered(world.canaries, lifted, RECOVERY_TIMEOUT_MS),
    world.media && mediaBefore
      ? world.media
          .recoveredSince(mediaBefore, RECOVERY_TIMEOUT_MS)
          .then((ms) => (ms === null ? null : Math.max(0, ms - (lifted - started))))
      : Promise.resolve(null),
  ]);
  // Give the killed process's candidates time to come back before reading the failover.
  if (failover) await waitFailover(failover, RECOVERY_TIMEOUT_MS - (Date.now() - started));
  const failoverFigures = failover?.figures() ?? null;
  const parts = [
    canariesMs,
    world.media ? mediaMs : 0,
    failoverFigures ? failoverFigures.recoveryMs : 0,
  ];
  const recoveryMs = parts.some((part) => part === null)
    ? null
    : Math.max(...parts.map((part) => part ?? 0));
  return {
    kind,
    atS,
    startedAt: started,
    liftedAt: lifted,
    outageMs: lifted - started,
    canariesMs,
    mediaMs: world.media ? mediaMs : null,
    failover: failoverFigures,
    recoveryMs,
    note,
  };
}

async function waitFailover(watch: FailoverWatch, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + Math.max(0, timeoutMs);
  while (Date.now() < deadline && watch.figures()?.recoveryMs === null) await sleep(200);
}
