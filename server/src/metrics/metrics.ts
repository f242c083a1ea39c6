/**
 * The figures an operator watches during a fair, in Prometheus' format
 * (prom-client: the de-facto Node client, with the process figures such as
 * CPU, memory and event-loop lag built in). One registry per app, so several
 * apps in one test process never share counters. Socket events are timed in
 * `handleEvent` (plugins/socket.ts) and HTTP requests by a Fastify hook; the
 * gauges read their figure when scraped. Served by metrics.routes.ts.
 */
import type { FastifyInstance } from "fastify";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { AppSocket, AppSocketServer } from "../plugins/socket.types.js";

/** Seconds: from a millisecond to ten seconds, so both a healthy peak and a saturated one read. */
const LATENCY_BUCKETS = [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface MetricsSources {
  /** Sockets open on this process. */
  sockets: () => number;
  /** The queue outbox: records waiting for PostgreSQL and the age of the oldest. */
  outboxLag: () => Promise<{ pending: number; oldestAgeMs: number | null }>;
}

export class AppMetrics {
  readonly registry = new Registry();
  readonly socketEvents = new Histogram({
    name: "crossfair_socket_event_duration_seconds",
    help: "Time from a socket event's arrival to its acknowledgement, by event and outcome (ok or the error code).",
    labelNames: ["event", "outcome"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly httpRequests = new Histogram({
    name: "crossfair_http_request_duration_seconds",
    help: "HTTP request duration by method, route pattern and status code.",
    labelNames: ["method", "route", "status"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: "crossfair_" });
  }

  /** Adds the gauges whose figures belong to other parts of the app (read when scraped). */
  watch(sources: MetricsSources): void {
    new Gauge({
      name: "crossfair_sockets",
      help: "Socket.io connections open on this process.",
      registers: [this.registry],
      collect() {
        this.set(sources.sockets());
      },
    });
    const pending = new Gauge({
      name: "crossfair_outbox_pending_records",
      help: "Queue outbox entries not yet written to PostgreSQL.",
      registers: [this.registry],
    });
    new Gauge({
      name: "crossfair_outbox_oldest_age_seconds",
      help: "Age of the oldest queue outbox entry not yet written to PostgreSQL (0 when none).",
      registers: [this.registry],
      async collect() {
        const lag = await sources.outboxLag().catch(() => null);
        if (!lag) return;
        pending.set(lag.pending);
        this.set((lag.oldestAgeMs ?? 0) / 1000);
      },
    });
  }

  /**
   * A gauge a domain module owns, read when scraped: `collect` sets its
   * figures (one per label set). A failing read leaves the last figures.
   */
  gauge<L extends string>(spec: {
    name: string;
    help: string;
    labelNames?: readonly L[];
    collect: (gauge: Gauge<L>) => void | Promise<void>;
  }): void {
    const { collect } = spec;
    new Gauge<L>({
      name: spec.name,
      help: spec.help,
      labelNames: spec.labelNames ?? [],
      registers: [this.registry],
      async collect() {
        await Promise.resolve(collect(this)).catch(() => undefined);
      },
    });
  }

  /** A counter a domain module owns and counts into. */
  counter(name: string, help: string): Counter {
    return new Counter({ name, help, registers: [this.registry] });
  }

  /** Times every HTTP request under its route pattern (never the raw URL: ids would explode). */
  timeHttp(app: FastifyInstance): void {
    app.addHook("onResponse", async (request, reply) => {
      this.httpRequests.observe(
        {
          method: request.method,
          route: request.routeOptions.url ?? "(no route)",
          status: String(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      );
    });
  }
}

const metricsOfServer = new WeakMap<AppSocketServer, AppMetrics>();

/** Called once per socket server: its events are timed into `metrics`. */
export function attachSocketMetrics(io: AppSocketServer, metrics: AppMetrics): void {
  metricsOfServer.set(io, metrics);
}

/** Records one answered socket event; a server without metrics attached records nothing. */
export function observeSocketEvent(
  socket: AppSocket,
  event: string,
  outcome: string,
  seconds: number,
): void {
  metricsOfServer.get(socket.nsp.server)?.socketEvents.observe({ event, outcome }, seconds);
}
