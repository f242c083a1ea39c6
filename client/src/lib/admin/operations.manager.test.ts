import { describe, expect, it } from "vitest";
import { get } from "svelte/store";
import type { OperationsBoard } from "@crossfair/shared";
import type { HttpResult } from "../http/http.client.js";
import { operationsBoard, processFigures as figuresOf } from "./admin.fixtures.js";
import { isSilent, OperationsManager, processFigures, secondsSince } from "./operations.manager.js";
import { ManualTimers, settle } from "./poller.fakes.js";

function setup(answers: HttpResult<OperationsBoard>[]) {
  const timers = new ManualTimers();
  timers.time = 50_000;
  let requests = 0;
  const operations = new OperationsManager(
    async () => {
      requests += 1;
      return answers.shift() ?? { ok: false, code: "unavailable", message: "no more" };
    },
    { timers },
  );
  return { operations, timers, requests: () => requests };
}

describe("operations manager", () => {
  it("asks at once, then every 5 s, and says when the board arrived", async () => {
    const { operations, timers, requests } = setup([
      { ok: true, data: operationsBoard() },
      { ok: true, data: operationsBoard({ at: 1_005_000 }) },
    ]);
    expect(get(operations)).toEqual({ board: null, receivedAt: null, error: null });
    operations.start();
    await settle();
    expect(get(operations).board?.processes).toHaveLength(2);
    expect(get(operations).receivedAt).toBe(50_000);
    expect(timers.delays).toEqual([5_000]);

    timers.time = 55_000;
    await timers.fire();
    expect(requests()).toBe(2);
    expect(get(operations)).toMatchObject({ receivedAt: 55_000, board: { at: 1_005_000 } });
    expect(secondsSince(get(operations), 62_900)).toBe(7);
    operations.stop();
  });

  it("keeps the last good board when a poll fails, and asks again at once on retry", async () => {
    const { operations, timers, requests } = setup([
      { ok: true, data: operationsBoard() },
      { ok: false, code: "unavailable", message: "down" },
      { ok: true, data: operationsBoard({ answeredBy: "web-2" }) },
    ]);
    operations.start();
    await settle();
    await timers.fire();
    expect(get(operations).error).toEqual({ code: "unavailable", message: "down" });
    expect(get(operations).board?.answeredBy).toBe("web-1");

    operations.retry();
    await settle();
    expect(requests()).toBe(3);
    expect(get(operations)).toMatchObject({ error: null, board: { answeredBy: "web-2" } });
    operations.stop();
  });

  it("drops an answer that arrives after the page closed", async () => {
    const { operations } = setup([{ ok: true, data: operationsBoard() }]);
    operations.start();
    operations.stop();
    await settle();
    expect(get(operations).board).toBeNull();
  });

  it("marks a process silent once its figures are older than 15 s", () => {
    const board = operationsBoard({ at: 1_020_000 });
    expect(isSilent(figuresOf("web-1", { at: 1_010_000 }), board)).toBe(false);
    expect(isSilent(figuresOf("web-2", { at: 1_004_000 }), board)).toBe(true);
  });

  it("lists a process's key figures with their units, unknown ones as null", () => {
    const figures = processFigures(figuresOf("web-1", { mediaWorkersCpuPercent: null }));
    expect(figures.slice(0, 3)).toEqual([
      { key: "sockets", unit: "count", value: 120 },
      { key: "eventLoopLagP99Ms", unit: "ms", value: 12.5 },
      { key: "interviewsLive", unit: "count", value: 4 },
    ]);
    expect(figures.find((figure) => figure.key === "mediaWorkersCpuPercent")?.value).toBeNull();
  });
});
