import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { processFigures, socketEventFigures } from "./operations.figures.js";

function registryWith(workerCpuSeconds: number) {
  const registry = new Registry();
  new Gauge({ name: "crossfair_sockets", help: "s", registers: [registry] }).set(42);
  new Gauge({ name: "crossfair_media_workers_live", help: "w", registers: [registry] }).set(2);
  const cpu = new Gauge({
    name: "crossfair_media_worker_cpu_seconds",
    help: "c",
    labelNames: ["pid"],
    registers: [registry],
  });
  cpu.set({ pid: "1" }, workerCpuSeconds / 2);
  cpu.set({ pid: "2" }, workerCpuSeconds / 2);
  const streams = new Gauge({
    name: "crossfair_media_streams",
    help: "m",
    labelNames: ["kind"],
    registers: [registry],
  });
  streams.set({ kind: "producer" }, 4);
  streams.set({ kind: "consumer" }, 4);
  new Counter({ name: "crossfair_sign_in_failures_total", help: "f", registers: [registry] }).inc(
    3,
  );
  const events = new Histogram({
    name: "crossfair_socket_event_duration_seconds",
    help: "e",
    labelNames: ["event", "outcome"],
    buckets: [0.01, 0.1, 1],
    registers: [registry],
  });
  for (let i = 0; i < 98; i++) events.observe({ event: "queue:join", outcome: "ok" }, 0.005);
  events.observe({ event: "queue:join", outcome: "ok" }, 0.05);
  events.observe({ event: "queue:join", outcome: "rate_limited" }, 0.5);
  events.observe({ event: "queue:leave", outcome: "ok" }, 5);
  return registry;
}

describe("operations figures", () => {
  it("reads a process's figures from its registry", async () => {
    const { figures } = processFigures(
      await registryWith(10).getMetricsAsJSON(),
      { processId: "p1", at: 1_000, uptimeSeconds: 12.4 },
      null,
    );
    expect(figures).toMatchObject({
      processId: "p1",
      uptimeSeconds: 12,
      sockets: 42,
      mediaWorkersLive: 2,
      mediaWorkersCpuPercent: null,
      mediaStreams: 8,
      signInFailures: 3,
    });
  });

  it("gives the workers' CPU share over the interval, none after a worker restarted", async () => {
    const first = processFigures(
      await registryWith(10).getMetricsAsJSON(),
      { processId: "p1", at: 1_000, uptimeSeconds: 1 },
      null,
    );
    const second = processFigures(
      await registryWith(11).getMetricsAsJSON(),
      { processId: "p1", at: 6_000, uptimeSeconds: 6 },
      first.reading,
    );
    expect(second.figures.mediaWorkersCpuPercent).toBe(20);
    const restarted = processFigures(
      await registryWith(0.5).getMetricsAsJSON(),
      { processId: "p1", at: 11_000, uptimeSeconds: 11 },
      second.reading,
    );
    expect(restarted.figures.mediaWorkersCpuPercent).toBeNull();
  });

  it("ranks socket events by their p99 bucket, with errors counted", async () => {
    const rows = socketEventFigures(
      await registryWith(0).getMetricsAsJSON(),
      "crossfair_socket_event_duration_seconds",
    );
    // queue:leave's one answer is past the last bound: shown as slower than 1 s.
    expect(rows).toEqual([
      { event: "queue:leave", count: 1, p99Seconds: 1, errors: 0 },
      { event: "queue:join", count: 100, p99Seconds: 0.1, errors: 1 },
    ]);
  });
});
