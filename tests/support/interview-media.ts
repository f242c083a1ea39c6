/**
 * The interview page as the browser suites drive it: join from the preview,
 * read the call's phase, and check that media really arrives — decoded video
 * frames and received audio packets, summed over the page's consumers through
 * the hook the client exposes for tests (`window.__crossfairInterviewStats`).
 */
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { receiveStats } from "./interview-stats.js";

export { interviewPhase, receiveStats, type ReceiveStats } from "./interview-stats.js";

/** On an interview page: waits until camera and microphone are ready, then joins the call. */
export async function joinInterview(page: Page): Promise<void> {
  const join = page.getByTestId("join-interview");
  await expect.poll(() => join.isEnabled(), { timeout: 15_000 }).toBe(true);
  await join.click();
}

/** Within 10 s the page decodes the other side's video and receives its audio. */
export async function expectMediaArriving(page: Page): Promise<void> {
  await expect
    .poll(async () => (await receiveStats(page)).videoFramesDecoded, {
      timeout: 10_000,
      interval: 250,
    })
    .toBeGreaterThan(0);
  await expect
    .poll(async () => (await receiveStats(page)).audioPacketsReceived, {
      timeout: 10_000,
      interval: 250,
    })
    .toBeGreaterThan(0);
}
