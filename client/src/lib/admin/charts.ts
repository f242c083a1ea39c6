/**
 * Draws the admin pages' charts on a canvas. Loaded with a dynamic import by
 * the chart component only, so neither Chart.js nor this module is in the
 * hall's bundle.
 *
 * Why Chart.js 4: it is actively maintained and widely used, draws on a
 * canvas (cheap to redraw every 3 s on the live dashboard, unlike an SVG
 * tree of hundreds of nodes), is tree-shakable (only the controllers,
 * elements and scales registered below are bundled) and needs no framework
 * wrapper: a chart is an object we create on a canvas, update in place and
 * destroy, which fits Svelte 5 without an adapter package. Its canvas is not
 * accessible by itself; the chart component gives it role="img", a summary
 * and a data table with the same numbers.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import { chartConfig, chartDatasets, type AdminChartType, type ChartLook } from "./chart-config.js";
import type { ChartSpec } from "./chart-data.js";

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);

export interface DrawnChart {
  /** New figures into the same chart: bars and lines move instead of the chart being rebuilt. */
  update(spec: ChartSpec): void;
  destroy(): void;
}

export function drawChart(canvas: HTMLCanvasElement, spec: ChartSpec, look: ChartLook): DrawnChart {
  let chart = new Chart<AdminChartType, (number | null)[], string>(canvas, chartConfig(spec, look));
  let shape = shapeOf(spec);
  return {
    update(next) {
      if (shapeOf(next) !== shape) {
        // Another kind of chart: nothing to move, so draw it anew.
        chart.destroy();
        chart = new Chart(canvas, chartConfig(next, look));
        shape = shapeOf(next);
        return;
      }
      chart.data.labels = [...next.labels];
      const datasets = chartDatasets(next);
      datasets.forEach((dataset, index) => {
        const current = chart.data.datasets[index];
        if (current) {
          current.data = dataset.data;
          current.label = dataset.label ?? "";
        }
      });
      chart.update();
    },
    destroy() {
      chart.destroy();
    },
  };
}

/** What must stay the same for an in-place update: type, orientation, stacking, series count. */
function shapeOf(spec: ChartSpec): string {
  return [spec.type, spec.horizontal, spec.stacked, spec.series.length].join("|");
}
