/**
 * `pnpm soak`: a compressed fair day under faults. Its own PostgreSQL and its
 * own Redis (AOF on), two server processes with a mediasoup worker each, the
 * queue bench's candidates and recruiters, canaries that join and leave every
 * half second, and a few interviews held in Chromium through mediasoup. After
 * a warm-up it injects, round after round, a network drop for a group of
 * bots, a server SIGKILL, Redis killed and restarted, PostgreSQL restarted
 * and the mediasoup workers killed (soak/faults.ts), each timed to recovery.
 * At the end it checks what the queue bench checks (places lost, double
 * calls, stuck entries, every join, accept and end in PostgreSQL) and prints
 * the recovery per fault, error acks by code and each process's memory
 * growth. Last line: JSON. Invariant violations exit 1; a run that could not
 * start exits 2. Not part of the test command. See tests/load/README.md.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { Redis } from "ioredis";
import { makeDataDir } from "../support/app.js";
import { CHROMIUM_PATH, requireClientBuild } from "../support/browser.js";
import { startPostgresInstance, type PostgresInstance } from "../support/postgres-instance.js";
import { startRedisInstance, type RedisInstance } from "../support/redis-instance.js";
import { CandidateBot, type BotContext } from "./queue-bench/candidate-bot.js";
import { machineBusyShare, machineTicks, ownCpuSeconds } from "./queue-bench/cpu.js";
import { FailoverWatch } from "./queue-bench/failover.js";
import {
  BENCH_RECONNECT_GRACE_S,
  checkRecords,
  explainByRecords,
  RecordsLedger,
  type RecordsCheck,
} from "./queue-bench/records-check.js";
import { RecruiterBot } from "./queue-bench/recruiter-bot.js";
import { OutboxMonitor } from "./queue-bench/redis-figures.js";
import { benchQueueKeys, checkFinalState, type FinalState } from "./queue-bench/redis-state.js";
import { printReport } from "./queue-bench/report.js";
import { seedBenchFair } from "./queue-bench/seed.js";
import { ServerCluster } from "./queue-bench/server-cluster.js";
import { latencyBetween, METRICS_TOKEN, readServerLatency } from "./queue-bench/server-latency.js";
import { BenchStats, sleep } from "./queue-bench/stats.js";
import { InvariantTracker } from "./queue-bench/tracker.js";
import { faultSchedule, parseSoakArgs, SOAK_USAGE, type SoakOptions } from "./soak/args.js";
import { Canary } from "./soak/canary.js";
import {
  DROPPED_ADDRESS,
  injectFault,
  liftNetworkDrop,
  networkDropAvailable,
  type FaultRecord,
  type FaultWorld,
} from "./soak/faults.js";
import { MediaCalls } from "./soak/media-calls.js";
import { memoryGrowth, printSoakReport } from "./soak/report.js";

const log = (line: string) =>
  console.info(`[soak ${new Date().toISOString().slice(11, 19)}] ${line}`);

/** One candidate in this many leaves from the address the network drop cuts. */
const DROPPED_GROUP_EVERY = 20;
const SLOTS = 2;
/** A respawned process's own warm-up before its memory counts. */
const LIFE_WARMUP_MS = 60_000;
/** Error logs this long after a fault recovered still belong to it (a retry that gave up). */
const EXCUSED_AFTER_MS = 5_000;
const LOGS_DIR = path.join(tmpdir(), "crossfair-soak-logs");

async function openAll(bots: { connect(): Promise<unknown> }[], batch: number): Promise<void> {
  for (let start = 0; start < bots.length; start += batch) {
    const results = await Promise.allSettled(
      bots.slice(start, start + batch).map((bot) => bot.connect()),
    );
    const failed = results.filter((result) => result.status === "rejected");
    if (failed.length > 0) {
      throw new Error(
        `${failed.length} bots could not connect: ${String((failed[0] as PromiseRejectedResult).reason)}`,
      );
    }
  }
}

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) return false;
    await sleep(200);
  }
  return true;
}

