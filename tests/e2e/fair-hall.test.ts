/**
 * First browser test: the server started as the README starts it, with the
 * built client, opened in Chromium. The fair hall lists the seeded stands
 * and the socket connects, with nothing in the console while signed out
 * (no 401 from the boot session check); a stand card's live queue line follows a
 * candidate joining and leaving.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { seriousA11yViolations } from "../support/accessibility.js";
import { artifactsDir, chromiumAvailable } from "../support/browser.js";
import { useBrowserFair } from "../support/browser-suite.js";
import { signInCookieOverHttp } from "../support/session.js";
import { connectClient } from "../support/socket-client.js";

const available = await chromiumAvailable();

describe.runIf(available)("fair hall in Chromium", () => {
  const fair = useBrowserFair({ MEDIA_WORKERS: "1" });

  it("lists the seeded stands and shows a connected socket", async () => {
    const page = await (await fair.newContext()).newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    // Signed out, the console stays clean: the boot session check answers "nobody" with a 200.
    const consoleErrors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(`${page.url()}: ${message.text()}`);
    });
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
    // The sign-in page too, loaded afresh, signed out.
    await page.goto(`${fair.baseUrl}/#/sign-in`);
    await page.reload();
    await page.locator("#sign-in-email").waitFor({ timeout: 15_000 });
    await expect
      .poll(() => page.getByTestId("connection-status").getAttribute("data-status"), {
        timeout: 15_000,
      })
      .toBe("connected");
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it("shows a stand's live queue on its hall card as candidates come and go", async () => {
    const page = await fair.openPage();
    await page.goto(fair.baseUrl);
    const line = page
      .getByTestId("stand-card")
      .filter({ hasText: "Flanders Food Factory" })
      .getByTestId("stand-card-queue");
    await expect.poll(() => line.textContent(), { timeout: 15_000 }).toMatch(/No queue/);

    const { server } = fair;
    const hall = (await (await fetch(`${server.baseUrl}/api/fairs/current/hall`)).json()) as {
      stands: { id: string; organisationName: string }[];
    };
    const standId = hall.stands.find(
      (stand) => stand.organisationName === "Flanders Food Factory",
    )!.id;
    const cookie = await signInCookieOverHttp(server.baseUrl, "candidate@crossfair.test");
    const { socket: candidate } = await connectClient(server.baseUrl, cookie);
    try {
      const joined = await candidate.emitWithAck("queue:join", {
        standId,
        consentToShareProfile: true,
      });
      expect(joined.ok).toBe(true);
      // Nobody takes candidates at the stand yet: a count without an estimate.
      await expect.poll(() => line.textContent(), { timeout: 10_000 }).toMatch(/1 waiting\s*$/);
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(await candidate.emitWithAck("queue:leave", { standId })).toEqual({ ok: true });
      await expect.poll(() => line.textContent(), { timeout: 10_000 }).toMatch(/No queue/);
    } finally {
      candidate.close();
    }
    expect(fair.pageErrors).toEqual([]);
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
