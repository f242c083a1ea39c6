/**
 * `pnpm bench:queue`: the live queue under load. Seeds a fresh PostgreSQL
 * database, starts one or more real server processes on one Redis, opens one
 * socket per candidate and per recruiter, lets them queue, call, answer,
 * interview, leave and reconnect for a fixed time (killing one process on
 * the way with `--kill-at`), then checks the invariants against the Redis
 * state and the records against PostgreSQL once the outbox drained, and
 * compares the throughput with `redis-benchmark -t zadd`. It prints figures
 * and asserts nothing about time; invariant violations exit 1, a benchmark
 * that could not run exits 2. See tests/load/README.md.
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";
import { REDIS_TEST_URL } from "../support/services.js";
import { parseBenchArgs, USAGE, type BenchOptions } from "./queue-bench/args.js";
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
import { redisZaddPerSec } from "./queue-bench/redis-benchmark.js";
import { cpuDelta, OutboxMonitor, redisCpu, type RedisCpu } from "./queue-bench/redis-figures.js";
import {
  benchQueueKeys,
  checkFinalState,
  deleteKeys,
  type FinalState,
} from "./queue-bench/redis-state.js";
import { printReport } from "./queue-bench/report.js";
import { seedBenchFair } from "./queue-bench/seed.js";
import { ServerCluster } from "./queue-bench/server-cluster.js";
import { latencyBetween, METRICS_TOKEN, readServerLatency } from "./queue-bench/server-latency.js";
import { BenchStats, sleep } from "./queue-bench/stats.js";
import { InvariantTracker } from "./queue-bench/tracker.js";

const log = (line: string) =>
  console.info(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

/** Opens sockets a batch at a time so the server is not hit by thousands of handshakes at once. */
async function rampUp(
  bots: { connect(): Promise<unknown> }[],
  batch: number,
  what: string,
): Promise<void> {
  let failed = 0;
  let firstError = "";
  for (let start = 0; start < bots.length; start += batch) {
    const results = await Promise.allSettled(
      bots.slice(start, start + batch).map((bot) => bot.connect()),
    );
    for (const result of results) {
      if (result.status === "rejected") {
        failed += 1;
        firstError ||= String((result.reason as Error).message ?? result.reason);
      }
    }
    if ((start / batch) % 8 === 7)
      log(`  ${Math.min(start + batch, bots.length)}/${bots.length} ${what}`);
  }
  if (failed > 0) {
    if (/EMFILE|ENFILE/.test(firstError)) {
      console.error(
        `Too many open files: raise the limit (\`ulimit -n 65536\`) for this shell and the server.`,
      );
    }
    throw new Error(`${failed} of ${bots.length} ${what} could not connect: ${firstError}`);
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

/** How long the outbox may take to drain after the bots stopped before the records are checked. */
const DRAIN_TIMEOUT_MS = 30_000;

async function run(options: BenchOptions): Promise<number> {
  const prefix = `crossfair-bench-${randomBytes(4).toString("hex")}`;
  const stats = new BenchStats();
  const tracker = new InvariantTracker();
  const ledger = new RecordsLedger();
  const failover = new FailoverWatch();
  let database: TestDatabase | null = null;
  let cluster: ServerCluster | null = null;
  const redis = new Redis(REDIS_TEST_URL, { lazyConnect: true });
  const candidates: CandidateBot[] = [];
  const recruiters: RecruiterBot[] = [];
  const timers: NodeJS.Timeout[] = [];
  let outbox: OutboxMonitor | null = null;
  try {
    await redis.connect();
    database = await createTestDatabase();
    log(`seeding ${options.candidates} candidates, ${options.stands} stands into a fresh database`);
    const fair = await seedBenchFair(database.url, options);

    cluster = await ServerCluster.start(options.processes, {
      DATABASE_URL: database.url,
      REDIS_URL: REDIS_TEST_URL,
      REDIS_KEY_PREFIX: prefix,
      MEDIA_WORKERS: "0",
      LOG_LEVEL: "warn",
      QUEUE_HEARTBEAT_SECONDS: "5",
      QUEUE_CALL_TIMEOUT_SECONDS: String(options.callTimeoutS),
      QUEUE_RECONNECT_GRACE_SECONDS: String(BENCH_RECONNECT_GRACE_S),
      METRICS_TOKEN,
    });
    log(`servers up on ${cluster.urls.join(", ")} (Redis key prefix ${prefix})`);
    const servers = cluster;
    outbox = new OutboxMonitor(redis, benchQueueKeys(prefix).fair(fair.fairId).outbox);

    const context: BotContext = {
      servers,
      stats,
      tracker,
      ledger,
      failover,
      options,
      stands: fair.stands,
      recruiterIdByName: new Map(
        fair.stands.flatMap((stand) => stand.recruiters.map((r) => [r.displayName, r.id])),
      ),
    };
    for (const stand of fair.stands) {
      for (const recruiter of stand.recruiters) {
        recruiters.push(new RecruiterBot(recruiter, stand, recruiters.length, context));
      }
    }
    candidates.push(
      ...fair.candidates.map((user, index) => new CandidateBot(user, index, context)),
    );
    log(`connecting ${recruiters.length} recruiters and ${candidates.length} candidates`);
    const rampStarted = Date.now();
    await rampUp(recruiters, options.rampBatch, "recruiters");
    await rampUp(candidates, options.rampBatch, "candidates");
    log(`all sockets open in ${((Date.now() - rampStarted) / 1000).toFixed(1)} s`);

    const before = {
      server: servers.sampleCpu(),
      bench: ownCpuSeconds(),
      machine: machineTicks(),
      redis: await redisCpu(redis),
      latency: await readServerLatency(servers.urls),
    };
    const started = performance.now();
    const windowStart = Date.now();
    stats.startWindow();
    outbox.startSampling((message) => stats.count(`outbox samples failed: ${message}`));
    // The killed process's CPU counts up to its death: read every second.
    timers.push(setInterval(() => servers.sampleCpu(), 1_000));
    if (options.killAtS !== null) {
      const atS = options.killAtS;
      timers.push(
        setTimeout(() => {
          const url = servers.victimUrl;
          const victims = candidates.filter((bot) => bot.connected && bot.serverUrl === url);
          const killed = servers.kill();
          failover.killed(
            killed.url,
            killed.at,
            atS,
            victims.map((bot) => bot.user.id),
          );
          log(`  ${atS} s: SIGKILL ${killed.url} (${victims.length} candidates on it)`);
        }, atS * 1_000),
      );
    }
    const loops = [...recruiters, ...candidates].map((bot) => bot.run());
    for (let elapsed = 0; elapsed < options.durationS; elapsed += 10) {
      await sleep(Math.min(10, options.durationS - elapsed) * 1_000);
      const ops = stats.socketOps().count;
      const seconds = (performance.now() - started) / 1000;
      log(`  ${seconds.toFixed(0)} s: ${ops} operations (${(ops / seconds).toFixed(0)}/s)`);
    }
    stats.stopWindow();
    outbox.stopSampling();
    const windowS = (performance.now() - started) / 1000;
    const windowEnd = Date.now();
    const cpu = {
      server: servers.sampleCpu() - before.server,
      bench: ownCpuSeconds() - before.bench,
      machineBusy: machineBusyShare(before.machine, machineTicks()),
    };
    const serverLatency = latencyBetween(before.latency, await readServerLatency(servers.urls));
    let redisUsed: RedisCpu | null = null;
    try {
      redisUsed = cpuDelta(before.redis, await redisCpu(redis));
    } catch (error) {
      console.error(`INFO cpu failed: ${(error as Error).message}`);
    }
    for (const timer of timers) clearTimeout(timer);

    log("stopping the bots and letting open calls and interviews finish");
    for (const bot of [...recruiters, ...candidates]) bot.stop();
    await Promise.all(loops);
    const settled = await waitUntil(
      () => recruiters.every((bot) => bot.idle) && candidates.every((bot) => bot.idle),
      (options.callTimeoutS + 20) * 1_000,
    );
    if (!settled) {
      stats.count("bots still busy when the final state was read");
      tracker.releaseAllWaiters();
    }
    await sleep(1_500); // one sweep and one broadcast round
    let final: FinalState | null = null;
    try {
      final = await checkFinalState(
        REDIS_TEST_URL,
        prefix,
        fair.fairId,
        fair.stands.map((stand) => stand.id),
        fair.candidates.map((candidate) => candidate.id),
        tracker,
      );
    } catch (error) {
      console.error(`reading the final Redis state failed: ${(error as Error).message}`);
    }
    log("waiting for the outbox to drain, then checking the records in PostgreSQL");
    let records: RecordsCheck | null = null;
    try {
      await outbox.waitDrained(DRAIN_TIMEOUT_MS);
      records = await checkRecords(database.url, fair.fairId, ledger);
      await explainByRecords(database.url, fair.fairId, tracker);
    } catch (error) {
      console.error(`checking the records failed: ${(error as Error).message}`);
    }
    const outboxFigures = await outbox.figures().catch(() => null);
    const problems = servers.problems();
    const loopDelay = servers.loopDelay(windowStart, windowEnd);
    for (const bot of [...recruiters, ...candidates]) bot.close();
    // Not an invariant: worth a look, but the run itself completed.
    for (const exit of await servers.stop()) console.warn(`warning: ${exit} (expected 0)`);
    cluster = null;
    servers.removeProbeFiles();

    log("measuring raw Redis: redis-benchmark -t zadd -n 100000 -q");
    const zadd = await redisZaddPerSec(REDIS_TEST_URL);
    const { json, violations } = printReport({
      options,
      windowS,
      stats,
      tracker,
      final,
      costs: {
        processes: options.processes,
        serverCpuS: cpu.server,
        benchCpuS: cpu.bench,
        machineBusy: cpu.machineBusy,
        serverLatency,
        cores: before.machine.cores,
        redisCpu: redisUsed,
        loopDelay,
        outbox: outboxFigures,
        records,
        failover: failover.figures(),
      },
      redisZaddPerSec: zadd,
      serverProblems: problems,
    });
    console.info(JSON.stringify(json));
    return violations > 0 ? 1 : 0;
  } finally {
    for (const timer of timers) clearTimeout(timer);
    outbox?.stopSampling();
    for (const bot of [...recruiters, ...candidates]) bot.close();
    if (cluster) {
      console.error(cluster.tails());
      await cluster.stop();
      cluster.removeProbeFiles();
    }
    await deleteKeys(REDIS_TEST_URL, prefix).catch(() => undefined);
    redis.disconnect();
    if (options.keepDb && database) log(`database kept for a post-mortem: ${database.url}`);
    else await database?.drop().catch(() => undefined);
  }
}

let options: BenchOptions;
try {
  options = parseBenchArgs(process.argv.slice(2));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
run(options).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("The benchmark could not run:", error);
    process.exit(2);
  },
);
