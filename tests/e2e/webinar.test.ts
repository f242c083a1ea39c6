/**
 * A live group session in real browsers: a stand's admin schedules one and
 * speaks; three candidates (two of the demo's and one new) join
 * in Chromium with fake camera and microphone. In the lobby they wait; once
 * started, each viewer decodes the speaker's simulcast video through the
 * server's mediasoup. A question is asked, upvoted and marked answered; a
 * viewer raises a hand, is promoted and heard by the speaker, then demoted;
 * the speaker ends the session and every page shows the ended screen with
 * the ways on. axe runs on each page; no page logs an error.
 */
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousA11yViolations } from "../support/accessibility.js";
import { artifactsDir, chromiumAvailable } from "../support/browser.js";
import { signedInContext, useBrowserFair } from "../support/browser-suite.js";
import { fairDate } from "../support/slots.js";

const available = await chromiumAvailable();

interface Stats {
  videoFramesDecoded: number;
  audioPacketsReceived: number;
}

/** The page's phase, then the error it shows, if any (a failure names the code). */
const phase = (page: Page) =>
  page
    .getByTestId("webinar-status")
    .evaluate(
      (status) => `${status.getAttribute("data-phase")} ${status.getAttribute("data-error")}`,
    );
const stats = (page: Page): Promise<Stats> =>
  page.evaluate(() => {
    const hook = (window as unknown as { __crossfairWebinarStats?: () => Promise<Stats> })
      .__crossfairWebinarStats;
    return hook ? hook() : { videoFramesDecoded: 0, audioPacketsReceived: 0 };
  });
/** The widest decoded video on the stage (0 while none plays). */
const videoWidth = (page: Page) =>
  page.evaluate(() =>
    Math.max(
      0,
      ...Array.from(
        document.querySelectorAll<HTMLVideoElement>("[data-testid=webinar-tile] video"),
        (video) => video.videoWidth,
      ),
    ),
  );

