import { describe, expect, it } from "vitest";
import type { FairReport } from "@crossfair/shared";
import type { HttpResult } from "../http/http.client.js";
import { report } from "./admin.fixtures.js";
import { ReportManager } from "./report.manager.js";

function manager(answers: HttpResult<FairReport>[]) {
  const slugs: string[] = [];
  const reports = new ReportManager(
    {
      report: async (slug) => {
        slugs.push(slug);
        return answers.shift() ?? { ok: false, code: "internal", message: "none left" };
      },
    },
    "job-day",
  );
  return { reports, slugs };
}

describe("report page", () => {
  it("loads the fair's report and links its CSV files", async () => {
    const { reports, slugs } = manager([{ ok: true, data: report() }]);
    expect(reports.state).toEqual({ status: "loading" });
    await reports.load();
    expect(slugs).toEqual(["job-day"]);
    expect(reports.state).toMatchObject({ status: "ready", refreshing: false, error: null });
    expect(reports.csv).toEqual({
      report: "/api/admin/fairs/job-day/report.csv",
      applications: "/api/admin/fairs/job-day/report/applications.csv",
    });
  });

  it("shows an error when the first load fails", async () => {
    const { reports } = manager([{ ok: false, code: "forbidden", message: "not yours" }]);
    await reports.load();
    expect(reports.state).toEqual({
      status: "error",
      error: { code: "forbidden", message: "not yours" },
    });
  });

  it("keeps the report when a refresh fails", async () => {
    const { reports } = manager([
      { ok: true, data: report() },
      { ok: false, code: "unavailable", message: "down" },
    ]);
    await reports.load();
    const refresh = reports.load();
    expect(reports.state).toMatchObject({ status: "ready", refreshing: true });
    await refresh;
    expect(reports.state).toMatchObject({
      status: "ready",
      refreshing: false,
      error: { code: "unavailable" },
      report: { slug: "job-day" },
    });
  });
});
