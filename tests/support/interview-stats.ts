/**
 * What an interview page shows of its call, read through the hook the client
 * exposes for tests (`window.__crossfairInterviewStats`) and its status line;
 * free of vitest, so scripts (the soak) read pages the way the suites do.
 */
import type { Page } from "playwright-core";

export interface ReceiveStats {
  videoFramesDecoded: number;
  audioPacketsReceived: number;
}

/** The call's phase as the status line carries it: ready, joining, live, left, ended, failed… */
export const interviewPhase = (page: Page): Promise<string | null> =>
  page.getByTestId("interview-status").getAttribute("data-phase");

export const receiveStats = (page: Page): Promise<ReceiveStats> =>
  page.evaluate(() => {
    const hook = (window as unknown as { __crossfairInterviewStats?: () => Promise<ReceiveStats> })
      .__crossfairInterviewStats;
    return hook ? hook() : { videoFramesDecoded: 0, audioPacketsReceived: 0 };
  });
