/**
 * The topology's interview figures against the targets (#11): runs
 * the browser suite tests/e2e/topology.test.ts (nginx TLS, two processes,
 * coturn, namespaces; needs root) with more calls per figure and the targets
 * enforced, then prints the figures; the JSON last line carries them with
 * whether each target was met.
 *
 *   sudo pnpm bench:topology                    # 9 calls per figure
 *   TOPOLOGY_SAMPLES=15 sudo pnpm bench:topology
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const samples = process.env.TOPOLOGY_SAMPLES ?? "9";
const figuresFile = path.join(mkdtempSync(path.join(tmpdir(), "topology-bench-")), "figures.json");
const suite = spawnSync(
  "npx",
  ["vitest", "run", "--project", "e2e", "tests/e2e/topology.test.ts"],
  {
    cwd: repo,
    stdio: "inherit",
    env: {
      ...process.env,
      CI: "true", // a missing part fails rather than skips
      TOPOLOGY_SAMPLES: samples,
      TOPOLOGY_TARGETS: "1",
      TOPOLOGY_FIGURES: figuresFile,
    },
  },
);
const figures = JSON.parse(readFileSync(figuresFile, "utf8")) as Record<string, number>;
const targets = {
  acceptToFrameP50Ms: 1_500,
  turnAcceptToFrameP50Ms: 3_000,
  workerDeathToVideoMs: 5_000,
  ownerDeathToVideoMs: 10_000,
};
const met = Object.fromEntries(
  Object.entries(targets).map(([name, target]) => [
    name,
    typeof figures[name] === "number" && figures[name] < target,
  ]),
);
for (const [name, target] of Object.entries(targets)) {
  console.info(`${name}: ${figures[name] ?? "—"} ms (target < ${target} ms)`);
}
console.log(
  JSON.stringify({ samples: Number(samples), ...figures, targets, met, suiteExit: suite.status }),
);
process.exit(suite.status ?? 1);
