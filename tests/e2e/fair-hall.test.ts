/**
 * First browser test: the server started as the README starts it, with the
 * built client, opened in Chromium. The fair hall lists the seeded stands
 * and the socket connects.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { seriousA11yViolations } from "../support/accessibility.js";
import { artifactsDir, chromiumAvailable } from "../support/browser.js";
import { useBrowserFair } from "../support/browser-suite.js";

const available = await chromiumAvailable();

describe.runIf(available)("fair hall in Chromium", () => {
  const fair = useBrowserFair({ MEDIA_WORKERS: "1" });

  it("lists the seeded stands and shows a connected socket", async () => {
    const page = await (await fair.newContext()).newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(fair.baseUrl);

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
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it("falls back to the client for deep links and keeps the API's 404 shape", async () => {
    const page = await (await fair.newContext()).newPage();
    const response = await page.goto(`${fair.server.baseUrl}/stands/some-stand`);
    expect(response?.status()).toBe(200);
    expect(await page.title()).not.toBe("");
    const api = await fetch(`${fair.server.baseUrl}/api/nope`, {
      headers: { accept: "text/html" },
    });
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: { code: "not_found" } });
  });
});