async function run(options: SoakOptions): Promise<number> {
  const { bench } = options;
  const prefix = `crossfair-soak-${randomBytes(4).toString("hex")}`;
  const stats = new BenchStats();
  const tracker = new InvariantTracker();
  const ledger = new RecordsLedger();
  let postgres: PostgresInstance | null = null;
  let redisServer: RedisInstance | null = null;
  let cluster: ServerCluster | null = null;
  let media: MediaCalls | null = null;
  let redis: Redis | null = null;
  let outbox: OutboxMonitor | null = null;
  const dataDir = await makeDataDir();
  const candidates: CandidateBot[] = [];
  const recruiters: RecruiterBot[] = [];
  const canaries: Canary[] = [];
  const faults: FaultRecord[] = [];
  const withMedia = options.mediaInterviews > 0 && existsSync(CHROMIUM_PATH);
  if (options.mediaInterviews > 0 && !withMedia)
    log(`no Chromium at ${CHROMIUM_PATH}: no interviews with media`);
  if (!(await networkDropAvailable())) log("iptables unavailable (root needed): no network drops");
  try {
    postgres = await startPostgresInstance();
    redisServer = await startRedisInstance();
    log(`PostgreSQL on ${postgres.port}, Redis (AOF, appendfsync always) on ${redisServer.port}`);
    // Reserved beyond the bots': a stand per media interview and one for the canaries.
    const reservedStands = options.mediaInterviews + 1;
    const reservedCandidates = options.mediaInterviews + SLOTS + 1;
    const fair = await seedBenchFair(postgres.url, {
      ...bench,
      stands: bench.stands + reservedStands,
      candidates: bench.candidates + reservedCandidates,
    });
    const botStands = fair.stands.slice(0, bench.stands);
    const botCandidates = fair.candidates.slice(0, bench.candidates);
    const [canaryStand, ...mediaStands] = fair.stands.slice(bench.stands);
    const spareCandidates = fair.candidates.slice(bench.candidates);

    cluster = await ServerCluster.start(
      SLOTS,
      {
        DATABASE_URL: postgres.url,
        REDIS_URL: redisServer.url,
        REDIS_KEY_PREFIX: prefix,
        DATA_DIR: dataDir,
        MEDIA_WORKERS: withMedia ? "1" : "0",
        LOG_LEVEL: "warn",
        QUEUE_HEARTBEAT_SECONDS: "5",
        QUEUE_CALL_TIMEOUT_SECONDS: String(bench.callTimeoutS),
        QUEUE_RECONNECT_GRACE_SECONDS: String(BENCH_RECONNECT_GRACE_S),
        METRICS_TOKEN,
        ...(withMedia ? { CLIENT_DIST: requireClientBuild() } : {}),
      },
      (index) => ({
        MEDIA_PORT_MIN: String(43_000 + index * 100),
        MEDIA_PORT_MAX: String(43_099 + index * 100),
      }),
    );
    const servers = cluster;
    log(`servers up on ${servers.urls.join(", ")}`);
    redis = new Redis(redisServer.url, { maxRetriesPerRequest: 1 });
    redis.on("error", () => undefined); // down on purpose during the Redis fault
    outbox = new OutboxMonitor(redis, benchQueueKeys(prefix).fair(fair.fairId).outbox);

    const context: BotContext = {
      servers,
      stats,
      tracker,
      ledger,
      failover: new FailoverWatch(),
      options: bench,
      stands: botStands,
      recruiterIdByName: new Map(
        botStands.flatMap((stand) => stand.recruiters.map((r) => [r.displayName, r.id])),
      ),
      localAddressOf: (index) => (index % DROPPED_GROUP_EVERY === 0 ? DROPPED_ADDRESS : undefined),
    };
    for (const stand of botStands) {
      for (const recruiter of stand.recruiters) {
        recruiters.push(new RecruiterBot(recruiter, stand, recruiters.length, context));
      }
    }
    candidates.push(...botCandidates.map((user, index) => new CandidateBot(user, index, context)));
    log(`connecting ${recruiters.length} recruiters and ${candidates.length} candidates`);
    await openAll(recruiters, bench.rampBatch);
    await openAll(candidates, bench.rampBatch);

    const slotCanaries = new Map<number, Canary>();
    for (let slot = 0; slot < SLOTS; slot += 1) {
      const canary = new Canary(
        `slot ${slot}`,
        spareCandidates[slot]!,
        canaryStand!.id,
        servers.urls[slot]!,
        servers,
        ledger,
      );
      slotCanaries.set(slot, canary);
      canaries.push(canary);
    }
    canaries.push(
      new Canary(
        `from ${DROPPED_ADDRESS}`,
        spareCandidates[SLOTS]!,
        canaryStand!.id,
        servers.urls[0]!,
        servers,
        ledger,
        DROPPED_ADDRESS,
      ),
    );
    const canaryLoops = canaries.map((canary) => canary.run());

    if (withMedia) {
      const pairs = mediaStands.map((stand, index) => ({
        stand,
        candidate: spareCandidates[SLOTS + 1 + index]!,
      }));
      media = await MediaCalls.start(servers.urls[0]!.replace("127.0.0.1", "localhost"), pairs);
      log(`${media.interviews.length} interview(s) live in Chromium with video`);
    }

    const before = {
      server: servers.sampleCpu(),
      bench: ownCpuSeconds(),
      machine: machineTicks(),
      latency: await readServerLatency(servers.urls),
    };
    const windowStart = Date.now();
    const started = performance.now();
    stats.startWindow();
    outbox.startSampling((message) => stats.count(`outbox samples failed: ${message}`));
    const cpuTimer = setInterval(() => servers.sampleCpu(), 1_000);
    const loops = [...recruiters, ...candidates].map((bot) => bot.run());
    const world: FaultWorld = {
      options,
      cluster: servers,
      redis: redisServer,
      postgres,
      canaries,
      slotCanaries,
      candidates,
      context,
      media,
      log,
    };
    const progress = setInterval(() => {
      const seconds = (performance.now() - started) / 1000;
      const ops = stats.socketOps().count;
      log(`  ${seconds.toFixed(0)} s: ${ops} operations (${(ops / seconds).toFixed(0)}/s)`);
    }, 30_000);
    for (const { kind, atS } of faultSchedule(options)) {
      const waitMs = windowStart + atS * 1_000 - Date.now();
      if (waitMs > 0) await sleep(waitMs);
      log(`  ${atS} s: ${kind}`);
      const record = await injectFault(kind, atS, world);
      faults.push(record);
      log(
        `    recovered in ${record.recoveryMs === null ? "— (NOT RECOVERED)" : `${record.recoveryMs} ms`} ${record.note}`,
      );
    }
    const remaining = windowStart + bench.durationS * 1_000 - Date.now();
    if (remaining > 0) await sleep(remaining);
    clearInterval(progress);
    stats.stopWindow();
    outbox.stopSampling();
    clearInterval(cpuTimer);
    const windowS = (performance.now() - started) / 1000;
    const windowEnd = Date.now();
    const cpu = {
      server: servers.sampleCpu() - before.server,
      bench: ownCpuSeconds() - before.bench,
      machineBusy: machineBusyShare(before.machine, machineTicks()),
    };
    const serverLatency = latencyBetween(before.latency, await readServerLatency(servers.urls));

    log("stopping the bots and canaries, letting open calls and interviews finish");
    for (const failure of (await media?.end()) ?? []) stats.count(failure);
    for (const canary of canaries) canary.stop();
    for (const bot of [...recruiters, ...candidates]) bot.stop();
    await Promise.all([...loops, ...canaryLoops]);
    const settled = await waitUntil(
      () => recruiters.every((bot) => bot.idle) && candidates.every((bot) => bot.idle),
      (bench.callTimeoutS + 20) * 1_000,
    );
    if (!settled) {
      stats.count("bots still busy when the final state was read");
      tracker.releaseAllWaiters();
    }
    await sleep(1_500);
    let final: FinalState | null = null;
    try {
      final = await checkFinalState(
        redisServer.url,
        prefix,
        fair.fairId,
        botStands.map((stand) => stand.id),
        botCandidates.map((candidate) => candidate.id),
        tracker,
      );
    } catch (error) {
      console.error(`reading the final Redis state failed: ${(error as Error).message}`);
    }
    let records: RecordsCheck | null = null;
    try {
      if (!(await outbox.waitDrained(60_000))) {
        console.error(`the outbox did not drain: ${JSON.stringify(await outbox.describe())}`);
      }
      records = await checkRecords(postgres.url, fair.fairId, ledger);
      await explainByRecords(postgres.url, fair.fairId, tracker);
    } catch (error) {
      console.error(`checking the records failed: ${(error as Error).message}`);
    }
    const outboxFigures = await outbox.figures().catch(() => null);
    const memory = memoryGrowth(
      servers.memory(),
      windowStart + options.warmupS * 1_000,
      LIFE_WARMUP_MS,
    );
    const loopDelay = servers.loopDelay(windowStart, windowEnd);
    // A dependency down on purpose makes the servers log errors: counted, not problems.
    const errorLogs = servers.errorLogs((at) =>
      faults.some(
        (fault) =>
          at >= fault.startedAt &&
          at <= fault.liftedAt + (fault.recoveryMs ?? 60_000) + EXCUSED_AFTER_MS,
      ),
    );
    const problems = errorLogs.problems;
    const { json, violations } = printReport({
      options: bench,
      windowS,
      stats,
      tracker,
      final,
      costs: {
        processes: SLOTS,
        serverCpuS: cpu.server,
        benchCpuS: cpu.bench,
        machineBusy: cpu.machineBusy,
        serverLatency,
        cores: before.machine.cores,
        redisCpu: null,
        loopDelay,
        outbox: outboxFigures,
        records,
        failover: null,
      },
      redisZaddPerSec: null,
      serverProblems: problems,
    });
    const soak = printSoakReport(faults, stats, canaries, memory, errorLogs.excused);
    const stuck = final?.stuckCalled.length ?? null;
    console.info(
      JSON.stringify({
        durationS: bench.durationS,
        candidates: bench.candidates,
        placesLost: json.lost,
        recordsLost: records?.lost ?? null,
        doubleCalls: json.doubleCalls,
        stuckEntries: stuck,
        ...soak,
        bench: json,
      }),
    );
    return violations > 0 ? 1 : 0;
  } finally {
    await liftNetworkDrop();
    outbox?.stopSampling();
    for (const canary of canaries) canary.close();
    for (const bot of [...recruiters, ...candidates]) bot.close();
    await media?.close();
    if (cluster) {
      for (const exit of await cluster.stop()) console.warn(`warning: ${exit} (expected 0)`);
      await keepServerLogs(cluster);
      cluster.removeProbeFiles();
    }
    redis?.disconnect();
    await redisServer?.stop().catch(() => undefined);
    if (bench.keepDb && postgres) log(`PostgreSQL kept for a post-mortem: ${postgres.url}`);
    else await postgres?.stop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The servers' whole logs, for a post-mortem of what the figures show. */
async function keepServerLogs(cluster: ServerCluster): Promise<void> {
  await mkdir(LOGS_DIR, { recursive: true });
  for (const { slot, life, output } of cluster.outputs()) {
    await writeFile(path.join(LOGS_DIR, `server-${slot}-${life}.log`), output);
  }
  log(`server logs in ${LOGS_DIR}`);
}

let options: SoakOptions;
try {
  options = parseSoakArgs(process.argv.slice(2));
} catch (error) {
  console.error(`${(error as Error).message}\n${SOAK_USAGE}`);
  process.exit(2);
}
run(options).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("The soak could not run:", error);
    process.exit(2);
  },
);