describe.runIf(available)("a live group session", () => {
  const fair = useBrowserFair({
    MEDIA_WORKERS: "1",
    MEDIA_PORT_MIN: "42300",
    MEDIA_PORT_MAX: "42499",
  });

  const signedIn = (email: string) => signedInContext(fair, email);

  /** A new candidate, signed up and verified through the development mailbox's link. */
  async function newCandidate(
    displayName: string,
  ): Promise<{ context: BrowserContext; userId: string }> {
    const context = await fair.newContext({ permissions: ["camera", "microphone"] });
    const email = `viewer-${Date.now()}@crossfair.test`;
    const signedUp = await context.request.post(`${fair.baseUrl}/api/auth/sign-up`, {
      data: { email, password: "a long enough password", displayName, uiLanguage: "en" },
    });
    expect(signedUp.status(), await signedUp.text()).toBeLessThan(300);
    const { devMailbox } = (await signedUp.json()) as { devMailbox?: { messageId: string } };
    const message = await context.request.get(
      `${fair.baseUrl}/api/dev-mailbox/${devMailbox?.messageId ?? "none"}`,
    );
    const token = /verify-email\/([\w-]+)/.exec(await message.text())?.[1];
    const verified = await context.request.post(`${fair.baseUrl}/api/auth/email/verify`, {
      data: { token },
    });
    expect(verified.status(), await verified.text()).toBe(200);
    const { user } = (await verified.json()) as { user: { id: string } };
    return { context, userId: user.id };
  }

  const problems: string[] = [];
  async function open(context: BrowserContext, webinarId: string): Promise<Page> {
    const page = await context.newPage();
    page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") {
        problems.push(`${message.type()}: ${message.text()}`);
      }
    });
    await page.goto(`${fair.baseUrl}/#/webinars/${webinarId}`);
    return page;
  }

  it(
    "carries the stage to three viewers, with questions, a promoted voice and the end",
    {
      timeout: 240_000,
    },
    async () => {
      const speaker = await signedIn("standadmin@crossfair.test");
      const viewers = [
        await signedIn("candidate@crossfair.test"),
        await signedIn("kandidaat@crossfair.test"),
        await newCandidate("Lea Schmitt"),
      ];
      const hall = (await (
        await speaker.context.request.get(`${fair.baseUrl}/api/fairs/current/hall`)
      ).json()) as { fair: { slug: string }; stands: { id: string; organisationName: string }[] };
      // The fair is open all day today on its clocks, so a session may start in a few minutes.
      const admin = await signedIn("admin@crossfair.test");
      const opened = await admin.context.request.patch(
        `${fair.baseUrl}/api/admin/fairs/${hall.fair.slug}`,
        { data: { openingHours: [{ date: fairDate(0), opens: "00:00", closes: "23:59" }] } },
      );
      expect(opened.status(), await opened.text()).toBe(200);
      const standId = hall.stands.find((s) => s.organisationName === "Hainaut Logistique")?.id;
      if (!standId) throw new Error("demo stand missing");

      const copy = (title: string) => ({ title, description: "Frontier work, tax and commuting." });
      const scheduled = await speaker.context.request.post(
        `${fair.baseUrl}/api/stands/${standId}/webinars`,
        {
          data: {
            copy: {
              en: copy("Working across the border"),
              fr: copy("Travailler de l’autre côté de la frontière"),
              nl: copy("Werken over de grens"),
            },
            spokenLanguage: "en",
            startsAt: new Date(Date.now() + 3 * 60_000).toISOString(),
            minutes: 30,
            capacity: 50,
            speakerIds: [speaker.userId],
          },
        },
      );
      expect(scheduled.status(), await scheduled.text()).toBe(201);
      const { id: webinarId } = (await scheduled.json()) as { id: string };
      for (const viewer of viewers) {
        const registered = await viewer.context.request.post(
          `${fair.baseUrl}/api/webinars/${webinarId}/registration`,
        );
        expect(registered.status()).toBe(201);
      }

      const speakerPage = await open(speaker.context, webinarId);
      const viewerPages = await Promise.all(viewers.map((v) => open(v.context, webinarId)));
      const everyone = [speakerPage, ...viewerPages];
      const [asker, voter, raiser] = viewerPages as [Page, Page, Page];

      // The lobby: a countdown, nothing recorded, the stand beside it.
      for (const page of everyone) {
        await expect.poll(() => phase(page), { timeout: 15_000 }).toMatch(/^lobby/);
      }
      expect(await asker.getByTestId("webinar-countdown").textContent()).toMatch(
        /Starts in \d\d:\d\d/,
      );
      expect(await asker.getByTestId("webinar-not-recorded").textContent()).toContain(
        "not recorded",
      );
      await expect.poll(() => asker.getByTestId("webinar-join-queue").isVisible()).toBe(true);
      expect(await seriousA11yViolations(asker)).toEqual([]);

      await speakerPage.getByTestId("webinar-start").click();
      for (const page of everyone) {
        await expect.poll(() => phase(page), { timeout: 10_000 }).toMatch(/^live/);
      }

      // Every viewer decodes the speaker's camera, its tile named after the speaker.
      for (const page of viewerPages) {
        await expect
          .poll(() => videoWidth(page), { timeout: 20_000, interval: 250 })
          .toBeGreaterThan(0);
        await expect
          .poll(async () => (await stats(page)).videoFramesDecoded, { timeout: 10_000 })
          .toBeGreaterThan(0);
        expect(await page.getByTestId("webinar-tile").first().textContent()).toContain(
          "Julien Lemaire",
        );
      }
      await asker.screenshot({ path: path.join(artifactsDir, "webinar-viewer.png") });
      expect(await seriousA11yViolations(speakerPage)).toEqual([]);

      // A question: asked, announced, upvoted, answered.
      await asker.getByLabel("Your question").fill("Which country taxes a frontier worker?");
      await asker.getByRole("button", { name: "Ask", exact: true }).click();
      const question = (page: Page) =>
        page.getByTestId("webinar-question").filter({ hasText: "Which country taxes" });
      await expect.poll(() => question(voter).count(), { timeout: 5_000 }).toBe(1);
      await expect
        .poll(() => raiser.getByTestId("webinar-announcer").textContent(), { timeout: 5_000 })
        .toContain("New question from Camille Dubois");
      await question(voter).getByTestId("webinar-question-vote").click();
      for (const page of everyone) {
        await expect
          .poll(() => question(page).getByTestId("webinar-question-votes").textContent(), {
            timeout: 5_000,
          })
          .toBe("1 vote");
      }
      await question(speakerPage).getByTestId("webinar-question-answer").click();
      for (const page of viewerPages) {
        await expect
          .poll(() => question(page).getAttribute("data-status"), { timeout: 5_000 })
          .toBe("answered");
      }

      // A raised hand, promoted: the speaker hears the viewer; then demoted.
      await raiser.getByTestId("webinar-raise-hand").click();
      const hand = speakerPage.getByTestId("webinar-hand").filter({ hasText: "Lea Schmitt" });
      await expect.poll(() => hand.count(), { timeout: 5_000 }).toBe(1);
      const heardBefore = (await stats(speakerPage)).audioPacketsReceived;
      await hand.getByTestId("webinar-promote").click();
      await expect
        .poll(() => raiser.getByTestId("webinar-on-stage").textContent(), { timeout: 10_000 })
        .toContain("You are on stage — your microphone is on");
      await expect
        .poll(async () => (await stats(speakerPage)).audioPacketsReceived, { timeout: 10_000 })
        .toBeGreaterThan(heardBefore + 10);
      expect(await seriousA11yViolations(raiser)).toEqual([]);
      await speakerPage.getByTestId("webinar-demote").click();
      await expect
        .poll(() => raiser.getByTestId("webinar-on-stage").count(), { timeout: 5_000 })
        .toBe(0);
      await expect.poll(() => raiser.getByTestId("webinar-raise-hand").isVisible()).toBe(true);
      // Promoted again, the viewer leaves the stage by itself.
      await raiser.getByTestId("webinar-raise-hand").click();
      await expect.poll(() => hand.count(), { timeout: 5_000 }).toBe(1);
      await hand.getByTestId("webinar-promote").click();
      await expect
        .poll(() => raiser.getByTestId("webinar-on-stage").count(), { timeout: 10_000 })
        .toBe(1);
      await raiser.getByTestId("webinar-leave-stage").click();
      await expect
        .poll(() => raiser.getByTestId("webinar-on-stage").count(), { timeout: 5_000 })
        .toBe(0);
      await expect
        .poll(() => speakerPage.getByTestId("webinar-promoted").count(), { timeout: 5_000 })
        .toBe(0);

      // The end, for everyone, with the ways on to the stand and the hall.
      await speakerPage.getByTestId("webinar-end").click();
      await speakerPage.getByTestId("webinar-end-yes").click();
      for (const page of everyone) {
        await expect.poll(() => phase(page), { timeout: 10_000 }).toMatch(/^ended/);
        const ended = page.getByTestId("webinar-ended");
        expect(await ended.getByRole("link", { name: "Go to the stand" }).count()).toBe(1);
        expect(await ended.getByRole("link", { name: "Back to the hall" }).count()).toBe(1);
      }
      expect(await seriousA11yViolations(voter)).toEqual([]);
      expect(problems).toEqual([]);
    },
  );
});
