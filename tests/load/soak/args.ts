/**
 * Command-line options of the soak (`pnpm soak`), with the defaults the README
 * documents: a compressed fair day of `--duration` seconds, a warm-up before
 * the first fault, and `--rounds` rounds of the five faults spread evenly over
 * the rest (each round: a network drop, a server SIGKILL, Redis killed and
 * restarted, PostgreSQL restarted, the mediasoup workers killed).
 */
import { parseArgs } from "node:util";
import { parseBenchArgs, type BenchOptions } from "../queue-bench/args.js";

export interface SoakOptions {
  bench: BenchOptions;
  warmupS: number;
  rounds: number;
  /** Interviews held in Chromium with fake camera and microphone, through mediasoup. */
  mediaInterviews: number;
  /** How long Redis stays down, and how long the network drop lasts. */
  outageS: number;
  /** How long a killed server process stays down before it is started again. */
  respawnAfterS: number;
  /** The faults of a round, in order (all five unless `--faults` names some). */
  faults: FaultKind[];
}

export const SOAK_USAGE = `Usage: pnpm soak [--duration 1800] [--candidates 3000] [--stands 200]
  [--warmup 120] [--rounds 2] [--media-interviews 2] [--outage 4] [--respawn-after 5]
  [--think-ms 5000] [--keep-db]
  [--faults network-drop,server-kill,redis-restart,postgres-restart,media-worker-kill]`;

const integer = (name: string, value: string, min: number): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min) {
    throw new Error(`--${name} must be an integer of at least ${min} (got "${value}")`);
  }
  return parsed;
};

export function parseSoakArgs(argv: string[]): SoakOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: "string", default: "1800" },
      candidates: { type: "string", default: "3000" },
      stands: { type: "string", default: "200" },
      "think-ms": { type: "string", default: "5000" },
      warmup: { type: "string", default: "120" },
      rounds: { type: "string", default: "2" },
      "media-interviews": { type: "string", default: "2" },
      outage: { type: "string", default: "4" },
      "respawn-after": { type: "string", default: "5" },
      "keep-db": { type: "boolean", default: false },
      faults: { type: "string", default: FAULT_KINDS.join(",") },
    },
    strict: true,
  });
  const bench = parseBenchArgs([
    "--duration",
    values.duration,
    "--candidates",
    values.candidates,
    "--stands",
    values.stands,
    "--think-ms",
    values["think-ms"],
    "--processes",
    "2",
    ...(values["keep-db"] ? ["--keep-db"] : []),
  ]);
  const options: SoakOptions = {
    bench,
    warmupS: integer("warmup", values.warmup, 0),
    rounds: integer("rounds", values.rounds, 1),
    mediaInterviews: integer("media-interviews", values["media-interviews"], 0),
    outageS: integer("outage", values.outage, 1),
    respawnAfterS: integer("respawn-after", values["respawn-after"], 0),
    faults: values.faults.split(",").map((name) => {
      const kind = FAULT_KINDS.find((known) => known === name.trim());
      if (!kind) throw new Error(`--faults: unknown fault "${name}" (${FAULT_KINDS.join(", ")})`);
      return kind;
    }),
  };
  // Each fault needs room to recover (up to 60 s) before the next one.
  const faults = options.rounds * options.faults.length;
  if ((bench.durationS - options.warmupS) / faults < 20) {
    throw new Error(
      `${faults} faults do not fit in ${bench.durationS - options.warmupS} s after the warm-up: lengthen --duration or lower --rounds`,
    );
  }
  return options;
}

export const FAULT_KINDS = [
  "network-drop",
  "server-kill",
  "redis-restart",
  "postgres-restart",
  "media-worker-kill",
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** When each fault starts, in seconds of the measured window. */
export function faultSchedule(options: SoakOptions): { kind: FaultKind; atS: number }[] {
  const faults = options.rounds * options.faults.length;
  const spacing = (options.bench.durationS - options.warmupS) / (faults + 1);
  return Array.from({ length: faults }, (_, index) => ({
    kind: options.faults[index % options.faults.length]!,
    atS: Math.round(options.warmupS + spacing * (index + 1)),
  }));
}
