/**
 * A live interview between two real browsers: the recruiter starts an
 * interview with the demo candidate, both open it in Chromium (fake camera
 * and microphone), join, and each receives the other's video and audio
 * through the server's mediasoup worker; both count down the time left.
 * When the candidate leaves, the server has closed all of that peer's media
 * objects; an outsider is refused.
 */
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { MediaRoomDiagnostics } from "@crossfair/shared";
import { seriousA11yViolations } from "../support/accessibility.js";
import { artifactsDir, chromiumAvailable } from "../support/browser.js";
import { signedInContext, useBrowserFair } from "../support/browser-suite.js";
import { cookieHeaderOf, interviewThroughQueue } from "../support/interview-start.js";
import {
  expectMediaArriving,
  interviewPhase as phase,
  joinInterview,
} from "../support/interview-media.js";

const available = await chromiumAvailable();

describe.runIf(available)("interview between two browsers", () => {
  const fair = useBrowserFair({
    MEDIA_WORKERS: "1",
    MEDIA_PORT_MIN: "42000",
    MEDIA_PORT_MAX: "42099",
  });

  const signedIn = (email: string) => signedInContext(fair, email);

  async function openInterview(context: BrowserContext, id: string): Promise<Page> {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${fair.baseUrl}/#/interview/${id}`);
    await joinInterview(page);
    return page;
  }

  /** The candidate accepts a call of the recruiter's stand, Flanders Food Factory. */
  async function startInterview(
    recruiter: BrowserContext,
    candidate: BrowserContext,
  ): Promise<{ id: string }> {
    const hall = (await (
      await recruiter.request.get(`${fair.baseUrl}/api/fairs/current/hall`)
    ).json()) as {
      stands: { id: string; organisationName: string }[];
    };
    const standId = hall.stands.find((s) => s.organisationName === "Flanders Food Factory")?.id;
    if (!standId) throw new Error("demo stand missing");
    const id = await interviewThroughQueue(fair.baseUrl, {
      recruiterCookie: await cookieHeaderOf(recruiter),
      candidateCookie: await cookieHeaderOf(candidate),
      standId,
    });
    return { id };
  }

  async function expectTimerCountingDown(page: Page): Promise<void> {
    const timer = page.getByTestId("interview-timer");
    await expect.poll(() => timer.getAttribute("data-stage"), { timeout: 5_000 }).toBe("running");
    const clock = page.getByTestId("interview-timer-clock");
    const first = await clock.textContent();
    expect(first).toMatch(/^(15:00|14:[0-5]\d)$/);
    expect(await timer.textContent()).toContain("Time left");
    await expect.poll(() => clock.textContent(), { timeout: 3_000, interval: 200 }).not.toBe(first);
    expect((await page.getByTestId("interview-timer-notice").textContent())?.trim()).toBe("");
  }

  it("carries video and audio both ways, and cleans up after the candidate leaves", async () => {
    const recruiter = await signedIn("recruiter@crossfair.test");
    const candidate = await signedIn("candidate@crossfair.test");
    const admin = await signedIn("admin@crossfair.test");

    const interview = await startInterview(recruiter.context, candidate.context);

    const [recruiterPage, candidatePage] = await Promise.all([
      openInterview(recruiter.context, interview.id),
      openInterview(candidate.context, interview.id),
    ]);
    await expect.poll(() => phase(recruiterPage), { timeout: 15_000 }).toBe("live");
    await expect.poll(() => phase(candidatePage), { timeout: 15_000 }).toBe("live");

    // Both sides count down the stand's interview length (the demo stand's 15 minutes),
    // with no notice yet; the interview's timer is on the screenshot and in the axe check.
    await Promise.all([recruiterPage, candidatePage].map(expectTimerCountingDown));

    // Within 10 s each side decodes the other's video and receives its audio.
    for (const page of [recruiterPage, candidatePage]) await expectMediaArriving(page);
    await candidatePage.screenshot({ path: path.join(artifactsDir, "interview-candidate.png") });
    expect(await seriousA11yViolations(candidatePage)).toEqual([]);

    // Chat reaches the other side.
    await candidatePage.getByLabel("Message").fill("Bonjour !");
    await candidatePage.getByRole("button", { name: "Send" }).click();
    await expect
      .poll(() => recruiterPage.getByTestId("interview-chat").textContent(), { timeout: 5_000 })
      .toContain("Bonjour !");

    const diagnostics = async () => {
      const response = await admin.context.request.get(
        `${fair.baseUrl}/api/admin/media/rooms/${interview.id}`,
      );
      expect(response.status()).toBe(200);
      return (await response.json()) as MediaRoomDiagnostics;
    };
    const candidateCounts = async () =>
      (await diagnostics()).peers.find((peer) => peer.userId === candidate.userId);
    expect(await candidateCounts()).toMatchObject({ present: true, transports: 2, producers: 2 });

    await candidatePage.getByTestId("leave-interview").click();
    await expect.poll(() => phase(candidatePage), { timeout: 5_000 }).toBe("left");
    await expect.poll(candidateCounts, { timeout: 5_000 }).toEqual({
      userId: candidate.userId,
      present: false,
      transports: 0,
      producers: 0,
      consumers: 0,
    });
    // The recruiter's consumers of the candidate's media closed with it.
    await expect
      .poll(async () => (await diagnostics()).peers.find((p) => p.userId === recruiter.userId), {
        timeout: 5_000,
      })
      .toMatchObject({ present: true, consumers: 0, producers: 2 });
  });

  it("refuses a third user", async () => {
    const recruiter = await signedIn("recruiter@crossfair.test");
    const candidate = await signedIn("candidate@crossfair.test");
    const outsider = await signedIn("kandidaat@crossfair.test");
    const interview = await startInterview(recruiter.context, candidate.context);

    const page = await openInterview(outsider.context, interview.id);
    await expect.poll(() => phase(page), { timeout: 10_000 }).toBe("failed");
    expect(await page.getByTestId("interview-status").textContent()).toContain("not allowed");
  });
});
