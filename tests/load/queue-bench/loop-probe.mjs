/**
 * A preload for server processes under benchmark, loaded without touching the
 * server's code: `NODE_OPTIONS=--import=<absolute path of this file>` (it
 * composes with the `--import tsx` of tests/support/server-process.ts).
 * It measures the event-loop delay with `perf_hooks.monitorEventLoopDelay`
 * and appends one JSON line per second to the file named by
 * `CROSSFAIR_LOOP_PROBE_FILE`, then resets the histogram, so the bench can
 * merge exactly the seconds of its measured window, across processes:
 *   {"pid":1,"at":<epoch ms>,"count":97,"resolutionMs":10,"max":12.3,"percentiles":[[0,10.1],[50,10.2],…],"rssMb":180.2,"heapUsedMb":61.5,"externalMb":4.1}
 * Values are milliseconds as the histogram reports them (they include the
 * sampling interval, `resolutionMs`; the reader takes it off). `percentiles`
 * is the histogram's own cumulative distribution (percentile → value), from
 * which the reader rebuilds weighted samples. `rssMb` and `heapUsedMb` are the
 * process's memory at that second, for the soak's growth figures. A last line is written at exit
 * (not after SIGKILL, which is the point of that test).
 * Plain JavaScript on purpose: it runs before tsx's loader is registered.
 */
import { appendFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";

const file = process.env.CROSSFAIR_LOOP_PROBE_FILE;
if (file) {
  const resolutionMs = 10;
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  histogram.enable();
  const toMs = (ns) => Math.round(ns / 1e4) / 100;
  const flush = () => {
    if (histogram.count === 0) return;
    const memory = process.memoryUsage();
    const percentiles = [...histogram.percentiles].map(([p, ns]) => [p, toMs(ns)]);
    const line = {
      pid: process.pid,
      at: Date.now(),
      count: histogram.count,
      resolutionMs,
      max: toMs(histogram.max),
      percentiles,
      rssMb: Math.round(memory.rss / 1e4) / 100,
      heapUsedMb: Math.round(memory.heapUsed / 1e4) / 100,
      heapTotalMb: Math.round(memory.heapTotal / 1e4) / 100,
      externalMb: Math.round(memory.external / 1e4) / 100,
    };
    histogram.reset();
    try {
      appendFileSync(file, `${JSON.stringify(line)}\n`);
    } catch {
      // The bench's directory is gone (it ended first): nothing to report to.
    }
  };
  // unref: the probe must never keep a server alive that is shutting down.
  setInterval(flush, 1_000).unref();
  process.on("exit", flush);
}
