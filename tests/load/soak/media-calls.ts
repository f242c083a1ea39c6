/**
 * The soak's real interviews: for each reserved stand, its recruiter calls
 * its reserved candidate through the queue, and both join the interview in
 * Debian's Chromium with a fake camera and microphone, through mediasoup.
 * The soak reads the frames each page decodes: media has recovered from a
 * fault once every page decoded new frames after it.
 */
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../../support/browser.js";
import { interviewThroughQueue } from "../../support/interview-start.js";
import { interviewPhase, receiveStats } from "../../support/interview-stats.js";
import type { SeededStand, SeededUser } from "../queue-bench/seed.js";
import { sleep } from "../queue-bench/stats.js";

export interface MediaPair {
  stand: SeededStand;
  candidate: SeededUser;
}

/** Enough new frames that the video is moving again, not one frame that was in flight. */
const NEW_FRAMES = 30;

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await sleep(250);
  }
  return false;
}

export class MediaCalls {
  private constructor(
    private readonly browser: Browser,
    private readonly baseUrl: string,
    readonly pages: Page[],
    /** Each interview and the cookie of the recruiter who holds it. */
    readonly interviews: { id: string; recruiterCookie: string }[],
  ) {}

  /** Starts one interview per pair on the server at `baseUrl` (`http://localhost:PORT`). */
  static async start(baseUrl: string, pairs: readonly MediaPair[]): Promise<MediaCalls> {
    const browser = await launchBrowser();
    const pages: Page[] = [];
    const interviews: { id: string; recruiterCookie: string }[] = [];
    try {
      for (const { stand, candidate } of pairs) {
        const recruiter = stand.recruiters[0]!;
        const interviewId = await interviewThroughQueue(baseUrl, {
          recruiterCookie: recruiter.cookie,
          candidateCookie: candidate.cookie,
          standId: stand.id,
        });
        interviews.push({ id: interviewId, recruiterCookie: recruiter.cookie });
        for (const cookie of [recruiter.cookie, candidate.cookie]) {
          const context = await browser.newContext({ locale: "en-GB" });
          const [name, value] = cookie.split("=") as [string, string];
          await context.addCookies([{ name, value, url: baseUrl }]);
          const page = await context.newPage();
          await page.goto(`${baseUrl}/#/interview/${interviewId}`);
          const join = page.getByTestId("join-interview");
          if (!(await until(() => join.isEnabled(), 20_000))) {
            throw new Error(`the interview page never offered to join (${interviewId})`);
          }
          await join.click();
          pages.push(page);
        }
      }
      const calls = new MediaCalls(browser, baseUrl, pages, interviews);
      if ((await calls.recoveredSince(await calls.frames(), 20_000)) === null) {
        throw new Error("no video arrived on the interview pages within 20 s");
      }
      return calls;
    } catch (error) {
      await browser.close();
      throw error;
    }
  }

  /** Video frames each page decoded so far. */
  frames(): Promise<number[]> {
    return Promise.all(
      this.pages.map((page) =>
        receiveStats(page).then(
          (stats) => stats.videoFramesDecoded,
          () => 0,
        ),
      ),
    );
  }

  phases(): Promise<(string | null)[]> {
    return Promise.all(this.pages.map((page) => interviewPhase(page).catch(() => null)));
  }

  /**
   * Ms until every page decoded NEW_FRAMES more than `before` (null: not within `timeoutMs`).
   * A page whose call restarted counts from zero again, so any count past NEW_FRAMES that is
   * not the old one moving on is accepted too.
   */
  async recoveredSince(before: readonly number[], timeoutMs: number): Promise<number | null> {
    const started = Date.now();
    const moving = await until(async () => {
      const now = await this.frames();
      return now.every((count, index) => {
        const was = before[index] ?? 0;
        return count >= was + NEW_FRAMES || (count < was && count >= NEW_FRAMES);
      });
    }, timeoutMs);
    return moving ? Date.now() - started : null;
  }

  /** The recruiters end their interviews, as the bots' recruiters do, so the queue is settled. */
  async end(): Promise<string[]> {
    const failures: string[] = [];
    for (const { id, recruiterCookie } of this.interviews) {
      const response = await fetch(`${this.baseUrl}/api/interviews/${id}/end`, {
        method: "POST",
        headers: { cookie: recruiterCookie, origin: this.baseUrl },
      }).catch((error: unknown) => ({ ok: false, status: String(error) }));
      if (!response.ok) failures.push(`ending interview ${id}: ${response.status}`);
    }
    return failures;
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
  }
}
