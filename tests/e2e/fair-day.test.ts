/**
 * A whole fair day through the UI, each person in their own browser: the
 * fair admin opens the demo fair from the admin page (behind its
 * confirmation); a new candidate signs up, fills in the profile, applies to a
 * Flanders Food Factory vacancy from its stand page and joins its queue; the
 * recruiter calls them from the console, both see and hear each other, and
 * the recruiter records the assessment, moves the application to the second
 * round and ends the interview; the admin's report then shows one interview
 * held and one application in the second round, as the report API does.
 * axe finds nothing serious or critical on any page visited.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { FairReport } from "@crossfair/shared";
import { seriousA11yViolations } from "../support/accessibility.js";
import { artifactsDir, chromiumAvailable } from "../support/browser.js";
import { UUID_PATTERN, pageApi } from "../support/browser-pages.js";
import { useBrowserFair } from "../support/browser-suite.js";
import { expectMediaArriving, interviewPhase, joinInterview } from "../support/interview-media.js";
import { DEMO_FAIR } from "../support/stands.js";

const available = await chromiumAvailable();
const STAND = "Flanders Food Factory";
const CANDIDATE = {
  name: "Sofia Martens",
  email: `sofia.martens.${Date.now()}@example.test`,
  password: "a long enough passphrase",
};

describe.runIf(available)("a fair day in Chromium", () => {
  // Each person has their own browser context (cookies, storage), allowed camera and microphone.
  const fair = useBrowserFair(
    {
      MEDIA_WORKERS: "1",
      MEDIA_PORT_MIN: "42500",
      MEDIA_PORT_MAX: "42599",
    },
    { permissions: ["camera", "microphone"] },
  );
  const { openPage, signIn, pageErrors } = fair;
  /** Every page checked with axe, with what it found: all lists must end up empty. */
  const a11y: Record<string, string[]> = {};

  async function checkA11y(page: Page, name: string): Promise<void> {
    a11y[name] = await seriousA11yViolations(page);
    await page.screenshot({
      path: path.join(artifactsDir, `fair-day-${name}.png`),
      fullPage: true,
    });
  }

  it("opens the fair, interviews a new candidate live and reports it", async () => {
    // Setup through the admin API only: the demo fair goes back to registration.
    const admin = await openPage();
    await signIn(admin, "admin@crossfair.test", "Fair Admin");
    const paused = await pageApi(admin, "POST", `/api/admin/fairs/${DEMO_FAIR}/status`, {
      status: "registration_open",
    });
    expect(paused.status).toBe(200);

    // The admin opens the fair from the admin page, confirming in the dialog.
    await admin.getByTestId("admin-link").click();
    await admin
      .locator(`[data-testid=fair-row][data-slug="${DEMO_FAIR}"]`)
      .getByTestId("fair-link")
      .click({ timeout: 15_000 });
    await expect.poll(() => admin.url()).toBe(`${fair.baseUrl}/#/admin/fairs/${DEMO_FAIR}`);
    const status = admin.getByTestId("fair-status");
    await expect
      .poll(() => status.getAttribute("data-status"), { timeout: 15_000 })
      .toBe("registration_open");
    await admin.getByTestId("fair-move-live").click();
    const dialog = admin.getByTestId("fair-move-dialog");
    await dialog.getByTestId("fair-move-confirm").waitFor();
    await checkA11y(admin, "admin-open-dialog");
    await dialog.getByTestId("fair-move-confirm").click();
    await expect.poll(() => status.getAttribute("data-status"), { timeout: 15_000 }).toBe("live");
    const opened = await pageApi<{ status: string }>(admin, "GET", `/api/admin/fairs/${DEMO_FAIR}`);
    expect(opened.body.status).toBe("live");

    // A new candidate signs up from the account menu, follows the mailed link, lands on the profile.
    const candidate = await openPage();
    await candidate.goto(`${fair.baseUrl}/#/`);
    await candidate.getByTestId("sign-up-link").click();
    const signUp = candidate.getByTestId("sign-up-form");
    await signUp.waitFor({ timeout: 15_000 });
    await checkA11y(candidate, "sign-up");
    await candidate.locator("#sign-up-name").fill(CANDIDATE.name);
    await candidate.locator("#sign-up-email").fill(CANDIDATE.email);
    await candidate.locator("#sign-up-password").fill(CANDIDATE.password);
    await signUp.getByTestId("sign-up-submit").click();
    // "Check your email"; this development server shows the message, whose link signs in.
    const verifyLink = candidate.getByTestId("dev-mailbox-notice").getByTestId("dev-mailbox-link");
    await verifyLink.waitFor({ timeout: 15_000 });
    await verifyLink.click();
    await expect.poll(() => candidate.url(), { timeout: 15_000 }).toBe(`${fair.baseUrl}/#/profile`);

    // The profile: residence, two languages with their levels, a sector, a pitch.
    await candidate.getByTestId("profile-form").waitFor({ timeout: 15_000 });
    await candidate.locator("#profile-country").selectOption("FR");
    await candidate.locator("#profile-region").fill("Hauts-de-France");
    const rows = candidate.getByTestId("profile-language-row");
    await rows.nth(0).locator("select").nth(0).selectOption("fr");
    await rows.nth(0).locator("select").nth(1).selectOption("C2");
    await candidate.getByTestId("profile-add-language").click();
    await expect.poll(() => rows.count()).toBe(2);
    await rows.nth(1).locator("select").nth(0).selectOption("nl");
    await rows.nth(1).locator("select").nth(1).selectOption("B1");
    await candidate.getByTestId("profile-sectors").locator("input[value=food]").check();
    await candidate.locator("#profile-pitch").fill("Production line operator, night shifts.");
    await candidate.getByTestId("profile-save").click();
    await expect
      .poll(() => candidate.getByTestId("profile-save-status").textContent(), { timeout: 15_000 })
      .toContain("Profile saved");
    await checkA11y(candidate, "profile");

    // The stand page: an application to its first vacancy, then the queue.
    await candidate.goto(`${fair.baseUrl}/#/`);
    await candidate
      .getByTestId("stand-card")
      .filter({ hasText: STAND })
      .getByTestId("stand-link")
      .click({ timeout: 15_000 });
    const standMatch = new RegExp(`#/stands/(${UUID_PATTERN})$`);
    await expect.poll(() => candidate.url()).toMatch(standMatch);
    const standId = standMatch.exec(candidate.url())?.[1] ?? "";
    // The profile's languages are known here at once: every vacancy shows its fit.
    await candidate
      .getByTestId("stand-page")
      .getByTestId("fit-badge")
      .first()
      .waitFor({ timeout: 15_000 });
    const apply = candidate.getByTestId("stand-page").getByTestId("apply").first();
    await apply.getByTestId("apply-open").click({ timeout: 15_000 });
    await apply.getByTestId("apply-message").fill("Available for night shifts from next month.");
    await apply.getByTestId("apply-submit").click();
    await apply.getByTestId("applied").waitFor({ timeout: 15_000 });
    await candidate.getByTestId("join-consent").check();
    const answers = candidate.getByTestId("join-answer");
    for (let index = 0; index < (await answers.count()); index += 1) {
      await answers.nth(index).fill("Yes.");
    }
    await checkA11y(candidate, "stand");
    await candidate.getByTestId("join-submit").click();
    const myPlace = candidate.locator(`[data-testid=my-queue][data-stand-id="${standId}"]`);
    await expect.poll(() => myPlace.getAttribute("data-position"), { timeout: 15_000 }).toBe("1");

    // The recruiter opens the stand's console and sees the new candidate's shared profile.
    const recruiter = await openPage();
    await signIn(recruiter, "recruiter@crossfair.test", "Lotte Peeters");
    await recruiter.getByTestId("console-link").first().click();
    await expect.poll(() => recruiter.url()).toBe(`${fair.baseUrl}/#/console/${standId}`);
    const queueRows = recruiter.getByTestId("staff-queue-row");
    await expect.poll(() => queueRows.count(), { timeout: 15_000 }).toBe(1);
    expect(await queueRows.first().getByTestId("staff-profile-name").textContent()).toContain(
      CANDIDATE.name,
    );
    const languages =
      (await queueRows.first().getByTestId("staff-profile-languages").textContent()) ?? "";
    expect(languages).toMatch(/C2/);
    expect(languages).toMatch(/B1/);
    await checkA11y(recruiter, "console");

    // The call: the candidate accepts and both land on the same interview.
    await recruiter.getByTestId("staff-call-next").click();
    const call = candidate.getByTestId("incoming-call");
    await call.getByTestId("incoming-call-accept").waitFor({ timeout: 15_000 });
    await checkA11y(candidate, "incoming-call");
    await call.getByTestId("incoming-call-accept").click();
    const interviewMatch = new RegExp(`#/interview/(${UUID_PATTERN})$`);
    await expect.poll(() => candidate.url(), { timeout: 15_000 }).toMatch(interviewMatch);
    await expect.poll(() => recruiter.url(), { timeout: 15_000 }).toMatch(interviewMatch);
    const interviewId = interviewMatch.exec(candidate.url())?.[1] ?? "";
    expect(interviewMatch.exec(recruiter.url())?.[1]).toBe(interviewId);

    // Both join and each decodes the other's video and receives their audio.
    await Promise.all([joinInterview(recruiter), joinInterview(candidate)]);
    for (const page of [recruiter, candidate]) {
      await expect.poll(() => interviewPhase(page), { timeout: 15_000 }).toBe("live");
    }
    for (const page of [recruiter, candidate]) await expectMediaArriving(page);
    await checkA11y(candidate, "interview-candidate");

    // While it runs, the admin's live dashboard counts it.
    await admin.getByTestId("admin-nav-adminLive").click();
    await expect
      .poll(() => admin.getByTestId("live-interviews").textContent(), { timeout: 15_000 })
      .toBe("1");
    await checkA11y(admin, "admin-live");

    // Beside the call, the recruiter assesses the interview and moves the application.
    const staffPanel = recruiter.getByTestId("interview-staff-panel");
    const assessment = staffPanel.getByTestId("assessment-panel");
    await assessment.getByTestId("assessment-outcome-advance").check({ timeout: 15_000 });
    await assessment.getByTestId("assessment-rating-5").check();
    await assessment.getByTestId("assessment-notes").fill("Motivated, fluent French, good Dutch.");
    await expect
      .poll(() => assessment.getByTestId("assessment-save").getAttribute("data-save"), {
        timeout: 15_000,
      })
      .toBe("saved");
    const application = staffPanel.getByTestId("staff-application");
    await expect.poll(() => application.count(), { timeout: 15_000 }).toBe(1);
    expect(await application.getAttribute("data-status")).toBe("applied");
    await application.getByTestId("staff-application-move").selectOption("second_round");
    await application.getByTestId("staff-application-move-submit").click();
    await expect
      .poll(() => application.getAttribute("data-status"), { timeout: 15_000 })
      .toBe("second_round");
    // From the same list, the recruiter invites the candidate to book a slot, and is told it went.
    const invite = application.getByTestId("staff-application-invite");
    await invite.getByTestId("staff-application-invite-button").click();
    await expect
      .poll(() => invite.getAttribute("data-invitation"), { timeout: 15_000 })
      .toBe("sent");
    expect(await invite.getByTestId("staff-application-invite-button").isDisabled()).toBe(true);
    expect(await invite.getByTestId("staff-application-invite-result").textContent()).toContain(
      CANDIDATE.name,
    );
    await checkA11y(recruiter, "interview-recruiter");

    // The recruiter ends the interview; the call ends on both sides.
    await recruiter.getByTestId("end-interview").click();
    for (const page of [recruiter, candidate]) {
      await expect.poll(() => interviewPhase(page), { timeout: 15_000 }).toBe("ended");
    }
    const saved = await pageApi(recruiter, "GET", `/api/interviews/${interviewId}/assessment`);
    expect(saved.body).toMatchObject({
      outcome: "advance",
      rating: 5,
      privateNotes: "Motivated, fluent French, good Dutch.",
      assessedBy: { displayName: "Lotte Peeters" },
    });

    // The candidate follows the application to the second round.
    await candidate.getByTestId("applications-link").click();
    const mine = candidate.getByTestId("application");
    await expect.poll(() => mine.count(), { timeout: 15_000 }).toBe(1);
    await expect
      .poll(() => mine.getAttribute("data-status"), { timeout: 15_000 })
      .toBe("second_round");
    await checkA11y(candidate, "applications");

    // The report: one interview held, one application, in the second round.
    await admin.getByTestId("admin-nav-adminReport").click();
    const totals = admin.getByTestId("report-totals");
    await totals.waitFor({ timeout: 15_000 });
    const totalsText = await totals.innerText();
    expect(totalsText).toMatch(/Interviews held\s*1\b/);
    expect(totalsText).toMatch(/Applications\s*1\b/);
    const statusChart = admin.getByTestId("report-status-chart");
    const cell = (label: string) =>
      statusChart
        .getByTestId("chart-table")
        .locator("tbody tr")
        .filter({ has: admin.locator("th", { hasText: label }) })
        .locator("td")
        .first()
        .textContent();
    expect(await cell("Second round")).toBe("1");
    expect(await cell("Applied")).toBe("0");
    const activity = admin.getByTestId("report-activity-chart").getByTestId("chart-table");
    expect(await activity.locator("tbody tr").filter({ hasText: STAND }).innerText()).toMatch(
      /\b1\b/,
    );
    await checkA11y(admin, "admin-report");

    const report = await pageApi<FairReport>(admin, "GET", `/api/admin/fairs/${DEMO_FAIR}/report`);
    expect(report.status).toBe(200);
    expect(report.body.totals).toMatchObject({ interviewsHeld: 1, applications: 1, hires: 0 });
    const byStatus = Object.fromEntries(
      report.body.applicationsByStatus.map((entry) => [entry.status, entry.count]),
    );
    expect(byStatus).toMatchObject({ second_round: 1, applied: 0 });
    expect(report.body.stands.find((stand) => stand.standId === standId)).toMatchObject({
      interviews: 1,
      applications: 1,
      queueJoins: 1,
    });

    expect(a11y).toEqual(Object.fromEntries(Object.keys(a11y).map((name) => [name, []])));
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
