/**
 * The soak's own figures, printed after the queue bench's report: each fault
 * and its recovery, the error acks by code over the whole run, the canaries'
 * failures, and each server process's memory from the end of its warm-up to
 * its end (RSS and heap). The targets of issue #17 are checked and printed;
 * they do not change the exit code, which only invariants do.
 */
import type { MemorySample } from "../queue-bench/server-cluster.js";
import type { BenchStats } from "../queue-bench/stats.js";
import type { Canary } from "./canary.js";
import type { FaultRecord } from "./faults.js";

export const RECOVERY_TARGET_MS = 10_000;
export const RSS_GROWTH_TARGET_PCT = 10;
/** A process life shorter than this after its warm-up says nothing about leaks. */
const MIN_MEASURED_S = 300;

export interface MemoryGrowth {
  slot: number;
  life: number;
  measuredS: number;
  rssStartMb: number;
  rssEndMb: number;
  rssGrowthPct: number;
  heapStartMb: number;
  heapEndMb: number;
  heapGrowthPct: number;
  heapTotalStartMb: number;
  heapTotalEndMb: number;
  externalStartMb: number;
  externalEndMb: number;
}

const pct = (from: number, to: number) =>
  from > 0 ? Math.round(((to - from) / from) * 1000) / 10 : 0;

/** The mean of the first and last minute after `from` (so one GC does not decide the figure). */
export function memoryGrowth(
  lives: { slot: number; life: number; samples: MemorySample[] }[],
  warmupEnd: number,
  lifeWarmupMs: number,
): MemoryGrowth[] {
  return lives.flatMap(({ slot, life, samples }) => {
    if (samples.length === 0) return [];
    const from = Math.max(warmupEnd, samples[0]!.at + lifeWarmupMs);
    const measured = samples.filter((sample) => sample.at >= from);
    if (measured.length < 2) return [];
    const last = measured.at(-1)!.at;
    const first = measured.filter((sample) => sample.at < from + 60_000);
    const end = measured.filter((sample) => sample.at > last - 60_000);
    const mean = (
      rows: MemorySample[],
      key: "rssMb" | "heapUsedMb" | "heapTotalMb" | "externalMb",
    ) => rows.reduce((sum, row) => sum + row[key], 0) / rows.length;
    const rssStartMb = mean(first, "rssMb");
    const rssEndMb = mean(end, "rssMb");
    const heapStartMb = mean(first, "heapUsedMb");
    const heapEndMb = mean(end, "heapUsedMb");
    return [
      {
        slot,
        life,
        measuredS: Math.round((last - measured[0]!.at) / 1000),
        rssStartMb: Math.round(rssStartMb),
        rssEndMb: Math.round(rssEndMb),
        rssGrowthPct: pct(rssStartMb, rssEndMb),
        heapStartMb: Math.round(heapStartMb),
        heapEndMb: Math.round(heapEndMb),
        heapGrowthPct: pct(heapStartMb, heapEndMb),
        heapTotalStartMb: Math.round(mean(first, "heapTotalMb")),
        heapTotalEndMb: Math.round(mean(end, "heapTotalMb")),
        externalStartMb: Math.round(mean(first, "externalMb")),
        externalEndMb: Math.round(mean(end, "externalMb")),
      },
    ];
  });
}

export function errorAcksByCode(stats: BenchStats): Record<string, number> {
  const byCode: Record<string, number> = {};
  for (const op of stats.ops.values()) {
    for (const [code, count] of op.errors) byCode[code] = (byCode[code] ?? 0) + count;
  }
  return byCode;
}

export interface SoakJson {
  faults: FaultRecord[];
  worstRecoveryMs: number | null;
  errorAcks: Record<string, number>;
  faultErrorLogs: number;
  canaryFailures: Record<string, Record<string, number>>;
  memory: MemoryGrowth[];
  targets: { recoveredUnder10s: boolean; rssGrowthUnder10pct: boolean | null };
}

