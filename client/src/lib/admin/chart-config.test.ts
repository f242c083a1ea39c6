import { describe, expect, it } from "vitest";
import { report, snapshot } from "./admin.fixtures.js";
import { chartConfig, PALETTE } from "./chart-config.js";
import { liveTrendChart, noShowRateChart, standActivityChart, trendPoint } from "./chart-data.js";

const activity = standActivityChart(report(), {
  queueJoins: "Joins",
  interviews: "Interviews",
  noShows: "No-shows",
});

describe("chart configuration", () => {
  it("draws sideways bars with one coloured dataset per series and a legend", () => {
    const config = chartConfig(activity, { reducedMotion: false, locale: "nl" });
    expect(config.type).toBe("bar");
    expect(config.data.labels).toEqual(activity.labels);
    expect(config.data.datasets.map((dataset) => dataset.label)).toEqual([
      "Joins",
      "Interviews",
      "No-shows",
    ]);
    expect(config.data.datasets.map((dataset) => dataset.backgroundColor)).toEqual(
      PALETTE.slice(0, 3),
    );
    expect(config.data.datasets[0]?.data).toEqual([12, 8]);
    expect(config.options?.indexAxis).toBe("y");
    expect(config.options?.locale).toBe("nl");
    expect(config.options?.plugins?.legend?.display).toBe(true);
    expect(config.options?.animation).toEqual({ duration: 250 });
  });

  it("draws no animation when motion should be reduced, and no legend for one series", () => {
    const spec = { ...activity, series: activity.series.slice(0, 1) };
    const config = chartConfig(spec, { reducedMotion: true, locale: "en" });
    expect(config.options?.animation).toBe(false);
    expect(config.options?.plugins?.legend?.display).toBe(false);
  });

  it("ends the value axis at 100 for percentages, and at the figures otherwise", () => {
    const rates = noShowRateChart(report(), { booked: "B", walkIn: "W", rate: "%" });
    expect(
      chartConfig(rates, { reducedMotion: false, locale: "en" }).options?.scales?.x,
    ).toMatchObject({ max: 100, beginAtZero: true });
    expect(
      chartConfig(activity, { reducedMotion: false, locale: "en" }).options?.scales?.x,
    ).not.toHaveProperty("max");
  });

  it("draws the trend as lines over a time axis", () => {
    const spec = liveTrendChart([trendPoint(snapshot())], {
      waiting: "Waiting",
      interviewing: "Interviewing",
      time: () => "09:30",
    });
    const config = chartConfig(spec, { reducedMotion: false, locale: "en" });
    expect(config.type).toBe("line");
    expect(config.options?.indexAxis).toBe("x");
    expect(config.data.datasets.every((dataset) => dataset.type === "line")).toBe(true);
  });

  it("shows every category name: level beside sideways bars, turned if need be under upright ones", () => {
    const sideways = chartConfig(activity, { reducedMotion: false, locale: "nl" });
    expect(sideways.options?.scales?.y?.ticks).toMatchObject({ autoSkip: false, maxRotation: 0 });
    const upright = chartConfig(
      { ...activity, horizontal: false },
      { reducedMotion: false, locale: "nl" },
    );
    expect(upright.options?.indexAxis).toBe("x");
    expect(upright.options?.scales?.x?.ticks).toMatchObject({ autoSkip: false, maxRotation: 90 });
  });

  it("copies the figures, so a later spec never changes a drawn chart behind its back", () => {
    const config = chartConfig(activity, { reducedMotion: false, locale: "en" });
    activity.series[0]?.values.splice(0, 1, 999);
    expect(config.data.datasets[0]?.data[0]).toBe(12);
  });
});
