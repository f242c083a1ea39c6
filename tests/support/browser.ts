/**
 * Debian's Chromium driven by playwright-core: headless, fake camera and
 * microphone, no background network (this machine has none), and loopback
 * allowed for WebRTC ICE so two pages can talk through a local SFU.
 */
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { requireService } from "./services.js";
import { repoRoot } from "./server-process.js";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const artifactsDir = path.join(repoRoot, "tests", "artifacts");

export const chromiumAvailable = () =>
  requireService("Chromium", existsSync(CHROMIUM_PATH), CHROMIUM_PATH);

/** The flags every browser suite's Chromium runs with (headless, fake media, no background traffic). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--use-fake-device-for-media-stream",
  "--use-fake-ui-for-media-stream",
];

export async function launchBrowser(): Promise<Browser> {
  await mkdir(artifactsDir, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, "--allow-loopback-in-peer-connection"],
  });
}

/** The built client the server serves; the test command builds it before the tests run. */
export function requireClientBuild(): string {
  const dist = path.join(repoRoot, "client", "dist");
  if (!existsSync(path.join(dist, "index.html"))) {
    throw new Error(`No client build at ${dist}: run \`pnpm build\` first (\`pnpm check\` does).`);
  }
  return dist;
}