const seconds = (ms: number | null) =>
  ms === null ? "NOT RECOVERED" : `${(ms / 1000).toFixed(1)} s`;

export function printSoakReport(
  faults: FaultRecord[],
  stats: BenchStats,
  canaries: readonly Canary[],
  memory: MemoryGrowth[],
  excusedErrorLogs: ReadonlyMap<string, number>,
): SoakJson {
  console.info("\n== Faults (recovery: from the fault lifted, or the kill, to service) ==");
  for (const fault of faults) {
    const parts = [
      `canaries ${seconds(fault.canariesMs)}`,
      fault.mediaMs !== null ? `video ${seconds(fault.mediaMs)}` : null,
      fault.failover
        ? `places back ${fault.failover.recovered}/${fault.failover.candidates} in ${seconds(fault.failover.recoveryMs)}`
        : null,
    ].filter(Boolean);
    console.info(
      `  ${String(fault.atS).padStart(5)} s  ${fault.kind.padEnd(18)} outage ${(fault.outageMs / 1000).toFixed(1)} s  → ${seconds(fault.recoveryMs).padEnd(13)} (${parts.join(", ")})${fault.note ? `  ${fault.note}` : ""}`,
    );
  }
  const errorAcks = errorAcksByCode(stats);
  console.info("\n== Error acks by code (whole run) ==");
  for (const [code, count] of Object.entries(errorAcks).sort((a, b) => b[1] - a[1])) {
    console.info(`  ${code.padEnd(24)} ${count}`);
  }
  const canaryFailures = Object.fromEntries(
    canaries.map((canary) => [canary.name, Object.fromEntries(canary.failures)]),
  );
  console.info("\n== Error logs while a fault was on (expected: a dependency was down) ==");
  for (const [message, count] of [...excusedErrorLogs].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    console.info(`  ${String(count).padStart(5)} × ${message.slice(0, 160)}`);
  }
  console.info(`\n== Canary failures ==\n  ${JSON.stringify(canaryFailures)}`);
  console.info("\n== Server memory (mean of the first and last minute after warm-up) ==");
  for (const row of memory) {
    console.info(
      `  slot ${row.slot} life ${row.life}: ${row.measuredS} s, RSS ${row.rssStartMb} → ${row.rssEndMb} MB (${row.rssGrowthPct}%), heap ${row.heapStartMb} → ${row.heapEndMb} MB (${row.heapGrowthPct}%; held ${row.heapTotalStartMb} → ${row.heapTotalEndMb} MB), external ${row.externalStartMb} → ${row.externalEndMb} MB`,
    );
  }
  const recoveries = faults.map((fault) => fault.recoveryMs);
  const worstRecoveryMs = recoveries.some((ms) => ms === null)
    ? null
    : Math.max(0, ...recoveries.map((ms) => ms ?? 0));
  const long = memory.filter((row) => row.measuredS >= MIN_MEASURED_S);
  const targets = {
    recoveredUnder10s: worstRecoveryMs !== null && worstRecoveryMs < RECOVERY_TARGET_MS,
    rssGrowthUnder10pct:
      long.length === 0 ? null : long.every((row) => row.rssGrowthPct < RSS_GROWTH_TARGET_PCT),
  };
  console.info(
    `\n  targets: every fault recovered under 10 s: ${targets.recoveredUnder10s ? "yes" : "NO"}; RSS growth under 10% (lives of ${MIN_MEASURED_S} s or more): ${targets.rssGrowthUnder10pct === null ? "run too short to tell" : targets.rssGrowthUnder10pct ? "yes" : "NO"}`,
  );
  const faultErrorLogs = [...excusedErrorLogs.values()].reduce((sum, count) => sum + count, 0);
  return { faults, worstRecoveryMs, errorAcks, faultErrorLogs, canaryFailures, memory, targets };
}
