/**
 * The live queue in three browsers: a candidate signs in through the UI,
 * joins Flanders Food Factory's queue from its stand page and sees their
 * place, which survives a reload; a second candidate on a 360 px phone
 * answers Hainaut Logistique's screening questions and queues behind the
 * first; the recruiter opens the stand's console, sees the first candidate's
 * shared profile and calls them; the candidate accepts the call and both
 * land on the interview page.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousA11yViolations } from "../support/accessibility.js";
import { artifactsDir, chromiumAvailable } from "../support/browser.js";
import { UUID_PATTERN } from "../support/browser-pages.js";
import { useBrowserFair } from "../support/browser-suite.js";

const available = await chromiumAvailable();

describe.runIf(available)("live queue in Chromium", () => {
  const fair = useBrowserFair(
    {
      MEDIA_WORKERS: "1",
      MEDIA_PORT_MIN: "42100",
      MEDIA_PORT_MAX: "42199",
      QUEUE_HEARTBEAT_SECONDS: "1",
    },
    { permissions: ["camera", "microphone"] },
  );
  const { openPage, signIn, pageErrors } = fair;

  async function openStand(page: Page, name: string): Promise<string> {
    await page.goto(`${fair.baseUrl}/#/`);
    const card = page.getByTestId("stand-card").filter({ hasText: name });
    await card.getByTestId("stand-link").click();
    await page.getByTestId("join-form").waitFor({ timeout: 15_000 });
    const match = new RegExp(`#/stands/(${UUID_PATTERN})$`).exec(page.url());
    expect(match, page.url()).not.toBeNull();
    return match?.[1] ?? "";
  }

  const position = (page: Page, standId: string) =>
    page
      .locator(`[data-testid=my-queue][data-stand-id="${standId}"]`)
      .getAttribute("data-position");

  it("takes a candidate from the stand page through the call into the interview", async () => {
    // The candidate joins Flanders Food Factory, which asks no screening questions.
    const camille = await openPage();
    await signIn(camille, "candidate@crossfair.test", "Camille Dubois");
    const foodStand = await openStand(camille, "Flanders Food Factory");
    await camille.getByTestId("join-consent").check();
    await camille.screenshot({ path: path.join(artifactsDir, "queue-stand-page.png") });
    expect(await seriousA11yViolations(camille)).toEqual([]);
    await camille.getByTestId("join-submit").click();
    await expect.poll(() => position(camille, foodStand), { timeout: 15_000 }).toBe("1");
    // Nobody takes candidates yet, so there is no estimate.
    const wait = camille.getByTestId("my-queue-wait");
    await expect(wait.textContent()).resolves.not.toMatch(/\d/);

    // A reload keeps the place: the server restores it on connect.
    await camille.reload();
    await expect.poll(() => position(camille, foodStand), { timeout: 15_000 }).toBe("1");

    // The recruiter signs in and opens their stand's console from the account menu.
    const lotte = await openPage();
    await signIn(lotte, "recruiter@crossfair.test", "Lotte Peeters");
    await lotte.getByTestId("console-link").first().click();
    await expect.poll(() => lotte.url()).toBe(`${fair.baseUrl}/#/console/${foodStand}`);
    const rows = lotte.getByTestId("staff-queue-row");
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    await expect(rows.first().getByTestId("staff-profile-name").textContent()).resolves.toContain(
      "Camille Dubois",
    );
    const languages =
      (await rows.first().getByTestId("staff-profile-languages").textContent()) ?? "";
    // Language names follow the recruiter's (Dutch) UI; the CEFR levels are the shared facts.
    expect(languages).toMatch(/C2/);
    expect(languages).toMatch(/A2/);
    await expect
      .poll(() => rows.first().getAttribute("data-online"), { timeout: 15_000 })
      .toBe("true");

    // A second candidate, on a 360 px phone, answers Hainaut Logistique's
    // screening questions, then queues behind Camille at Flanders Food Factory.
    const jens = await openPage({ width: 360, height: 760 });
    await signIn(jens, "kandidaat@crossfair.test", "Jens Vermeulen");
    const logisticsStand = await openStand(jens, "Hainaut Logistique");
    const answers = jens.getByTestId("join-answer");
    await expect.poll(() => answers.count()).toBe(2);
    await jens.getByTestId("join-submit").click();
    await expect.poll(() => jens.getByTestId("join-error").count()).toBe(1);
    await jens.getByTestId("join-consent").check();
    await answers.nth(0).fill("Ja, sinds 2019.");
    await answers.nth(1).fill("Ja.");
    // Fixing the form clears the complaint about it.
    expect(await jens.getByTestId("join-error").count()).toBe(0);
    await jens.screenshot({
      path: path.join(artifactsDir, "queue-stand-page-360.png"),
      fullPage: true,
    });
    expect(await seriousA11yViolations(jens)).toEqual([]);
    await jens.getByTestId("join-submit").click();
    await expect.poll(() => position(jens, logisticsStand), { timeout: 15_000 }).toBe("1");
    await openStand(jens, "Flanders Food Factory");
    await jens.getByTestId("join-consent").check();
    await jens.getByTestId("join-submit").click();
    await expect.poll(() => position(jens, foodStand), { timeout: 15_000 }).toBe("2");
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);
    await lotte.screenshot({ path: path.join(artifactsDir, "queue-console.png"), fullPage: true });
    expect(await seriousA11yViolations(lotte)).toEqual([]);

    // With a recruiter active, the stand's next update carries a wait estimate.
    // (The server does not broadcast a recruiter's arrival by itself yet, so
    // this relies on Jens's join above.)
    await expect.poll(() => wait.textContent(), { timeout: 15_000 }).toMatch(/\d/);
    await camille.getByTestId("my-queues").screenshot({
      path: path.join(artifactsDir, "queue-my-queues.png"),
    });
    await jens.getByTestId("my-queues").screenshot({
      path: path.join(artifactsDir, "queue-my-queues-360.png"),
    });

    // Snooze keeps the place without being callable; ready brings it back; leave drops it.
    const jensFood = jens.locator(`[data-testid=my-queue][data-stand-id="${foodStand}"]`);
    await jensFood.getByRole("button").first().click();
    await expect.poll(() => jensFood.getAttribute("data-state")).toBe("snoozed");
    expect(await position(jens, foodStand)).toBe("");
    await jensFood.getByRole("button").first().click();
    await expect.poll(() => position(jens, foodStand)).toBe("2");
    const jensLogistics = jens.locator(`[data-testid=my-queue][data-stand-id="${logisticsStand}"]`);
    await jensLogistics.getByTestId("my-queue-leave").click();
    await expect.poll(() => jensLogistics.count()).toBe(0);

    // Call next: Camille is called and sees the countdown.
    await lotte.getByTestId("staff-call-next").click();
    const call = camille.getByTestId("incoming-call");
    await call.getByTestId("incoming-call-accept").waitFor({ timeout: 15_000 });
    expect(await call.getAttribute("role")).toBe("alertdialog");
    expect(await call.getByTestId("incoming-call-seconds").textContent()).toMatch(/\d+/);
    // Focus starts inside the dialog, on "accept".
    expect(
      await camille.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? ""),
    ).toBe("incoming-call-accept");
    await expect
      .poll(() => lotte.getByTestId("staff-call-message").getAttribute("data-outcome"))
      .toBe("pending");
    await camille.screenshot({ path: path.join(artifactsDir, "queue-incoming-call.png") });
    expect(await seriousA11yViolations(camille)).toEqual([]);

    // Accepting opens the interview for both.
    await call.getByTestId("incoming-call-accept").click();
    const interviewUrl = new RegExp(`#/interview/(${UUID_PATTERN})$`);
    await expect.poll(() => camille.url(), { timeout: 15_000 }).toMatch(interviewUrl);
    await expect.poll(() => lotte.url(), { timeout: 15_000 }).toMatch(interviewUrl);
    expect(interviewUrl.exec(lotte.url())?.[1]).toBe(interviewUrl.exec(camille.url())?.[1]);

    // Jens moves up while Camille is in her interview.
    await expect.poll(() => position(jens, foodStand), { timeout: 15_000 }).toBe("1");

    // Signing out forgets the places on screen and reconnects as a visitor.
    await jens.getByTestId("sign-out").click();
    await jens.getByTestId("sign-in-link").waitFor({ timeout: 15_000 });
    expect(await jens.getByTestId("my-queues").count()).toBe(0);
    await expect
      .poll(() => jens.getByTestId("connection-status").getAttribute("data-status"), {
        timeout: 15_000,
      })
      .toBe("connected");
    expect(pageErrors).toEqual([]);
  });
});
