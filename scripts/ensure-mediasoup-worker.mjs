#!/usr/bin/env node
// Puts mediasoup's C++ worker binary at <mediasoup>/worker/out/Release/mediasoup-worker.
// Run by the root package.json `postinstall`; plain Node, no dependencies.
//
// Order: CROSSFAIR_SKIP_MEDIASOUP=1 -> MEDIASOUP_WORKER_BIN -> binary already in place ->
// local cache -> mediasoup's prebuilt download (GitHub release) -> build from source with
// infra/mediasoup/build-worker.sh (Debian/Ubuntu) -> clear error.
// See infra/mediasoup/README.md.

import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SERVER_PKG = path.join(ROOT, "server", "package.json");
const BUILD_SCRIPT = path.join(ROOT, "infra", "mediasoup", "build-worker.sh");
const IS_WINDOWS = process.platform === "win32";
const BIN_NAME = IS_WINDOWS ? "mediasoup-worker.exe" : "mediasoup-worker";
// Time allowed until the download's response headers arrive, then for the body.
const CONNECT_TIMEOUT_MS = Number(process.env.CROSSFAIR_MS_DOWNLOAD_TIMEOUT_MS) || 20_000;
const BODY_TIMEOUT_MS = 120_000;

function log(message) {
  console.log(`[mediasoup] ${message}`);
}

function warn(message) {
  console.warn(`[mediasoup] ${message}`);
}

/** Locates the mediasoup package the server workspace resolves, or returns null. */
function findMediasoup() {
  if (!fs.existsSync(SERVER_PKG)) return null;
  let entry;
  try {
    // mediasoup's "exports" hides package.json, so resolve its main file and walk up.
    entry = createRequire(SERVER_PKG).resolve("mediasoup");
  } catch {
    return null;
  }
  for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const pkgFile = path.join(dir, "package.json");
    if (!fs.existsSync(pkgFile)) continue;
    const pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8"));
    if (pkg.name === "mediasoup") return { dir, pkg, version: pkg.version };
  }
  return null;
}

/** Checks that a worker binary exists, is executable, links and runs on this host. */
function checkWorker(bin) {
  let stat;
  try {
    stat = fs.statSync(bin);
  } catch {
    return "missing";
  }
  if (!stat.isFile() || stat.size === 0) return "not a regular, non-empty file";
  if (!IS_WINDOWS) {
    try {
      fs.accessSync(bin, fs.constants.X_OK);
    } catch {
      return "not executable";
    }
  }
  if (process.platform === "linux") {
    const ldd = spawnSync("ldd", [bin], { encoding: "utf8", timeout: 10_000 });
    const missing = (ldd.stdout || "")
      .split("\n")
      .filter((line) => line.includes("not found"))
      .map((line) => line.trim().split(/\s/)[0]);
    if (missing.length > 0) return `missing shared libraries: ${missing.join(", ")}`;
  }
  // Like mediasoup's own check: without MEDIASOUP_VERSION in its env the worker exits with 41.
  const run = spawnSync(bin, [], { env: {}, stdio: "ignore", timeout: 10_000 });
  if (run.status !== 41) {
    return `does not run on this host (exit ${run.status ?? run.signal ?? run.error?.code})`;
  }
  return null;
}

