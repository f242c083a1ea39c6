/**
 * A `ChartSpec` (chart-data.ts) as a Chart.js configuration: colours from a
 * palette that stays apart for colour-blind eyes (Okabe–Ito), counts on whole
 * numbers, category names that never overlap, a legend only when there is
 * more than one series, no animation for people who asked for reduced
 * motion. Pure, so it is tested without a canvas; charts.ts does the drawing.
 */
import type { ChartConfiguration, ChartDataset } from "chart.js";
import type { ChartSpec } from "./chart-data.js";

export const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"] as const;

export type AdminChartType = "bar" | "line";
export type AdminChartConfig = ChartConfiguration<AdminChartType, (number | null)[], string>;
type AdminDataset = ChartDataset<AdminChartType, (number | null)[]>;

export interface ChartLook {
  reducedMotion: boolean;
  /** The UI language, for number formatting on the axes and tooltips. */
  locale: string;
}

export function chartDatasets(spec: ChartSpec): AdminDataset[] {
  return spec.series.map((series, index) => {
    const colour = PALETTE[index % PALETTE.length] ?? PALETTE[0];
    const common = { label: series.label, data: [...series.values], borderColor: colour };
    return spec.type === "line"
      ? {
          ...common,
          type: "line" as const,
          backgroundColor: colour,
          borderWidth: 2,
          pointRadius: 2,
          tension: 0.25,
        }
      : { ...common, type: "bar" as const, backgroundColor: colour, borderWidth: 0 };
  });
}

export function chartConfig(spec: ChartSpec, look: ChartLook): AdminChartConfig {
  const valueAxis = {
    stacked: spec.stacked,
    beginAtZero: true,
    ...(spec.valueMax === undefined ? {} : { max: spec.valueMax }),
    ticks: { precision: 0 },
  };
  // Times may skip labels and stay level; category names are all shown, and under upright
  // bars Chart.js may turn them (up to 90°) when they would otherwise overlap.
  const upright = !spec.horizontal && spec.axis === "categories";
  const categoryAxis = {
    stacked: spec.stacked,
    ticks: { autoSkip: spec.axis === "time", maxRotation: upright ? 90 : 0 },
  };
  return {
    type: spec.type,
    data: { labels: [...spec.labels], datasets: chartDatasets(spec) },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      locale: look.locale,
      animation: look.reducedMotion ? false : { duration: 250 },
      indexAxis: spec.horizontal ? "y" : "x",
      interaction: { mode: "index", intersect: false },
      scales: spec.horizontal
        ? { x: valueAxis, y: categoryAxis }
        : { x: categoryAxis, y: valueAxis },
      plugins: {
        legend: { display: spec.series.length > 1, position: "bottom" },
        tooltip: { enabled: true },
      },
    },
  };
}
