/**
 * One process's operations figures, read from its metrics registry (the same
 * figures `/metrics` gives Prometheus), so the panel and the dashboard can
 * never disagree. Pure: the registry's JSON in, the figures out; the workers'
 * CPU share needs the previous reading, which the caller keeps.
 */
import type { ProcessFigures, SocketEventFigures } from "@crossfair/shared";
import type { MetricObjectWithValues, MetricValue } from "prom-client";

export type MetricsJson = MetricObjectWithValues<MetricValue<string>>[];

/** What the next reading needs from this one. */
export interface FiguresReading {
  at: number;
  workerCpuSeconds: number;
}

const EVENTS_SHOWN = 8;

function valuesOf(metrics: MetricsJson, name: string): MetricValue<string>[] {
  return metrics.find((metric) => metric.name === name)?.values ?? [];
}

/** The sum of a metric's values (over its labels), 0 when it has none. */
function sumOf(metrics: MetricsJson, name: string): number {
  return valuesOf(metrics, name).reduce((sum, { value }) => sum + value, 0);
}

/** Per event: answers, errors and the bucket bound under which 99 % of them came. */
export function socketEventFigures(metrics: MetricsJson, name: string): SocketEventFigures[] {
  const byEvent = new Map<
    string,
    { count: number; errors: number; buckets: Map<number, number> }
  >();
  const entry = (event: string) => {
    let found = byEvent.get(event);
    if (!found) byEvent.set(event, (found = { count: 0, errors: 0, buckets: new Map() }));
    return found;
  };
  for (const sample of valuesOf(metrics, name)) {
    const { value, labels } = sample;
    // A histogram's samples name their series (`_bucket`, `_count`, `_sum`) at run time.
    const metricName = "metricName" in sample ? String(sample.metricName) : name;
    const event = String(labels.event ?? "");
    if (!event) continue;
    if (metricName === `${name}_count`) {
      entry(event).count += value;
      if (labels.outcome !== "ok") entry(event).errors += value;
    } else if (metricName === `${name}_bucket` && labels.le !== undefined) {
      const le = labels.le === "+Inf" ? Number.POSITIVE_INFINITY : Number(labels.le);
      const buckets = entry(event).buckets;
      buckets.set(le, (buckets.get(le) ?? 0) + value);
    }
  }
  const figures = [...byEvent].map(([event, { count, errors, buckets }]) => {
    let p99Seconds: number | null = null;
    if (count > 0) {
      const bound = [...buckets].sort((a, b) => a[0] - b[0]).find(([, n]) => n >= 0.99 * count);
      // Past the last finite bound the answer is only "slower than that": show that bound.
      const finite = [...buckets.keys()].filter(Number.isFinite);
      p99Seconds = bound && Number.isFinite(bound[0]) ? bound[0] : Math.max(0, ...finite);
    }
    return { event, count, p99Seconds, errors };
  });
  return figures
    .filter((row) => row.count > 0)
    .sort((a, b) => (b.p99Seconds ?? 0) - (a.p99Seconds ?? 0) || b.count - a.count)
    .slice(0, EVENTS_SHOWN);
}

export function processFigures(
  metrics: MetricsJson,
  process: { processId: string; at: number; uptimeSeconds: number },
  previous: FiguresReading | null,
): { figures: ProcessFigures; reading: FiguresReading } {
  const workerCpuSeconds = sumOf(metrics, "crossfair_media_worker_cpu_seconds");
  const elapsedS = previous ? (process.at - previous.at) / 1000 : 0;
  const cpuDelta = previous ? workerCpuSeconds - previous.workerCpuSeconds : 0;
  const figures: ProcessFigures = {
    processId: process.processId,
    at: process.at,
    uptimeSeconds: Math.round(process.uptimeSeconds),
    sockets: sumOf(metrics, "crossfair_sockets"),
    eventLoopLagP99Ms: round(sumOf(metrics, "crossfair_nodejs_eventloop_lag_p99_seconds") * 1000),
    rssMb: round(sumOf(metrics, "crossfair_process_resident_memory_bytes") / 1e6),
    heapUsedMb: round(sumOf(metrics, "crossfair_nodejs_heap_size_used_bytes") / 1e6),
    mediaWorkersLive: sumOf(metrics, "crossfair_media_workers_live"),
    // A worker that died and came back starts its CPU count again: no share for that interval.
    mediaWorkersCpuPercent:
      previous && elapsedS > 0 && cpuDelta >= 0 ? round((cpuDelta / elapsedS) * 100) : null,
    mediaStreams: sumOf(metrics, "crossfair_media_streams"),
    interviewsLive: sumOf(metrics, "crossfair_interviews_live"),
    outboxPending: sumOf(metrics, "crossfair_outbox_pending_records"),
    outboxOldestAgeSeconds: round(sumOf(metrics, "crossfair_outbox_oldest_age_seconds")),
    signInFailures: sumOf(metrics, "crossfair_sign_in_failures_total"),
    socketEvents: socketEventFigures(metrics, "crossfair_socket_event_duration_seconds"),
  };
  return { figures, reading: { at: process.at, workerCpuSeconds } };
}

const round = (value: number) => Math.round(value * 10) / 10;
