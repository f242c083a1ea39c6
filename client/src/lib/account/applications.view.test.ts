import { describe, expect, it } from "vitest";
import type { MyApplication } from "@crossfair/shared";
import { application } from "./account.fixtures.js";
import { pipelineOf, sortApplications } from "./applications.view.js";

const states = (app: MyApplication) => pipelineOf(app).steps.map((step) => step.state);
/** The four steps after the second, all in one state. */
const rest = (state: string) => Array<string>(4).fill(state);

describe("application pipeline", () => {
  it("shows the steps passed, the current one and those ahead", () => {
    const view = pipelineOf(application);
    expect(states(application)).toEqual(["done", "current", ...rest("upcoming")]);
    expect(view.steps[1]).toEqual({
      status: "preselected",
      state: "current",
      at: "2026-03-04T11:00:00.000+00:00",
    });
    expect(view).toMatchObject({ ended: null, canWithdraw: true });
  });

  it("marks steps the stand skipped", () => {
    const hired: MyApplication = {
      ...application,
      status: "hired",
      history: [
        { from: null, to: "applied", at: "2026-03-03T10:00:00.000+00:00" },
        { from: "applied", to: "interviewed", at: "2026-03-04T10:00:00.000+00:00" },
        { from: "interviewed", to: "hired", at: "2026-03-05T10:00:00.000+00:00" },
      ],
    };
    expect(states(hired)).toEqual(["done", "skipped", "done", "skipped", "skipped", "current"]);
    expect(pipelineOf(hired).canWithdraw).toBe(false);
  });

  it("stops a rejected or withdrawn application where it left the pipeline", () => {
    const rejected: MyApplication = {
      ...application,
      status: "rejected",
      history: [
        ...application.history,
        { from: "preselected", to: "rejected", at: "2026-03-06T09:00:00.000+00:00" },
      ],
    };
    const view = pipelineOf(rejected);
    expect(states(rejected)).toEqual(["done", "done", ...rest("unreached")]);
    expect(view).toMatchObject({
      ended: { status: "rejected", at: "2026-03-06T09:00:00.000+00:00" },
      canWithdraw: false,
    });
  });

  it("lists open applications first, then the most recently changed", () => {
    const older = { ...application, id: "a", updatedAt: "2026-03-01T00:00:00.000+00:00" };
    const newer = { ...application, id: "b", updatedAt: "2026-03-09T00:00:00.000+00:00" };
    const closed = {
      ...application,
      id: "c",
      status: "withdrawn" as const,
      updatedAt: "2026-03-10T00:00:00.000+00:00",
    };
    expect(sortApplications([closed, older, newer]).map((entry) => entry.id)).toEqual([
      "b",
      "a",
      "c",
    ]);
  });
});
