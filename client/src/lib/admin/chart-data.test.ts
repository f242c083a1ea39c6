import { describe, expect, it } from "vitest";
import { liveStand, report, snapshot, standReport } from "./admin.fixtures.js";
import {
  applicationStatusChart,
  chartRows,
  interviewTypeChart,
  liveQueueChart,
  liveTrendChart,
  liveWaitChart,
  MAX_CATEGORIES,
  noShowRateChart,
  percent,
  residenceChart,
  slotUseChart,
  standActivityChart,
  standOutcomeChart,
  summarizeChart,
  trendPoint,
  type SummaryWords,
} from "./chart-data.js";

const place = (region: string, country: string) => `${region} (${country})`;
const words: SummaryWords = {
  series: (label, parts) => `${label}: ${parts}`,
  entry: (label, value) => `${label} ${value}`,
  latest: (value) => `now ${value}`,
  more: (count) => `and ${count} more`,
  empty: "No data",
  number: (value) => String(value),
};

describe("report charts", () => {
  it("shows residence most first", () => {
    const spec = residenceChart(report(), { jobSeekers: "Job seekers", place, other: "Other" });
    expect(spec.labels).toEqual(["Nord (FR)", "Hainaut (BE)", "West-Vlaanderen (BE)"]);
    expect(spec.series).toEqual([{ label: "Job seekers", values: [7, 3, 2] }]);
    expect(spec).toMatchObject({ type: "bar", axis: "categories", horizontal: true });
  });

  it("adds the tail of many places up into one 'other' bar, totals kept", () => {
    const residence = Array.from({ length: 20 }, (_, i) => ({
      country: "BE",
      region: `R${String(i).padStart(2, "0")}`,
      jobSeekers: 20 - i,
    }));
    const spec = residenceChart(report({ residence }), { jobSeekers: "J", place, other: "Other" });
    expect(spec.labels).toHaveLength(MAX_CATEGORIES);
    expect(spec.labels.at(-1)).toBe("Other");
    const sum = (values: (number | null)[]) => values.reduce<number>((a, v) => a + (v ?? 0), 0);
    expect(sum(spec.series[0]?.values ?? [])).toBe(210);
  });

  it("shows per-stand joins, interviews and no-shows, busiest first", () => {
    const spec = standActivityChart(report(), {
      queueJoins: "Joins",
      interviews: "Interviews",
      noShows: "No-shows",
    });
    expect(spec.labels).toEqual(["Flanders Food Factory", "Hainaut Logistique"]);
    expect(spec.series.map((series) => series.values)).toEqual([
      [12, 8],
      [6, 5],
      [1, 1],
    ]);
  });

  it("shows per-stand applications and hires", () => {
    const spec = standOutcomeChart(report(), { applications: "Applications", hires: "Hires" });
    expect(chartRows(spec)).toEqual([
      { label: "Flanders Food Factory", values: [4, 1] },
      { label: "Hainaut Logistique", values: [2, 0] },
    ]);
  });

  it("shows applications by status in pipeline order, zeros included, as sideways bars", () => {
    const spec = applicationStatusChart(report(), {
      applications: "Applications",
      status: (status) => status.toUpperCase(),
    });
    expect(spec.labels[0]).toBe("APPLIED");
    expect(spec.labels).toHaveLength(8);
    expect(spec.series[0]?.values).toEqual([3, 0, 1, 0, 0, 1, 1, 0]);
    // Long status names ("Voorgeselecteerd") each get a row instead of overlapping under bars.
    expect(spec.horizontal).toBe(true);
  });
});

