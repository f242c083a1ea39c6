import { describe, expect, it } from "vitest";
import { get } from "svelte/store";
import type { LiveFairSnapshot } from "@crossfair/shared";
import type { HttpResult } from "../http/http.client.js";
import { snapshot } from "./admin.fixtures.js";
import { LiveDashboardManager } from "./live-dashboard.manager.js";
import { ManualTimers } from "./poller.fakes.js";

const at = (seconds: number) => new Date(Date.UTC(2026, 5, 10, 9, 0, seconds)).toISOString();

function setup(answers: HttpResult<LiveFairSnapshot>[]) {
  const timers = new ManualTimers();
  const dashboard = new LiveDashboardManager(
    async () => answers.shift() ?? { ok: false, code: "unavailable", message: "no more" },
    { timers, intervalMs: 3_000, windowMs: 9_000 },
  );
  return { dashboard, timers };
}

describe("live dashboard", () => {
  it("shows each snapshot and keeps the history of waiting and interviewing", async () => {
    const { dashboard, timers } = setup([
      { ok: true, data: snapshot({ at: at(0), candidatesWaiting: 1, interviewsInProgress: 0 }) },
      { ok: true, data: snapshot({ at: at(3), candidatesWaiting: 2, interviewsInProgress: 1 }) },
    ]);
    expect(get(dashboard)).toEqual({ snapshot: null, trend: [], error: null });
    dashboard.start();
    await timers.fire();
    await timers.fire();
    const state = get(dashboard);
    expect(state.snapshot?.candidatesWaiting).toBe(2);
    expect(state.trend.map((point) => point.values)).toEqual([
      { waiting: 1, interviewing: 0 },
      { waiting: 2, interviewing: 1 },
    ]);
    dashboard.stop();
  });

  it("keeps the last good figures and says so when a poll fails, then recovers", async () => {
    const { dashboard, timers } = setup([
      { ok: true, data: snapshot({ at: at(0) }) },
      { ok: false, code: "forbidden", message: "no" },
      { ok: true, data: snapshot({ at: at(6), candidatesWaiting: 7 }) },
    ]);
    dashboard.start();
    await timers.fire();
    await timers.fire();
    expect(get(dashboard).error).toEqual({ code: "forbidden", message: "no" });
    expect(get(dashboard).snapshot?.at).toBe(at(0));
    await timers.fire();
    expect(get(dashboard).error).toBeNull();
    expect(get(dashboard).snapshot?.candidatesWaiting).toBe(7);
    expect(get(dashboard).trend).toHaveLength(2);
  });

  it("forgets history older than the window", async () => {
    const { dashboard, timers } = setup(
      [0, 3, 6, 9, 12].map((seconds) => ({
        ok: true as const,
        data: snapshot({ at: at(seconds) }),
      })),
    );
    dashboard.start();
    for (let i = 0; i < 6; i += 1) await timers.fire();
    expect(get(dashboard).trend.map((point) => point.at)).toEqual(
      [3, 6, 9, 12].map((seconds) => Date.parse(at(seconds))),
    );
  });
});
