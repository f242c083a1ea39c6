/**
 * Command-line options of the queue benchmark, with the defaults the README
 * documents. Unknown flags stop the run rather than being silently ignored.
 */
import { parseArgs } from "node:util";

export interface BenchOptions {
  candidates: number;
  stands: number;
  durationS: number;
  recruitersPerStand: number;
  /** Mean pause between two actions of one candidate (exponential). */
  thinkMs: number;
  /** Share of a candidate's actions that close and reopen the socket. */
  reconnectRate: number;
  /** Server setting: how long a called candidate has to answer. */
  callTimeoutS: number;
  /** How long a simulated interview lasts (uniform between min and max). */
  interviewMinMs: number;
  interviewMaxMs: number;
  /** Sockets opened at once while ramping up. */
  rampBatch: number;
  /** Keep the database (queue_events) for a post-mortem instead of dropping it. */
  keepDb: boolean;
  /** Server processes on the same Redis and PostgreSQL; bots are spread over them. */
  processes: number;
  /** Second of the measured window at which one server process is SIGKILLed (null: none). */
  killAtS: number | null;
}

const numeric = {
  candidates: { default: "5000", min: 1 },
  stands: { default: "300", min: 1 },
  duration: { default: "60", min: 1 },
  "recruiters-per-stand": { default: "1", min: 1 },
  "think-ms": { default: "5000", min: 50 },
  "reconnect-rate": { default: "0.03", min: 0 },
  "call-timeout": { default: "10", min: 1 },
  "interview-min-ms": { default: "2000", min: 0 },
  "interview-max-ms": { default: "6000", min: 0 },
  "ramp-batch": { default: "250", min: 1 },
  processes: { default: "1", min: 1 },
} as const;

export const USAGE = `Usage: pnpm bench:queue [--candidates 5000] [--stands 300] [--duration 60]
  [--recruiters-per-stand 1] [--think-ms 5000] [--reconnect-rate 0.03] [--call-timeout 10]
  [--interview-min-ms 2000] [--interview-max-ms 6000] [--ramp-batch 250] [--keep-db]
  [--processes 1] [--kill-at <second>]`;

export function parseBenchArgs(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...Object.fromEntries(
        Object.entries(numeric).map(([name, spec]) => [
          name,
          { type: "string" as const, default: spec.default },
        ]),
      ),
      help: { type: "boolean", default: false },
      "keep-db": { type: "boolean", default: false },
      "kill-at": { type: "string" },
    },
    strict: true,
  });
  if (values.help) {
    console.info(USAGE);
    process.exit(0);
  }
  const given = values as Record<string, string | boolean | undefined>;
  const read = (name: keyof typeof numeric): number => {
    const raw = given[name];
    const value = Number(raw);
    if (typeof raw !== "string" || !Number.isFinite(value) || value < numeric[name].min) {
      throw new Error(`--${name} must be a number >= ${numeric[name].min} (got ${String(raw)})`);
    }
    return value;
  };
  const options: BenchOptions = {
    candidates: Math.round(read("candidates")),
    stands: Math.round(read("stands")),
    durationS: read("duration"),
    recruitersPerStand: Math.round(read("recruiters-per-stand")),
    thinkMs: read("think-ms"),
    reconnectRate: Math.min(1, read("reconnect-rate")),
    callTimeoutS: Math.round(read("call-timeout")),
    interviewMinMs: read("interview-min-ms"),
    interviewMaxMs: read("interview-max-ms"),
    rampBatch: Math.round(read("ramp-batch")),
    keepDb: values["keep-db"] === true,
    processes: Math.round(read("processes")),
    killAtS: null,
  };
  const killAt = given["kill-at"];
  if (killAt !== undefined) {
    const second = Number(killAt);
    if (typeof killAt !== "string" || !Number.isFinite(second) || second <= 0) {
      throw new Error(`--kill-at must be a number of seconds > 0 (got ${String(killAt)})`);
    }
    if (second >= options.durationS) throw new Error("--kill-at must fall inside --duration");
    // Killing the only process leaves its bots nowhere to go: that is not a failover test.
    if (options.processes < 2) throw new Error("--kill-at needs --processes 2 or more");
    options.killAtS = second;
  }
  if (options.interviewMaxMs < options.interviewMinMs) {
    throw new Error("--interview-max-ms must be at least --interview-min-ms");
  }
  return options;
}