describe("booked slot charts", () => {
  const types = { booked: "Booked", walkIn: "Walk-in" };
  const slotLabels = {
    held: "Held",
    missed: "Missed",
    empty: "Empty",
    upcomingBooked: "Upcoming booked",
    upcomingFree: "Upcoming free",
  };

  it("stacks booked and walk-in interviews per stand, most interviews first", () => {
    const spec = interviewTypeChart(report(), types);
    expect(spec).toMatchObject({ type: "bar", horizontal: true, stacked: true });
    expect(chartRows(spec)).toEqual([
      { label: "Flanders Food Factory", values: [3, 3] },
      { label: "Hainaut Logistique", values: [1, 4] },
    ]);
  });

  it("pairs the two no-show rates in percent on a 0–100 axis, a gap with nothing to rate", () => {
    const spec = noShowRateChart(report(), { ...types, rate: "No-show rate (%)" });
    expect(spec).toMatchObject({ stacked: false, valueMax: 100 });
    expect(chartRows(spec)).toEqual([
      { label: "Booked", values: [33.3] },
      { label: "Walk-in", values: [12.5] },
    ]);
    const none = { noShows: 0, outOf: 0, rate: null };
    const nothing = noShowRateChart(report({ noShowRates: { booked: none, walkIn: none } }), {
      ...types,
      rate: "Rate",
    });
    expect(nothing.series[0]?.values).toEqual([null, null]);
    expect(percent(1)).toBe(100);
  });

  it("stacks each stand's slots past and upcoming, stands without slots left out", () => {
    const base = report();
    const spec = slotUseChart(
      report({ stands: [...base.stands, standReport("No Slots Inc")] }),
      slotLabels,
    );
    expect(spec.stacked).toBe(true);
    expect(spec.series.map((series) => series.label)).toEqual(Object.values(slotLabels));
    expect(chartRows(spec)).toEqual([
      { label: "Flanders Food Factory", values: [3, 1, 2, 1, 1] },
      { label: "Hainaut Logistique", values: [1, 1, 0, 0, 2] },
    ]);
    expect(slotUseChart(report({ stands: [standReport("A")] }), slotLabels).labels).toEqual([]);
  });
});

describe("live charts", () => {
  it("stacks waiting, called and in interview per stand, in the server's order", () => {
    const spec = liveQueueChart(snapshot(), {
      waiting: "Waiting",
      called: "Called",
      inInterview: "In interview",
    });
    expect(spec.stacked).toBe(true);
    expect(chartRows(spec)).toEqual([
      { label: "Flanders Food Factory", values: [3, 1, 1] },
      { label: "Hainaut Logistique", values: [1, 0, 1] },
    ]);
  });

  it("gives waits in whole minutes, a gap where nobody takes candidates", () => {
    const spec = liveWaitChart(
      snapshot({ stands: [liveStand("A", { waitEstimateMs: 61_000 }), liveStand("B")] }),
      "Minutes",
    );
    expect(spec.series[0]?.values).toEqual([2, null]);
  });

  it("draws the kept history as two lines over time", () => {
    const points = [trendPoint(snapshot()), trendPoint(snapshot({ at: "2026-06-10T09:30:03Z" }))];
    expect(points[0]).toEqual({
      at: Date.parse("2026-06-10T09:30:00Z"),
      values: { waiting: 4, interviewing: 2 },
    });
    const spec = liveTrendChart(points, {
      waiting: "Waiting",
      interviewing: "Interviewing",
      time: (at) => new Date(at).toISOString().slice(11, 19),
    });
    expect(spec).toMatchObject({ type: "line", axis: "time", labels: ["09:30:00", "09:30:03"] });
    expect(spec.series.map((series) => series.values)).toEqual([
      [4, 4],
      [2, 2],
    ]);
  });
});

describe("chart summaries", () => {
  it("names the largest categories of each series and how many more there are", () => {
    const spec = standActivityChart(
      report({
        stands: ["A", "B", "C", "D", "E"].map((name, i) => ({
          ...report().stands[0]!,
          organisationName: name,
          queueJoins: i + 1,
        })),
      }),
      { queueJoins: "Joins", interviews: "Interviews", noShows: "No-shows" },
    );
    expect(summarizeChart(spec, words)).toBe(
      "Joins: E 5, D 4, C 3, and 2 more; Interviews: E 5, D 5, C 5, and 2 more; No-shows: E 1, D 1, C 1, and 2 more",
    );
  });

  it("leaves out zeros and gaps and says when a series is all zero", () => {
    const spec = liveWaitChart(
      snapshot({ stands: [liveStand("A"), liveStand("B", { waitEstimateMs: 0 })] }),
      "Wait",
    );
    expect(summarizeChart(spec, words)).toBe("Wait: 0");
  });

  it("gives a time series' latest figures, and says when there is nothing yet", () => {
    const labels = { waiting: "Waiting", interviewing: "Interviewing", time: String };
    expect(summarizeChart(liveTrendChart([], labels), words)).toBe("No data");
    const spec = liveTrendChart([trendPoint(snapshot())], labels);
    expect(summarizeChart(spec, words)).toBe("Waiting: now 4; Interviewing: now 2");
  });
});
