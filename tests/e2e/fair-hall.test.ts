/**
 * First browser test: the server started as the README starts it, with the
 * built client, opened in Chromium. The fair hall lists the seeded stands
 * and the socket connects.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDataDir } from "../support/app.js";
import {
  artifactsDir,
  chromiumAvailable,
  launchBrowser,
  requireClientBuild,
} from "../support/browser.js";
import { startServer, type ServerProcess } from "../support/server-process.js";

const available = await chromiumAvailable();

describe.runIf(available)("fair hall in Chromium", () => {
  let server: ServerProcess;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    const clientDist = requireClientBuild();
    dataDir = await makeDataDir();
    server = await startServer({ DATA_DIR: dataDir, CLIENT_DIST: clientDist, MEDIA_WORKERS: "1" });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("lists the seeded stands and shows a connected socket", async () => {
    const page = await browser.newPage({ locale: "en-GB" });
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(server.baseUrl.replace("127.0.0.1", "localhost"));

    await expect.poll(() => page.getByTestId("stand-card").count(), { timeout: 15_000 }).toBe(8);
    const names = await page.getByTestId("stand-card").locator("h3").allTextContents();
    expect(names).toEqual(
      expect.arrayContaining([
        "Flanders Food Factory",
        "Hainaut Logistique",
        "Interim Grensregio",
        "Grensinfopunt · Info Frontaliers",
      ]),
    );
    await expect
      .poll(() => page.getByTestId("connection-status").getAttribute("data-status"), {
        timeout: 15_000,
      })
      .toBe("connected");
    await page.screenshot({ path: path.join(artifactsDir, "fair-hall-en.png"), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it("falls back to the client for deep links and keeps the API's 404 shape", async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${server.baseUrl}/stands/some-stand`);
    expect(response?.status()).toBe(200);
    expect(await page.title()).not.toBe("");
    const api = await fetch(`${server.baseUrl}/api/nope`, { headers: { accept: "text/html" } });
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: { code: "not_found" } });
  });
});
