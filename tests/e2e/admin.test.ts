/**
 * The fair admin in Chromium: signs in, opens Administration from the
 * account menu, creates a fair through the form, opens its registration
 * behind the confirmation dialog, approves a stand an employer just
 * registered and rejects a candidate's registration, watches the demo fair's live dashboard move when a candidate
 * joins a queue in another browser, and opens the report with its charts
 * drawn and its CSV downloading. axe finds nothing serious on any of it.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { seriousA11yViolations } from "../support/accessibility.js";
import { artifactsDir, chromiumAvailable } from "../support/browser.js";
import { canvasPainted, pageApi } from "../support/browser-pages.js";
import { useBrowserFair } from "../support/browser-suite.js";
import { DEMO_FAIR } from "../support/stands.js";

const available = await chromiumAvailable();

describe.runIf(available)("fair administration in Chromium", () => {
  const fair = useBrowserFair({
    MEDIA_WORKERS: "1",
    MEDIA_PORT_MIN: "42400",
    MEDIA_PORT_MAX: "42499",
    QUEUE_HEARTBEAT_SECONDS: "1",
  });
  const { openPage, signIn, pageErrors } = fair;

  it("creates a fair, opens its registration, approves a stand and rejects a registration", async () => {
    const admin = await openPage();
    await signIn(admin, "admin@crossfair.test", "Fair Admin");
    await admin.getByTestId("admin-link").click();
    await expect.poll(() => admin.url()).toBe(`${fair.baseUrl}/#/admin`);
    await admin.getByTestId("fairs-table").waitFor({ timeout: 15_000 });
    expect(await admin.getByTestId("fair-row").count()).toBeGreaterThanOrEqual(1);
    expect(await seriousA11yViolations(admin)).toEqual([]);

    // The form: an empty submit lists what is missing and keeps the admin on the page.
    await admin.getByTestId("fair-create-open").click();
    await admin.getByTestId("fair-submit").click();
    const problems = admin.getByTestId("fair-form-problems");
    await problems.waitFor();
    expect(await problems.textContent()).toMatch(/Name/);
    expect(await seriousA11yViolations(admin)).toEqual([]);

    const day = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const nextDay = new Date(Date.now() + 31 * 86_400_000).toISOString().slice(0, 10);
    await admin.getByTestId("fair-name-en").fill("Border Jobs Day Liège");
    await admin.getByTestId("fair-name-fr").fill("Journée de l'emploi frontalier");
    // The web address follows the name.
    expect(await admin.getByTestId("fair-slug").inputValue()).toBe("border-jobs-day-liege");
    await admin.getByTestId("fair-description-en").fill("Jobs on both sides of the border.");
    await admin.getByTestId("fair-time-zone").fill("Europe/Brussels");
    await admin.getByTestId("fair-starts").fill(`${day}T09:00`);
    await admin.getByTestId("fair-ends").fill(`${nextDay}T17:00`);
    await admin.getByTestId("fair-fill-days").click();
    await admin.getByTestId("fair-submit").click();
    await expect
      .poll(() => admin.url(), { timeout: 15_000 })
      .toBe(`${fair.baseUrl}/#/admin/fairs/border-jobs-day-liege`);
    const status = admin.getByTestId("fair-status");
    await status.waitFor({ timeout: 15_000 });
    expect(await status.getAttribute("data-status")).toBe("draft");

    // Opening registration asks first; only the moves allowed from draft are offered.
    expect(await admin.getByTestId("fair-move-closed").count()).toBe(0);
    await admin.getByTestId("fair-move-registration_open").click();
    const dialog = admin.getByTestId("fair-move-dialog");
    await dialog.getByTestId("fair-move-confirm").waitFor();
    expect(await dialog.textContent()).toContain("Registration open");
    expect(await seriousA11yViolations(admin)).toEqual([]);
    await dialog.getByTestId("fair-move-confirm").click();
    await expect.poll(() => status.getAttribute("data-status")).toBe("registration_open");
    expect(await dialog.isVisible()).toBe(false);

    // An employer registers a stand for the new fair; it waits for approval.
    const employer = await openPage();
    await employer.goto(`${fair.baseUrl}/#/`);
    const registered = await pageApi(
      employer,
      "POST",
      "/api/fairs/border-jobs-day-liege/stand-registrations",
      {
        stand: {
          kind: "employer",
          organisationName: "Meuse Metalworks",
          description: { fr: "Atelier de métallurgie à Liège." },
          sector: "manufacturing",
          country: "BE",
          region: "Liège",
          languages: ["fr", "nl"],
        },
        contact: {
          email: "hr@meuse-metalworks.test",
          password: "a long enough password",
          displayName: "Nadia Lambert",
          uiLanguage: "fr",
        },
      },
    );
    expect(registered.status).toBe(202);

    await admin.reload();
    const standRows = admin.getByTestId("admin-stands-row");
    await expect.poll(() => standRows.count(), { timeout: 15_000 }).toBe(1);
    expect(await standRows.first().getAttribute("data-status")).toBe("pending");
    expect(await admin.getByTestId("admin-fair-counts").textContent()).toMatch(
      /^Stands: 1 \(1 pending\)/,
    );
    await admin.screenshot({ path: path.join(artifactsDir, "admin-fair.png"), fullPage: true });
    expect(await seriousA11yViolations(admin)).toEqual([]);

    // Approved, it leaves the pending list and the fair's counts follow.
    await standRows.first().getByTestId("admin-stands-approve").focus();
    await admin.keyboard.press("Enter");
    await expect.poll(() => standRows.count(), { timeout: 15_000 }).toBe(0);
    await expect
      .poll(() => admin.getByTestId("admin-fair-counts").textContent())
      .toMatch(/^Stands: 1 \(0 pending\)/);
    await admin.getByTestId("admin-stands-filter").selectOption("approved");
    await expect.poll(() => standRows.count(), { timeout: 15_000 }).toBe(1);
    expect(await standRows.first().getAttribute("data-status")).toBe("approved");

    // A candidate registers for the fair; registrations here need approval. The admin rejects it.
    const jens = await openPage();
    await signIn(jens, "kandidaat@crossfair.test", "Jens Vermeulen");
    const registration = await pageApi(
      jens,
      "POST",
      "/api/fairs/border-jobs-day-liege/registration",
    );
    expect(registration).toMatchObject({
      status: 201,
      body: { registration: { status: "pending" } },
    });
    await admin.reload();
    const registrationRows = admin.getByTestId("admin-registrations-row");
    await expect.poll(() => registrationRows.count(), { timeout: 15_000 }).toBe(1);
    expect(await registrationRows.first().textContent()).toContain("Jens Vermeulen");
    await registrationRows.first().getByTestId("admin-registrations-reject").click();
    await expect.poll(() => registrationRows.count(), { timeout: 15_000 }).toBe(0);
    await expect
      .poll(() => admin.getByTestId("admin-fair-counts").textContent())
      .toMatch(/Registrations: 1 \(0 pending\)$/);
    const mine = await pageApi<{ registrations: { status: string }[] }>(
      jens,
      "GET",
      "/api/me/registrations",
    );
    expect(mine.body.registrations.map((entry) => entry.status)).toEqual(["rejected"]);
    expect(pageErrors).toEqual([]);
  });

  it("moves the live dashboard when a candidate joins, and reports with charts and CSV", async () => {
    const admin = await openPage();
    await signIn(admin, "admin@crossfair.test", "Fair Admin");
    await admin.goto(`${fair.baseUrl}/#/admin/fairs/${DEMO_FAIR}/live`);
    const waiting = admin.getByTestId("live-waiting");
    await waiting.waitFor({ timeout: 15_000 });
    expect(await waiting.textContent()).toBe("0");
    const queueChart = admin.getByTestId("live-queue-chart");
    await expect
      .poll(() => canvasPainted(queueChart.getByTestId("chart-canvas")), { timeout: 15_000 })
      .toBe(true);
    const canvas = await queueChart.getByTestId("chart-canvas").elementHandle();
    expect(await seriousA11yViolations(admin)).toEqual([]);

    // A candidate joins Flanders Food Factory's queue in another browser.
    const candidate = await openPage();
    await signIn(candidate, "candidate@crossfair.test", "Camille Dubois");
    await candidate.goto(`${fair.baseUrl}/#/`);
    await candidate
      .getByTestId("stand-card")
      .filter({ hasText: "Flanders Food Factory" })
      .getByTestId("stand-link")
      .click();
    await candidate.getByTestId("join-consent").check();
    await candidate.getByTestId("join-submit").click();

    // Within a few polls the figures and the stand's bar move, on the same canvas.
    await expect.poll(() => waiting.textContent(), { timeout: 15_000 }).toBe("1");
    const foodRow = queueChart
      .getByTestId("chart-table")
      .locator("tbody tr")
      .filter({ hasText: "Flanders Food Factory" });
    expect(await foodRow.locator("td").first().textContent()).toContain("1");
    expect(await canvas?.evaluate((element) => element.isConnected)).toBe(true);
    const trendRows = admin.getByTestId("live-trend-chart").locator("tbody tr");
    await expect.poll(() => trendRows.count(), { timeout: 15_000 }).toBeGreaterThan(1);
    expect(await admin.getByTestId("live-stale").count()).toBe(0);
    await admin.screenshot({ path: path.join(artifactsDir, "admin-live.png"), fullPage: true });

    // The report: totals as text, four charts drawn, tables behind a toggle.
    await admin.getByTestId("admin-nav-adminReport").click();
    await admin.getByTestId("report-totals").waitFor({ timeout: 15_000 });
    expect(await admin.getByTestId("report-totals").textContent()).toMatch(/Queue joins\s*1/);
    for (const chart of [
      "report-residence-chart",
      "report-status-chart",
      "report-activity-chart",
      "report-outcome-chart",
    ]) {
      await expect
        .poll(() => canvasPainted(admin.getByTestId(chart).getByTestId("chart-canvas")), {
          timeout: 15_000,
        })
        .toBe(true);
      const label = await admin
        .getByTestId(chart)
        .getByTestId("chart-canvas")
        .getAttribute("aria-label");
      expect(label?.length, chart).toBeGreaterThan(10);
    }
    // Booked slots beside the walk-ins: figures as text, two charts that say what they count,
    // and no slot chart while no stand has published slots.
    const bookings = admin.getByTestId("report-bookings");
    expect(await bookings.getByTestId("report-bookings-figures").textContent()).toMatch(
      /Walk-in interviews\s*0.*No-show rate, walk-in\s*nothing to count yet/s,
    );
    for (const chart of ["report-interview-type-chart", "report-no-show-chart"]) {
      const canvas = bookings.getByTestId(chart).getByTestId("chart-canvas");
      await expect.poll(() => canvasPainted(canvas), { timeout: 15_000 }).toBe(true);
      const help = bookings.getByTestId(chart).getByTestId("chart-help");
      expect(await canvas.getAttribute("aria-describedby")).toBe(await help.getAttribute("id"));
    }
    expect(
      await bookings.getByTestId("report-no-show-chart").getByTestId("chart-help").textContent(),
    ).toContain("within 5 minutes");
    await bookings.getByTestId("report-slot-chart-empty").waitFor();
    const activity = admin.getByTestId("report-activity-chart");
    expect(await activity.getByTestId("chart-canvas").getAttribute("aria-label")).toContain(
      "Flanders Food Factory 1",
    );
    await activity.getByRole("button", { name: "Show as table" }).click();
    expect(await activity.getByTestId("chart-table").isVisible()).toBe(true);
    await admin.screenshot({ path: path.join(artifactsDir, "admin-report.png"), fullPage: true });
    expect(await seriousA11yViolations(admin)).toEqual([]);

    const [download] = await Promise.all([
      admin.waitForEvent("download"),
      admin.getByTestId("report-csv").click(),
    ]);
    const csv = await readFile((await download.path()) ?? "", "utf8");
    // The server starts the file with a byte-order mark, so Excel reads it as UTF-8.
    expect(csv.split("\n")[0]).toMatch(/^\uFEFF?stand,kind,open_vacancies,queue_joins/);
    expect(csv).toMatch(/Flanders Food Factory,employer,\d+,1,/);
    expect(csv.split("\n")[0]).toMatch(/,booked_interviews,walk_in_interviews,past_slots_held,/);

    // A candidate is not let in.
    await candidate.goto(`${fair.baseUrl}/#/admin`);
    await candidate.getByTestId("route-forbidden").waitFor({ timeout: 15_000 });
    expect(pageErrors).toEqual([]);
  });
});
