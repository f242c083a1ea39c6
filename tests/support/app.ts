/** Builds the real server for tests: silent logs, a temporary data directory, no client bundle. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildApp, createLogger, type App, type BuildOptions } from "@crossfair/server/app";
import { parseConfig } from "@crossfair/server/config";

export interface TestApp extends App {
  dataDir: string;
  /** Closes the app and removes its data directory. */
  dispose(): Promise<void>;
}

export async function makeDataDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), "crossfair-test-"));
}

export async function buildTestApp(
  env: Record<string, string | undefined> = {},
  dataDir?: string,
  /** Where the app's (redacted) log lines go instead of nowhere; LOG_LEVEL still decides. */
  logTo?: Parameters<typeof createLogger>[1],
  /** A clock of the test's choosing (`testClock`), for rules and timers due at a moment. */
  options: BuildOptions = {},
): Promise<TestApp> {
  const directory = dataDir ?? (await makeDataDir());
  const config = parseConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    MEDIA_WORKERS: "0",
    PORT: "0",
    // Suites sign in many times from one address; the limit itself has its own test.
    SIGN_IN_PER_MINUTE: "10000",
    DATA_DIR: directory,
    CLIENT_DIST: path.join(directory, "no-client"),
    ...env,
  });
  const app = await buildApp(config, createLogger(config, logTo), options);
  return Object.assign(app, {
    dataDir: directory,
    async dispose() {
      await app.close();
      if (!dataDir) await rm(directory, { recursive: true, force: true });
    },
  });
}

/** A clock running at the wall clock's pace from a moment the test sets (`setNow`). */
export function testClock(startAt = Date.now()) {
  let offset = startAt - Date.now();
  return {
    now: () => Date.now() + offset,
    setNow(at: number) {
      offset = at - Date.now();
    },
  };
}
