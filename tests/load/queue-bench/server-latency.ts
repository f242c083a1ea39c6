/**
 * Latency as the servers saw it: each process's `/metrics` histogram of socket
 * events (arrival to acknowledgement), read at the start and the end of the
 * measured window, summed over the processes. Set apart from the bots' own
 * figures, it shows how much of a latency is the server and how much the
 * saturated load generator (its event loop, its sockets). Percentiles are the
 * upper bounds of the histogram's buckets.
 */
export const METRICS_TOKEN = "bench-metrics-token-0123456789";

/** Cumulative bucket counts by event: `le` (seconds, Infinity last) → count. */
type Buckets = Map<string, Map<number, number>>;

const LINE = /^crossfair_socket_event_duration_seconds_bucket\{(.*)\} (\d+(?:\.\d+)?)$/;

function parse(text: string, into: Buckets): void {
  for (const line of text.split("\n")) {
    const match = LINE.exec(line);
    if (!match) continue;
    const labels = Object.fromEntries(
      [...match[1]!.matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => [key!, value!]),
    );
    const event = labels.event ?? "?";
    const le = labels.le === "+Inf" ? Infinity : Number(labels.le);
    const buckets = into.get(event) ?? new Map<number, number>();
    buckets.set(le, (buckets.get(le) ?? 0) + Number(match[2]));
    into.set(event, buckets);
  }
}

/** Each answering process's socket-event histogram now, by its URL. */
export async function readServerLatency(urls: readonly string[]): Promise<Map<string, Buckets>> {
  const all = new Map<string, Buckets>();
  await Promise.all(
    urls.map(async (url) => {
      try {
        const response = await fetch(`${url}/metrics`, {
          headers: { authorization: `Bearer ${METRICS_TOKEN}` },
          signal: AbortSignal.timeout(10_000),
        });
        if (!response.ok) return;
        const buckets: Buckets = new Map();
        parse(await response.text(), buckets);
        all.set(url, buckets);
      } catch {
        // A killed process has no metrics: its events are left out of this figure only.
      }
    }),
  );
  return all;
}

export interface ServerLatency {
  events: number;
  /** Upper bounds of the buckets holding the 50th and 99th percentiles, in ms. */
  p50Ms: number;
  p99Ms: number;
  byEvent: { event: string; events: number; p50Ms: number; p99Ms: number }[];
}

function percentiles(buckets: Map<number, number>): {
  events: number;
  p50Ms: number;
  p99Ms: number;
} {
  const bounds = [...buckets.keys()].sort((a, b) => a - b);
  const total = buckets.get(Infinity) ?? 0;
  const at = (share: number) => {
    for (const bound of bounds) if ((buckets.get(bound) ?? 0) >= share * total) return bound * 1000;
    return Infinity;
  };
  return { events: total, p50Ms: at(0.5), p99Ms: at(0.99) };
}

/** What happened between two readings, over the processes read both times: per event and overall. */
export function latencyBetween(
  before: Map<string, Buckets>,
  after: Map<string, Buckets>,
): ServerLatency {
  const perEvent: Buckets = new Map();
  for (const [url, buckets] of after) {
    const earlier = before.get(url);
    if (!earlier) continue;
    for (const [event, counts] of buckets) {
      const sum = perEvent.get(event) ?? new Map<number, number>();
      for (const [le, count] of counts) {
        sum.set(le, (sum.get(le) ?? 0) + count - (earlier.get(event)?.get(le) ?? 0));
      }
      perEvent.set(event, sum);
    }
  }
  const overall = new Map<number, number>();
  const byEvent: ServerLatency["byEvent"] = [];
  for (const [event, counts] of perEvent) {
    for (const [le, count] of counts) overall.set(le, (overall.get(le) ?? 0) + count);
    const figures = percentiles(counts);
    if (figures.events > 0) byEvent.push({ event, ...figures });
  }
  byEvent.sort((a, b) => a.event.localeCompare(b.event));
  return { ...percentiles(overall), byEvent };
}
