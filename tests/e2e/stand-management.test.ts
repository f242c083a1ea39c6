/**
 * Stand management in two browsers: the demo stand admin opens "Manage" from
 * the account menu, publishes a vacancy and adds a translation to it,
 * creates a recruiter invitation link and adds a screening question. A
 * visitor on a 360 px phone opens the link, creates their recruiter account
 * and lands in the stand's console.
 * A candidate applies to the new vacancy; the new recruiter interviews them,
 * assesses the interview (outcome, rating, autosaved notes) and moves the
 * application along the pipeline from the console, and finds both again
 * beside the call. axe finds nothing serious on the manage page, the
 * invitation page, the console and the interview page.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousA11yViolations } from "../support/accessibility.js";
import { artifactsDir, chromiumAvailable } from "../support/browser.js";
import { startBrowserFair, type BrowserFair } from "../support/browser-fair.js";
import { cookieHeaderOf, interviewThroughQueue } from "../support/interview-start.js";

const available = await chromiumAvailable();
const PASSWORD = "crossfair-demo";
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

describe.runIf(available)("stand management in Chromium", () => {
  let fair: BrowserFair;
  let baseUrl: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    fair = await startBrowserFair({
      MEDIA_WORKERS: "1",
      MEDIA_PORT_MIN: "42300",
      MEDIA_PORT_MAX: "42399",
    });
    baseUrl = fair.baseUrl;
  });
  afterAll(async () => fair?.close());

  async function openPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await fair.newContext({
      viewport,
      permissions: ["clipboard-read", "clipboard-write", "camera", "microphone"],
    });
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    return page;
  }

  async function signIn(page: Page, email: string, displayName: string): Promise<void> {
    await page.goto(`${baseUrl}/#/sign-in`);
    await page.locator("#sign-in-email").fill(email);
    await page.locator("#sign-in-password").fill(PASSWORD);
    await page.getByTestId("sign-in-form").locator("button[type=submit]").click();
    await expect
      .poll(() => page.getByTestId("signed-in-user").textContent(), { timeout: 15_000 })
      .toContain(displayName);
  }

  /** A same-origin JSON request from the page, with its session cookie. */
  async function api(page: Page, method: string, url: string, body?: unknown) {
    return page.evaluate(
      async ({ method, url, body }) => {
        const response = await fetch(url, {
          method,
          headers: body === undefined ? {} : { "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: response.status, body: (await response.json()) as unknown };
      },
      { method, url, body },
    );
  }

  it("publishes a translated vacancy, invites a recruiter who joins and assesses an interview", async () => {
    // The stand admin (French UI) opens the stand's manage page from the account menu.
    const julien = await openPage();
    await signIn(julien, "standadmin@crossfair.test", "Julien Lemaire");
    await julien.getByTestId("manage-link").first().click();
    const manageUrl = new RegExp(`#/stands/(${UUID})/manage$`);
    await expect.poll(() => julien.url()).toMatch(manageUrl);
    const standId = manageUrl.exec(julien.url())?.[1] ?? "";
    await julien.getByTestId("stand-profile-form").waitFor({ timeout: 15_000 });

    // A new vacancy, written in French (the admin's language, which the stand uses).
    await julien.getByTestId("vacancy-new").click();
    const form = julien.getByTestId("vacancy-form");
    expect(await form.getByTestId("vacancy-original-language").inputValue()).toBe("fr");
    // Submitting it empty marks the fields instead of sending it.
    await form.getByTestId("vacancy-submit").click();
    await expect.poll(() => form.getByTestId("field-error").count()).toBeGreaterThan(0);
    await form.getByTestId("vacancy-title").fill("Préparateur de commandes de nuit");
    await form
      .getByTestId("vacancy-description")
      .fill("Préparation de commandes, équipe de nuit à Mons.");
    await form.getByTestId("vacancy-openings").fill("3");
    await form.getByTestId("vacancy-submit").click();
    const vacancy = julien
      .getByTestId("manage-vacancy")
      .filter({ hasText: "Préparateur de commandes de nuit" });
    await vacancy.waitFor({ timeout: 15_000 });

    // Its Dutch translation.
    await vacancy.getByTestId("vacancy-translate").click();
    await vacancy.getByTestId("translation-language").selectOption("nl");
    await vacancy.getByTestId("translation-title").fill("Orderpicker nachtploeg");
    await vacancy
      .getByTestId("translation-description")
      .fill("Orderpicken in de nachtploeg in Bergen.");
    await vacancy.getByTestId("translation-save").click();
    await expect
      .poll(() => vacancy.getByTestId("translation-result").textContent(), { timeout: 15_000 })
      .not.toBe("");
    const details = await api(julien, "GET", `/api/stands/${standId}`);
    const published = (
      details.body as { vacancies: { id: string; title: Record<string, string>; status: string }[] }
    ).vacancies.find((item) => item.title.fr === "Préparateur de commandes de nuit");
    expect(published).toMatchObject({ status: "open", title: { nl: "Orderpicker nachtploeg" } });
    const vacancyId = published?.id ?? "";

    // An invitation link for a recruiter, copied with the button.
    await julien.getByTestId("invite-role").selectOption("recruiter");
    await julien.getByTestId("invite-create").click();
    const linkInput = julien.getByTestId("invite-link");
    await linkInput.waitFor({ timeout: 15_000 });
    const link = await linkInput.inputValue();
    expect(link).toMatch(new RegExp(`^${baseUrl}/#/invite/[A-Za-z0-9_-]{43}$`));
    await julien.getByTestId("invite-copy").click();
    await expect.poll(() => julien.evaluate(() => navigator.clipboard.readText())).toBe(link);

    // A screening question, added last and moved up one place from the keyboard, then saved.
    const screening = julien.getByTestId("screening-panel");
    const questions = screening.getByTestId("screening-question");
    await questions.first().waitFor({ timeout: 15_000 });
    const askedBefore = await questions.count();
    await screening.getByTestId("screening-add").click();
    await questions.last().getByTestId("screening-text-fr").fill("Parlez-vous néerlandais ?");
    await questions.last().getByTestId("screening-up").focus();
    await julien.keyboard.press("Enter");
    // Focus stays on the moved question's button.
    await expect
      .poll(() => julien.evaluate(() => document.activeElement?.getAttribute("aria-label")))
      .toBe(`Monter la question ${askedBefore}`);
    await screening.getByTestId("screening-save").click();
    await expect
      .poll(() => screening.getByTestId("screening-status").textContent(), { timeout: 15_000 })
      .toContain("enregistrées");
    const asked = await api(julien, "GET", `/api/stands/${standId}/screening-questions`);
    const wordings = (asked.body as { questions: { question: Record<string, string> }[] })
      .questions;
    expect(wordings).toHaveLength(askedBefore + 1);
    expect(wordings[askedBefore - 1]?.question).toEqual({ fr: "Parlez-vous néerlandais ?" });
    await julien.screenshot({ path: path.join(artifactsDir, "stand-manage.png"), fullPage: true });
    expect(await seriousA11yViolations(julien)).toEqual([]);

    // A visitor on a phone opens the link and creates their recruiter account.
    const nora = await openPage({ width: 360, height: 760 });
    await nora.goto(link);
    await nora.getByTestId("invite-form").waitFor({ timeout: 15_000 });
    expect(await nora.getByTestId("invite-summary").textContent()).toContain("Hainaut Logistique");
    await nora.screenshot({
      path: path.join(artifactsDir, "stand-invite-360.png"),
      fullPage: true,
    });
    expect(await seriousA11yViolations(nora)).toEqual([]);
    await nora.getByTestId("invite-name").fill("Nora Janssens");
    await nora.getByTestId("invite-email").fill("nora.janssens@example.com");
    await nora.getByTestId("invite-password").fill("a long enough password");
    await nora.getByTestId("invite-language-nl").check();
    await nora.getByTestId("invite-language-fr").check();
    await nora.getByTestId("invite-submit").click();
    await expect
      .poll(() => nora.url(), { timeout: 15_000 })
      .toBe(`${baseUrl}/#/console/${standId}`);
    await nora.getByTestId("staff-summary").waitFor({ timeout: 15_000 });
    expect(await nora.getByTestId("signed-in-user").textContent()).toContain("Nora Janssens");
    // The link was used: it is no longer listed as open.
    await julien.reload();
    await julien.getByTestId("team-panel").waitFor({ timeout: 15_000 });
    await expect
      .poll(() => julien.getByTestId("team-member").filter({ hasText: "Nora Janssens" }).count(), {
        timeout: 15_000,
      })
      .toBe(1);
    expect(await julien.getByTestId("team-invitation").count()).toBe(0);

    // A candidate applies to the new vacancy; Nora interviews her.
    const camille = await openPage();
    await signIn(camille, "candidate@crossfair.test", "Camille Dubois");
    const applied = await api(camille, "POST", `/api/vacancies/${vacancyId}/applications`, {
      message: "Disponible de nuit.",
    });
    expect(applied.status).toBe(201);
    const interviewId = await interviewThroughQueue(baseUrl, {
      recruiterCookie: await cookieHeaderOf(nora.context()),
      candidateCookie: await cookieHeaderOf(camille.context()),
      standId,
    });
    // Her console takes her to the interview the moment Camille accepts; she goes back to it.
    await expect
      .poll(() => nora.url(), { timeout: 15_000 })
      .toBe(`${baseUrl}/#/interview/${interviewId}`);
    await nora.goto(`${baseUrl}/#/console/${standId}`);
    await nora.getByTestId("staff-summary").waitFor({ timeout: 15_000 });

    // The console's assessment panel shows Nora's interview in progress.
    await nora.getByTestId("console-interviews").getByRole("button").first().click();
    const panel = nora.getByTestId("assessment-panel");
    await panel.waitFor({ timeout: 15_000 });
    await panel.getByTestId("assessment-outcome-advance").check();
    await panel.getByTestId("assessment-rating-4").check();
    await panel.getByTestId("assessment-notes").fill("Expérience en entrepôt, disponible de nuit.");
    await expect
      .poll(() => panel.getByTestId("assessment-save").getAttribute("data-save"), {
        timeout: 15_000,
      })
      .toBe("saved");

    // Her application moves from "applied" to "interviewed", with who and when kept.
    const candidateApplications = nora
      .getByTestId("console-interviews")
      .getByTestId("staff-application");
    await candidateApplications.first().waitFor({ timeout: 15_000 });
    await candidateApplications
      .first()
      .getByTestId("staff-application-move")
      .selectOption("interviewed");
    await candidateApplications.first().getByTestId("staff-application-move-submit").click();
    await expect
      .poll(() => candidateApplications.first().getAttribute("data-status"), { timeout: 15_000 })
      .toBe("interviewed");
    const history = await candidateApplications
      .first()
      .getByTestId("staff-application-history")
      .textContent();
    expect(history).toContain("Nora Janssens");

    // The stand's list, filtered by status, shows the move too.
    const standList = nora
      .getByTestId("staff-applications")
      .filter({ has: nora.getByTestId("staff-applications-filter") });
    await standList.getByTestId("staff-applications-filter").selectOption("interviewed");
    const listed = standList.getByTestId("staff-application");
    await expect.poll(() => listed.count(), { timeout: 15_000 }).toBe(1);
    expect(await listed.first().textContent()).toContain("Camille Dubois");
    await standList.getByTestId("staff-applications-filter").selectOption("offer");
    await standList.getByTestId("staff-applications-empty").waitFor({ timeout: 15_000 });
    await nora.screenshot({
      path: path.join(artifactsDir, "stand-console-assessment-360.png"),
      fullPage: true,
    });
    expect(await seriousA11yViolations(nora)).toEqual([]);

    // The assessment is kept on the server, and never shown to the candidate.
    const saved = await api(nora, "GET", `/api/interviews/${interviewId}/assessment`);
    expect(saved.body).toMatchObject({
      outcome: "advance",
      rating: 4,
      privateNotes: "Expérience en entrepôt, disponible de nuit.",
      assessedBy: { displayName: "Nora Janssens" },
    });
    expect((await api(camille, "GET", `/api/interviews/${interviewId}/assessment`)).status).toBe(
      403,
    );

    // Beside the call, the recruiter finds the same assessment and applications.
    await nora.goto(`${baseUrl}/#/interview/${interviewId}`);
    const aside = nora.getByTestId("interview-staff-panel");
    await aside.getByTestId("assessment-panel").waitFor({ timeout: 15_000 });
    await expect
      .poll(() => aside.getByTestId("assessment-outcome-advance").isChecked(), { timeout: 15_000 })
      .toBe(true);
    expect(await aside.getByTestId("assessment-notes").inputValue()).toBe(
      "Expérience en entrepôt, disponible de nuit.",
    );
    // The page and both panels name the candidate Nora talks to.
    await expect
      .poll(() => nora.getByTestId("interview-title").textContent(), { timeout: 15_000 })
      .toContain("Camille Dubois");
    for (const panel of ["assessment-panel", "staff-applications"]) {
      expect(await aside.getByTestId(panel).locator("h3").textContent()).toContain(
        "Camille Dubois",
      );
    }
    await expect
      .poll(() => aside.getByTestId("staff-application").getAttribute("data-status"), {
        timeout: 15_000,
      })
      .toBe("interviewed");
    expect(await seriousA11yViolations(nora)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
