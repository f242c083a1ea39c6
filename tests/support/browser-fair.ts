/**
 * One started fair for a browser suite: the server process with the built
 * client and its own data directory, Chromium, and the browser contexts the
 * suite opens, all torn down by `close()`.
 */
import { rm } from "node:fs/promises";
import type { Browser, BrowserContext, BrowserContextOptions } from "playwright-core";
import { makeDataDir } from "./app.js";
import { launchBrowser, requireClientBuild } from "./browser.js";
import { startServer, type ServerProcess } from "./server-process.js";

export interface BrowserFair {
  server: ServerProcess;
  browser: Browser;
  /** `http://localhost:PORT`: a secure context, so pages may use camera and microphone. */
  baseUrl: string;
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function startBrowserFair(env: Record<string, string> = {}): Promise<BrowserFair> {
  const clientDist = requireClientBuild();
  const dataDir = await makeDataDir();
  const server = await startServer({ DATA_DIR: dataDir, CLIENT_DIST: clientDist, ...env });
  const browser = await launchBrowser();
  const contexts: BrowserContext[] = [];
  return {
    server,
    browser,
    baseUrl: server.baseUrl.replace("127.0.0.1", "localhost"),
    async newContext(options = {}) {
      const context = await browser.newContext({ locale: "en-GB", ...options });
      contexts.push(context);
      return context;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
