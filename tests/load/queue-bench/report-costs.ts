/**
 * The cost side of a run's report: CPU per operation (server processes,
 * Redis, bots), bytes the bots received (per event, per operation, and per
 * watcher per stand change), the servers' event-loop delay, the outbox (lag,
 * drain, records lost), and the failover after `--kill-at`.
 */
import type { FailoverFigures } from "./failover.js";
import type { RecordsCheck } from "./records-check.js";
import type { OutboxFigures, RedisCpu } from "./redis-figures.js";
import type { LoopDelay } from "./server-cluster.js";
import type { ServerLatency } from "./server-latency.js";
import type { BenchStats } from "./stats.js";

export interface CostFigures {
  processes: number;
  /** CPU seconds in the measured window, summed over the server processes. */
  serverCpuS: number;
  benchCpuS: number;
  /** Share of all the machine's cores busy in the window (bots, servers, Redis, PostgreSQL, others). */
  machineBusy: number;
  cores: number;
  /** Socket events as the servers timed them (their /metrics), window only. */
  serverLatency: ServerLatency;
  redisCpu: RedisCpu | null;
  loopDelay: LoopDelay | null;
  outbox: OutboxFigures | null;
  records: RecordsCheck | null;
  failover: FailoverFigures | null;
}

export interface CostJson {
  processes: number;
  serverCpuUsPerOp: number;
  machineBusyPct: number;
  serverP99Ms: number;
  redisCpuMs: number | null;
  bytesPerOp: number;
  bytesPerWatcherPerChange: number | null;
  serverLoopDelayP99Ms: number | null;
  outboxLagMaxMs: number | null;
  recordsDrained: number | null;
  outboxEntriesDrained: number | null;
  recordsLost: number | null;
  killedRecoveryMs: number | null;
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const perOp = (ms: number, ops: number) => (ops > 0 ? (ms * 1_000) / ops : 0);

export function printCosts(
  figures: CostFigures,
  stats: BenchStats,
  socketOps: number,
  windowS: number,
): { json: CostJson; violations: number } {
  const { redisCpu, loopDelay, outbox, records, failover } = figures;
  let violations = 0;

  console.info("\n== Bytes the bots received (socket.io packet text, per event) ==");
  const bytes = [...stats.bytes].sort((a, b) => b[1] - a[1]);
  const totalBytes = bytes.reduce((sum, [, count]) => sum + count, 0);
  for (const [event, count] of bytes) {
    const messages = event === "(acks)" ? stats.acks : (stats.pushes.get(event) ?? 0);
    console.info(
      `  ${event.padEnd(34)} ${String(count).padStart(11)} B  ${(count / windowS / 1024).toFixed(1).padStart(8)} KiB/s  ${messages > 0 ? (count / messages).toFixed(0).padStart(6) : "     -"} B/message`,
    );
  }
  const bytesPerOp = socketOps > 0 ? totalBytes / socketOps : 0;
  const delta = stats.delta;
  const deltaBytes = stats.bytes.get("queue:delta") ?? 0;
  const perChange = delta.versions > 0 ? deltaBytes / delta.versions : null;
  console.info(
    `  total ${totalBytes} B (${(totalBytes / windowS / 1024).toFixed(1)} KiB/s), ${bytesPerOp.toFixed(0)} B per operation`,
  );
  if (delta.deliveries > 0) {
    console.info(
      `  queue:delta: ${delta.deliveries} deliveries carrying ${delta.versions} versions (${delta.ticketChanges} ticket changes), mean queue length ${(delta.queueLength / delta.deliveries).toFixed(1)}`,
    );
    console.info(
      `  per watcher per change: ${perChange?.toFixed(1)} B (per delivery ${(deltaBytes / delta.deliveries).toFixed(1)} B, per ticket change ${delta.ticketChanges > 0 ? (deltaBytes / delta.ticketChanges).toFixed(1) : "-"} B)`,
    );
  } else {
    console.info("  queue:delta: none received");
  }

  console.info("\n== Server processes, Redis and the outbox ==");
  const serverUs = perOp(figures.serverCpuS * 1_000, socketOps);
  const redisMs = redisCpu?.totalMs ?? null;
  const redisUs = redisMs === null ? null : perOp(redisMs, socketOps);
  console.info(
    `  CPU per operation: servers ${serverUs.toFixed(0)} µs (${figures.processes} process${figures.processes > 1 ? "es" : ""}, ${((figures.serverCpuS / windowS) * 100).toFixed(0)}% of a core), Redis ${redisUs === null ? "?" : `${redisUs.toFixed(0)} µs`}, bots ${perOp(figures.benchCpuS * 1_000, socketOps).toFixed(0)} µs`,
  );
  const { serverLatency } = figures;
  console.info(
    `  server-side latency (arrival → ack, from the servers' /metrics, bucket bounds): ${serverLatency.events} events, p50 ≤ ${serverLatency.p50Ms} ms, p99 ≤ ${serverLatency.p99Ms} ms`,
  );
  for (const row of serverLatency.byEvent) {
    console.info(
      `    ${row.event.padEnd(20)} ${String(row.events).padStart(8)}  p50 ≤ ${String(row.p50Ms).padStart(6)} ms  p99 ≤ ${String(row.p99Ms).padStart(6)} ms`,
    );
  }
  console.info(
    `  machine: ${(figures.machineBusy * 100).toFixed(0)}% of its ${figures.cores} cores busy in the window (everything on it: bots, servers, Redis, PostgreSQL)`,
  );
  if (redisCpu && redisUs) {
    console.info(
      `  Redis: ${redisCpu.totalMs.toFixed(0)} ms CPU in the window (main thread ${redisCpu.mainThreadMs?.toFixed(0) ?? "?"} ms; the Redis is shared, others' tests count too); servers : Redis = ${(serverUs / redisUs).toFixed(1)} : 1`,
    );
  }
  if (loopDelay) {
    const each = loopDelay.perProcess
      .map(
        (row, index) =>
          `#${index} p99 ${row.p99Ms.toFixed(1)} max ${row.maxMs.toFixed(0)} (${row.seconds} s)`,
      )
      .join(", ");
    console.info(
      `  server event-loop delay: p99 ${loopDelay.p99Ms.toFixed(1)} ms, max ${loopDelay.maxMs.toFixed(0)} ms (${each})`,
    );
  }
  if (outbox?.seen) {
    console.info(
      `  outbox ${outbox.key}: lag max ${outbox.lagMaxMs} ms, p50 ${outbox.lagP50Ms} ms (${outbox.samples} samples); entries added ${outbox.entriesAdded ?? "?"}, drained ${outbox.entriesDrained ?? "?"}, undrained at the end ${outbox.undrainedAtEnd}; emptied ${outbox.drainAfterStopMs === null ? "NOT within 30 s" : `${outbox.drainAfterStopMs} ms after the bots settled`}`,
    );
    if (outbox.undrainedAtEnd > 0)
      console.info("  !! the outbox did not drain: records may be missing below");
  } else if (outbox) {
    console.info(`  outbox ${outbox.key}: never seen (a server without the outbox?)`);
  }
  if (records) {
    const { checked, missing } = records;
    console.info(
      `  records: checked ${checked.joins} joins, ${checked.accepts} accepts, ${checked.ends} interview ends; missing ${missing.joinEvents} join events, ${missing.interviews} interviews rows, ${missing.acceptEvents} accept events, ${missing.endedAt} ended_at; ${records.eventRows} queue_events rows for the fair`,
    );
    if (records.lost > 0) {
      violations += records.lost;
      console.info(`  !! RECORDS LOST: ${records.lost}`);
      for (const example of records.examples) console.info(`     - ${example}`);
    }
  } else {
    console.info("  !! the records could not be checked in PostgreSQL");
    violations += 1;
  }
  if (failover) {
    console.info(
      `  failover: ${failover.killedUrl} SIGKILLed at ${failover.atS} s; ${failover.recovered}/${failover.candidates} of its candidates had their places back, the last after ${failover.recoveryMs ?? "?"} ms (p50 ${failover.p50Ms} ms)`,
    );
    if (failover.recoveryMs === null) {
      violations += failover.candidates - failover.recovered;
      console.info(
        `  !! ${failover.candidates - failover.recovered} CANDIDATES OF THE KILLED PROCESS NEVER GOT THEIR PLACES BACK`,
      );
    }
  }

  return {
    json: {
      processes: figures.processes,
      serverCpuUsPerOp: round(serverUs, 0),
      machineBusyPct: round(figures.machineBusy * 100, 0),
      serverP99Ms: figures.serverLatency.p99Ms,
      redisCpuMs: redisMs === null ? null : round(redisMs, 0),
      bytesPerOp: round(bytesPerOp, 0),
      bytesPerWatcherPerChange: perChange === null ? null : round(perChange),
      serverLoopDelayP99Ms: loopDelay ? round(loopDelay.p99Ms) : null,
      outboxLagMaxMs: outbox?.seen ? outbox.lagMaxMs : null,
      recordsDrained: records ? records.eventRows : null,
      outboxEntriesDrained: outbox?.seen ? outbox.entriesDrained : null,
      recordsLost: records ? records.lost : null,
      killedRecoveryMs: failover ? failover.recoveryMs : null,
    },
    violations,
  };
}
