/**
 * Prints the figures of a run for people, then the one JSON line for
 * machines (always last). Invariant violations are printed loudly. The cost
 * figures (CPU, bytes, event loop, outbox, failover) are in report-costs.ts.
 */
import type { BenchOptions } from "./args.js";
import { printCosts, type CostFigures, type CostJson } from "./report-costs.js";
import type { FinalState } from "./redis-state.js";
import { percentile, sortNumbers, type BenchStats } from "./stats.js";
import type { InvariantTracker, Violation } from "./tracker.js";

export interface RunFigures {
  options: BenchOptions;
  windowS: number;
  stats: BenchStats;
  tracker: InvariantTracker;
  final: FinalState | null;
  costs: CostFigures;
  redisZaddPerSec: number | null;
  serverProblems: string[];
}

export interface BenchJson extends CostJson {
  candidates: number;
  opsPerSec: number;
  p99Ms: number;
  msgsPerSec: number;
  lost: number;
  doubleCalls: number;
  redisZaddPerSec: number | null;
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const ms = (value: number) => `${value.toFixed(1)} ms`;

function listSome(title: string, items: readonly (string | Violation)[]): void {
  if (items.length === 0) return;
  console.info(`  !! ${title}: ${items.length}`);
  for (const item of items.slice(0, 10)) {
    console.info(
      `     - ${typeof item === "string" ? item : `t=${item.at}s ${item.candidateId} ${item.detail}`}`,
    );
  }
  if (items.length > 10) console.info(`     … and ${items.length - 10} more`);
}

export function printReport(figures: RunFigures): { json: BenchJson; violations: number } {
  const { stats, tracker, final, windowS, options } = figures;
  const socketOps = stats.socketOps();
  const sorted = sortNumbers(socketOps.latenciesMs);
  const pushes = [...stats.pushes.values()].reduce((sum, count) => sum + count, 0);
  const opsPerSec = socketOps.count / windowS;
  const msgsPerSec = (pushes + stats.acks) / windowS;

  console.info("\n== Operations (client → server, ack latency as seen by the bots) ==");
  const rows = [...stats.ops].sort(([a], [b]) => a.localeCompare(b));
  for (const [name, op] of rows) {
    const latencies = sortNumbers(op.latenciesMs);
    const errors = [...op.errors].map(([code, count]) => `${code} ${count}`).join(", ");
    console.info(
      `  ${name.padEnd(34)} ${String(latencies.length).padStart(7)}  ${(latencies.length / windowS)
        .toFixed(1)
        .padStart(7)}/s  p50 ${ms(percentile(latencies, 50)).padStart(9)}  p99 ${ms(
        percentile(latencies, 99),
      ).padStart(9)}${errors ? `  errors: ${errors}` : ""}`,
    );
  }
  console.info("\n== Messages the server sent (received by the bots) ==");
  for (const [event, count] of [...stats.pushes].sort((a, b) => b[1] - a[1])) {
    console.info(
      `  ${event.padEnd(34)} ${String(count).padStart(8)}  ${(count / windowS).toFixed(1).padStart(8)}/s`,
    );
  }
  console.info(
    `  ${"(acks)".padEnd(34)} ${String(stats.acks).padStart(8)}  ${(stats.acks / windowS).toFixed(1).padStart(8)}/s`,
  );

  const costs = printCosts(figures.costs, stats, socketOps.count, windowS);

  stats.count("call snapshots (queue:mine) crossing another open call", tracker.snapshotConflicts);
  stats.count("places changed by a request that got no ack (informational)", tracker.noAckChanges);
  for (const [explanation, count] of tracker.explainedLosses) {
    stats.count(
      `places missing after a reconnect, explained by the records: ${explanation}`,
      count,
    );
  }
  console.info("\n== Counters ==");
  for (const [name, count] of [...stats.counters].sort(([a], [b]) => a.localeCompare(b))) {
    console.info(`  ${name}: ${count}`);
  }

  const lost = tracker.lost.length + (final?.lost.length ?? 0);
  const doubleCalls = tracker.doubleCalls.length + (final?.doubleBusy.length ?? 0);
  const stuck = final?.stuckCalled.length ?? 0;
  console.info("\n== Invariants ==");
  console.info(
    `  entries lost:       ${lost} (during the run ${tracker.lost.length}, in Redis at the end ${final?.lost.length ?? "?"})`,
  );
  console.info(
    `  double calls:       ${doubleCalls} (seen by clients ${tracker.doubleCalls.length}, busy at two stands in Redis ${final?.doubleBusy.length ?? "?"})`,
  );
  console.info(`  candidates stuck:   ${stuck} (still "called" > 3 s past the deadline)`);
  if (final) {
    console.info(
      `  final entries:      ${final.entries} in Redis, ${final.interviewing} interviewing, ${final.unexpected.length} unexpected, ${final.inconsistent.length} inconsistent keys`,
    );
  } else {
    console.info("  !! the final Redis state could not be read");
  }
  listSome("LOST ENTRIES (during the run)", tracker.lost);
  listSome("LOST ENTRIES (Redis at the end)", final?.lost ?? []);
  listSome("DOUBLE CALLS (clients)", tracker.doubleCalls);
  listSome("DOUBLE CALLS (Redis)", final?.doubleBusy ?? []);
  listSome("STUCK CALLS", final?.stuckCalled ?? []);
  listSome("UNEXPECTED ENTRIES (in Redis, never told to the client)", final?.unexpected ?? []);
  listSome(
    "ERROR ACKS THAT CHANGED THE QUEUE ANYWAY (during the run)",
    tracker.committedDespiteError,
  );
  listSome(
    "ERROR ACKS THAT CHANGED THE QUEUE ANYWAY (Redis at the end)",
    final?.committedDespiteError ?? [],
  );
  listSome("INCONSISTENT KEYS", final?.inconsistent ?? []);
  listSome("SERVER PROBLEMS", figures.serverProblems);

  console.info("\n== Summary ==");
  console.info(
    `  ${options.candidates} candidates, ${options.stands} stands × ${options.recruitersPerStand} recruiter(s), ${options.processes} server process(es), ${windowS.toFixed(1)} s measured`,
  );
  console.info(
    `  throughput:   ${opsPerSec.toFixed(1)} queue operations/s (${socketOps.count} acked or timed out)`,
  );
  console.info(
    `  latency:      p50 ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))}, max ${ms(sorted.at(-1) ?? 0)}`,
  );
  console.info(
    `  messages:     ${msgsPerSec.toFixed(1)}/s sent by the server (${(pushes / windowS).toFixed(1)} pushed + ${(stats.acks / windowS).toFixed(1)} acks)`,
  );
  console.info(
    `  CPU:          servers ${((figures.costs.serverCpuS / windowS) * 100).toFixed(0)}% of a core, bots ${((figures.costs.benchCpuS / windowS) * 100).toFixed(0)}% (bots' event-loop delay mean ${ms(stats.loopDelayMeanMs())}, p99 ${ms(stats.loopDelayP99Ms())})`,
  );
  if (figures.redisZaddPerSec) {
    console.info(
      `  raw Redis:    redis-benchmark ZADD ${figures.redisZaddPerSec.toFixed(0)} req/s; queue ops/s are ${((opsPerSec / figures.redisZaddPerSec) * 100).toFixed(2)}% of it (1:${(figures.redisZaddPerSec / Math.max(opsPerSec, 1e-9)).toFixed(0)})`,
    );
  } else {
    console.info("  raw Redis:    redis-benchmark unavailable");
  }
  const json: BenchJson = {
    candidates: options.candidates,
    opsPerSec: round(opsPerSec),
    p99Ms: round(percentile(sorted, 99)),
    msgsPerSec: round(msgsPerSec),
    lost,
    doubleCalls,
    redisZaddPerSec: figures.redisZaddPerSec === null ? null : round(figures.redisZaddPerSec),
    ...costs.json,
  };
  const committed =
    tracker.committedDespiteError.length + (final?.committedDespiteError.length ?? 0);
  console.info(`  error acks that changed the queue anyway: ${committed}`);
  const violations =
    lost +
    doubleCalls +
    stuck +
    committed +
    (final ? final.inconsistent.length + final.unexpected.length : 1) +
    figures.serverProblems.length +
    costs.violations;
  if (violations > 0) {
    console.info(
      `\n!!!!!!!! ${violations} INVARIANT VIOLATION(S) OR SERVER PROBLEM(S): these are bugs !!!!!!!!`,
    );
  }
  return { json, violations };
}