/** Copies src to dest atomically (temp file + rename), so dest is never half-written. */
function installBinary(src, dest) {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.tmp-${process.pid}`;
  try {
    fs.copyFileSync(src, tmp);
    fs.chmodSync(tmp, 0o755);
    fs.renameSync(tmp, dest);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** Cache path of build-worker.sh's output; the key includes the recipe's own hash. */
function cachePath(version) {
  if (!fs.existsSync(BUILD_SCRIPT)) return null;
  const hash = crypto.createHash("sha256").update(fs.readFileSync(BUILD_SCRIPT)).digest("hex");
  const root = process.env.CROSSFAIR_CACHE_DIR || path.join(os.homedir(), ".cache", "crossfair");
  return path.join(root, "mediasoup-worker", `${version}-${hash.slice(0, 12)}`, BIN_NAME);
}

/** The URL mediasoup's own postinstall (npm-scripts.mjs) downloads its prebuilt worker from. */
function prebuiltUrl(ms) {
  const base =
    process.env.MEDIASOUP_WORKER_PREBUILT_DOWNLOAD_BASE_URL ||
    `${ms.pkg.repository.url.replace(/^git\+/, "").replace(/\.git$/, "")}/releases/download`;
  let name = `mediasoup-worker-${ms.version}-${os.platform()}-${os.arch()}`;
  if (os.platform() === "linux") name += `-kernel${Number(os.release().split(".")[0])}`;
  return `${base}/${ms.version}/${name}.tgz`;
}

async function fetchWithTimeout(url) {
  const controller = new AbortController();
  let timer = setTimeout(() => controller.abort(), CONNECT_TIMEOUT_MS);
  try {
    const res = await fetch(url, { signal: controller.signal });
    if (!res.ok) return { error: `HTTP ${res.status} ${res.statusText}` };
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(), BODY_TIMEOUT_MS);
    return { body: Buffer.from(await res.arrayBuffer()) };
  } catch (error) {
    const reason = controller.signal.aborted ? "timed out" : error.cause?.code || error.message;
    return { error: reason };
  } finally {
    clearTimeout(timer);
  }
}

/** mediasoup's normal path: download the prebuilt worker for this platform. */
async function downloadPrebuilt(ms, dest) {
  if (
    process.env.MEDIASOUP_SKIP_WORKER_PREBUILT_DOWNLOAD &&
    !process.env.MEDIASOUP_FORCE_WORKER_PREBUILT_DOWNLOAD
  ) {
    log("MEDIASOUP_SKIP_WORKER_PREBUILT_DOWNLOAD is set, not downloading the prebuilt worker");
    return false;
  }
  const url = prebuiltUrl(ms);
  log(`downloading the prebuilt worker: ${url}`);
  const started = Date.now();
  const { body, error } = await fetchWithTimeout(url);
  if (!body) {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    log(`prebuilt worker not available (${error}, after ${seconds}s)`);
    return false;
  }
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "crossfair-mediasoup-"));
  try {
    const tgz = path.join(tmpDir, "worker.tgz");
    fs.writeFileSync(tgz, body);
    const tar = spawnSync("tar", ["xzf", tgz, "-C", tmpDir], { stdio: "inherit", timeout: 60_000 });
    const extracted = path.join(tmpDir, BIN_NAME);
    if (tar.status !== 0 || !fs.existsSync(extracted)) {
      log("could not extract the prebuilt worker");
      return false;
    }
    fs.chmodSync(extracted, 0o755);
    const problem = checkWorker(extracted);
    if (problem) {
      log(`the prebuilt worker is unusable here: ${problem}`);
      return false;
    }
    installBinary(extracted, dest);
    return true;
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}

/** Returns null if build-worker.sh can run here, otherwise why not. */
function whyCannotBuild() {
  if (!fs.existsSync(BUILD_SCRIPT)) return `${BUILD_SCRIPT} is missing`;
  const probe = spawnSync("sh", ["-c", "command -v bash && command -v dpkg-query"], {
    stdio: "ignore",
  });
  if (process.platform !== "linux" || probe.status !== 0) {
    return "building from source is only automated on Debian/Ubuntu Linux";
  }
  return null;
}

/** Builds with infra/mediasoup/build-worker.sh (streams its output); returns its exit code. */
function runBuildScript(ms) {
  return new Promise((resolve) => {
    const child = spawn("bash", [BUILD_SCRIPT, ms.version], {
      cwd: ROOT,
      stdio: ["ignore", "inherit", "inherit"],
      // Build from the installed package's sources instead of fetching them again.
      env: { ...process.env, MS_SOURCE_DIR: ms.dir },
    });
    child.on("error", (error) => {
      warn(`could not start bash: ${error.message}`);
      resolve(1);
    });
    child.on("close", (code) => resolve(code ?? 1));
  });
}

function printHelp(ms, reasons) {
  const rel = path.relative(process.cwd(), BUILD_SCRIPT) || BUILD_SCRIPT;
  const lines = [
    `ERROR: no usable mediasoup-worker binary for mediasoup ${ms.version}.`,
    ...reasons.map((reason) => `  - ${reason}`),
    "The server cannot run video calls without it. Fix it in one of these ways, then run",
    "`pnpm install` again:",
    "  1. Use a binary you already have:",
    "       MEDIASOUP_WORKER_BIN=/path/to/mediasoup-worker pnpm install",
    "  2. Build it from source (Debian/Ubuntu, ~5 minutes on 2 cores): install its apt",
    "     packages once as root, then `pnpm install` builds and caches it:",
    `       sudo bash ${rel} --deps-only`,
    "  3. Working on the client only? Skip the worker:",
    "       CROSSFAIR_SKIP_MEDIASOUP=1 pnpm install",
    "Details: infra/mediasoup/README.md",
  ];
  for (const line of lines) console.error(`[mediasoup] ${line}`);
}

async function main() {
  if (process.env.CROSSFAIR_SKIP_MEDIASOUP === "1") {
    log("CROSSFAIR_SKIP_MEDIASOUP=1, skipping the mediasoup worker");
    return 0;
  }
  const ms = findMediasoup();
  if (!ms) {
    log("mediasoup is not installed in the server workspace, nothing to do");
    return 0;
  }
  const dest = path.join(ms.dir, "worker", "out", "Release", BIN_NAME);
  const reasons = [];

  const envBin = process.env.MEDIASOUP_WORKER_BIN;
  if (envBin) {
    if (fs.existsSync(envBin)) {
      if (path.resolve(envBin) !== path.resolve(dest)) installBinary(envBin, dest);
      log(`using MEDIASOUP_WORKER_BIN=${envBin} -> ${dest}`);
      return 0;
    }
    warn(`MEDIASOUP_WORKER_BIN=${envBin} does not exist, ignoring it`);
  }

  const current = checkWorker(dest);
  if (!current) {
    log(`worker ${ms.version} already in place: ${dest}`);
    return 0;
  }
  if (current !== "missing") log(`existing worker is unusable (${current}), replacing it`);

  const cached = cachePath(ms.version);
  if (cached && fs.existsSync(cached)) {
    const problem = checkWorker(cached);
    if (!problem) {
      installBinary(cached, dest);
      log(`worker ${ms.version} copied from the cache ${cached}`);
      return 0;
    }
    log(`cached worker ${cached} is unusable (${problem}), ignoring it`);
  }

  if (await downloadPrebuilt(ms, dest)) {
    log(`worker ${ms.version} (prebuilt) installed: ${dest}`);
    return 0;
  }
  reasons.push("the prebuilt worker download failed");

  const cannotBuild = whyCannotBuild();
  if (cannotBuild) {
    reasons.push(cannotBuild);
    printHelp(ms, reasons);
    return 1;
  }
  log(`building worker ${ms.version} from source: this takes ~5 minutes on 2 cores, once`);
  log(`(the result is cached in ${path.dirname(cached)})`);
  const code = await runBuildScript(ms);
  if (code !== 0) {
    reasons.push(`${path.relative(ROOT, BUILD_SCRIPT)} failed (exit ${code})`);
    printHelp(ms, reasons);
    return 1;
  }
  const problem = checkWorker(cached);
  if (problem) {
    reasons.push(`the built worker ${cached} is unusable: ${problem}`);
    printHelp(ms, reasons);
    return 1;
  }
  installBinary(cached, dest);
  log(`worker ${ms.version} built and installed: ${dest}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[mediasoup] ERROR: ${error.stack || error}`);
    process.exit(1);
  },
);
