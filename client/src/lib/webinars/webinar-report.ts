/**
 * The organiser's figures on group sessions as the report page shows them:
 * loaded once (and again on "refresh"), a chart of registered versus
 * attended per session, and the rows as CSV (a download made in the page).
 * The figures are counted by the server (webinar.report.ts).
 */
import type { ErrorCode, WebinarFigures, WebinarReport } from "@crossfair/shared";
import type { ChartSpec } from "../admin/chart-data.js";
import { StateStore } from "../store/state-store.js";
import type { WebinarsApi } from "./webinars.api.js";

export type WebinarReportState =
  | { status: "loading" }
  | { status: "error"; code: ErrorCode }
  | { status: "ready"; report: WebinarReport };

export class WebinarReportManager extends StateStore<WebinarReportState> {
  constructor(
    private readonly api: Pick<WebinarsApi, "report">,
    readonly slug: string,
  ) {
    super({ status: "loading" });
  }

  async load(): Promise<void> {
    const answer = await this.api.report(this.slug);
    if (answer.ok) this.set({ status: "ready", report: answer.data });
    else if (this.state.status !== "ready") this.set({ status: "error", code: answer.code });
  }
}

/** "Title (stand)" per session, soonest first as the server sends them. */
export const sessionLabel = (figures: WebinarFigures) => `${figures.title} (${figures.standName})`;

/** Registered and attended per session, side by side. */
export function attendanceChart(
  report: WebinarReport,
  labels: { registered: string; attended: string },
): ChartSpec {
  return {
    type: "bar",
    axis: "categories",
    horizontal: true,
    stacked: false,
    labels: report.webinars.map(sessionLabel),
    series: [
      { label: labels.registered, values: report.webinars.map((w) => w.registered) },
      { label: labels.attended, values: report.webinars.map((w) => w.attended) },
    ],
  };
}

const CSV_COLUMNS = [
  "webinarId",
  "standName",
  "title",
  "spokenLanguage",
  "startsAt",
  "status",
  "registered",
  "attended",
  "registeredAttended",
  "peakViewers",
  "meanMinutesAttended",
  "questionsAsked",
  "questionsAnswered",
] as const satisfies readonly (keyof WebinarFigures)[];

/** A CSV field: quoted when it holds a separator, a quote or a line break; formulas defused. */
function field(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === "string") text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The sessions' figures as CSV, a header row first. */
export function webinarReportCsv(report: WebinarReport): string {
  const rows = report.webinars.map((w) => CSV_COLUMNS.map((column) => field(w[column])).join(","));
  return [CSV_COLUMNS.join(","), ...rows].join("\r\n");
}

/** A link the browser downloads the CSV from (UTF-8 with a BOM, as the server's CSVs). */
export const csvHref = (csv: string) =>
  `data:text/csv;charset=utf-8,${encodeURIComponent(`\ufeff${csv}`)}`;
