/**
 * The numbers behind every admin chart, as one `ChartSpec` that the canvas,
 * its accessible summary and its data table are all drawn from, so the three
 * never disagree. Mapping is pure: names and series labels come in already
 * translated, and nothing here knows about Chart.js or the DOM.
 */
import type { ApplicationStatus, FairReport, LiveFairSnapshot, LiveStand } from "@crossfair/shared";
import type { TimePoint } from "./time-series.js";

export interface ChartSeries {
  label: string;
  /** One per category; null where there is no figure (drawn as a gap, shown as "—"). */
  values: (number | null)[];
}

export interface ChartSpec {
  type: "bar" | "line";
  /** "categories": one bar group per label; "time": labels are moments, oldest first. */
  axis: "categories" | "time";
  /** Bars grow sideways, for long category names such as organisations. */
  horizontal: boolean;
  stacked: boolean;
  /** The value axis ends here (100 for percentages) instead of at the largest figure. */
  valueMax?: number;
  labels: string[];
  series: ChartSeries[];
}

/** Categories past this many are added up into one "other" bar. */
export const MAX_CATEGORIES = 12;

/**
 * Bars grow sideways for every category chart: names of stands, places and
 * statuses run long in some languages ("Voorgeselecteerd", "Gesprek gehad")
 * and would overlap under upright bars, while a row each reads in full.
 */
function categories(labels: string[], series: ChartSeries[]): ChartSpec {
  return { type: "bar", axis: "categories", horizontal: true, stacked: false, labels, series };
}

export interface ResidenceLabels {
  jobSeekers: string;
  /** "Hainaut, Belgium" from a region and a country code. */
  place: (region: string, country: string) => string;
  other: string;
}

/** Present job seekers by country and region of residence, most first, the tail as "other". */
export function residenceChart(report: FairReport, labels: ResidenceLabels): ChartSpec {
  const places = [...report.residence].sort(
    (a, b) => b.jobSeekers - a.jobSeekers || a.country.localeCompare(b.country),
  );
  const shown = places.length > MAX_CATEGORIES ? places.slice(0, MAX_CATEGORIES - 1) : places;
  const rest = places.slice(shown.length);
  const names = shown.map((place) => labels.place(place.region, place.country));
  const counts = shown.map((place) => place.jobSeekers);
  if (rest.length > 0) {
    names.push(labels.other);
    counts.push(rest.reduce((sum, place) => sum + place.jobSeekers, 0));
  }
  return categories(names, [{ label: labels.jobSeekers, values: counts }]);
}

export interface StandActivityLabels {
  queueJoins: string;
  interviews: string;
  noShows: string;
}

/** Per stand: queue joins, interviews held and no-shows, busiest stands first. */
export function standActivityChart(report: FairReport, labels: StandActivityLabels): ChartSpec {
  const stands = [...report.stands].sort(
    (a, b) => b.queueJoins - a.queueJoins || a.organisationName.localeCompare(b.organisationName),
  );
  return categories(
    stands.map((stand) => stand.organisationName),
    [
      { label: labels.queueJoins, values: stands.map((stand) => stand.queueJoins) },
      { label: labels.interviews, values: stands.map((stand) => stand.interviews) },
      { label: labels.noShows, values: stands.map((stand) => stand.noShows) },
    ],
  );
}

export interface StandOutcomeLabels {
  applications: string;
  hires: string;
}

/** Per stand: applications received and hires, most applications first. */
export function standOutcomeChart(report: FairReport, labels: StandOutcomeLabels): ChartSpec {
  const stands = [...report.stands].sort(
    (a, b) =>
      b.applications - a.applications || a.organisationName.localeCompare(b.organisationName),
  );
  return categories(
    stands.map((stand) => stand.organisationName),
    [
      { label: labels.applications, values: stands.map((stand) => stand.applications) },
      { label: labels.hires, values: stands.map((stand) => stand.hires) },
    ],
  );
}

export interface InterviewTypeLabels {
  booked: string;
  walkIn: string;
}

/** Per stand: interviews from a booked slot and walk-in ones, stacked, most interviews first. */
export function interviewTypeChart(report: FairReport, labels: InterviewTypeLabels): ChartSpec {
  const stands = [...report.stands].sort(
    (a, b) => b.interviews - a.interviews || a.organisationName.localeCompare(b.organisationName),
  );
  return {
    ...categories(
      stands.map((stand) => stand.organisationName),
      [
        { label: labels.booked, values: stands.map((stand) => stand.bookedInterviews) },
        { label: labels.walkIn, values: stands.map((stand) => stand.walkInInterviews) },
      ],
    ),
    stacked: true,
  };
}

/** A 0–1 rate as a percentage with one decimal; null (nothing to rate) stays a gap. */
export const percent = (rate: number | null) =>
  rate === null ? null : Math.round(rate * 1000) / 10;

/** The pair of bars: booked and walk-in no-show rates, in percent of a 0–100 axis. */
export function noShowRateChart(
  report: FairReport,
  labels: InterviewTypeLabels & { rate: string },
): ChartSpec {
  const { booked, walkIn } = report.noShowRates;
  return {
    ...categories(
      [labels.booked, labels.walkIn],
      [{ label: labels.rate, values: [percent(booked.rate), percent(walkIn.rate)] }],
    ),
    valueMax: 100,
  };
}

export interface SlotUseLabels {
  held: string;
  missed: string;
  empty: string;
  upcomingBooked: string;
  upcomingFree: string;
}

const SLOT_USE_KEYS = ["held", "missed", "empty", "upcomingBooked", "upcomingFree"] as const;

/**
 * Per stand with slots, one stacked bar of every slot it published (withdrawn
 * ones left out): past ones held, missed or empty, then upcoming ones booked
 * or free. Most slots first; stands without slots are left out.
 */
export function slotUseChart(report: FairReport, labels: SlotUseLabels): ChartSpec {
  const total = (stand: FairReport["stands"][number]) =>
    SLOT_USE_KEYS.reduce((sum, key) => sum + stand.slots[key], 0);
  const stands = report.stands
    .filter((stand) => total(stand) > 0)
    .sort((a, b) => total(b) - total(a) || a.organisationName.localeCompare(b.organisationName));
  return {
    ...categories(
      stands.map((stand) => stand.organisationName),
      SLOT_USE_KEYS.map((key) => ({
        label: labels[key],
        values: stands.map((stand) => stand.slots[key]),
      })),
    ),
    stacked: true,
  };
}

/** Applications by their current status, in pipeline order, zeros included. */
export function applicationStatusChart(
  report: FairReport,
  labels: { applications: string; status: (status: ApplicationStatus) => string },
): ChartSpec {
  return categories(
    report.applicationsByStatus.map((entry) => labels.status(entry.status)),
    [{ label: labels.applications, values: report.applicationsByStatus.map((e) => e.count) }],
  );
}

export interface LiveQueueLabels {
  waiting: string;
  called: string;
  inInterview: string;
}

/** Stands in the order the server gives them (by name), so bars do not jump between polls. */
export function liveQueueChart(snapshot: LiveFairSnapshot, labels: LiveQueueLabels): ChartSpec {
  const stands = snapshot.stands;
  const pick = (key: keyof Pick<LiveStand, "waiting" | "called" | "inInterview">) =>
    stands.map((stand) => stand[key]);
  return {
    ...categories(
      stands.map((stand) => stand.organisationName),
      [
        { label: labels.waiting, values: pick("waiting") },
        { label: labels.called, values: pick("called") },
        { label: labels.inInterview, values: pick("inInterview") },
      ],
    ),
    stacked: true,
  };
}

/** Each stand's wait estimate in whole minutes (rounded up); null while nobody takes candidates. */
export function liveWaitChart(snapshot: LiveFairSnapshot, label: string): ChartSpec {
  return categories(
    snapshot.stands.map((stand) => stand.organisationName),
    [
      {
        label,
        values: snapshot.stands.map((stand) =>
          stand.waitEstimateMs === null ? null : Math.ceil(stand.waitEstimateMs / 60_000),
        ),
      },
    ],
  );
}

export type TrendKey = "waiting" | "interviewing";

/** The client-kept history of waiting candidates and interviews in progress. */
export function liveTrendChart(
  points: readonly TimePoint<TrendKey>[],
  labels: { waiting: string; interviewing: string; time: (at: number) => string },
): ChartSpec {
  return {
    type: "line",
    axis: "time",
    horizontal: false,
    stacked: false,
    labels: points.map((point) => labels.time(point.at)),
    series: [
      { label: labels.waiting, values: points.map((point) => point.values.waiting) },
      { label: labels.interviewing, values: points.map((point) => point.values.interviewing) },
    ],
  };
}

/** The trend point of a snapshot. */
export function trendPoint(snapshot: LiveFairSnapshot): TimePoint<TrendKey> {
  return {
    at: Date.parse(snapshot.at),
    values: {
      waiting: snapshot.candidatesWaiting,
      interviewing: snapshot.interviewsInProgress,
    },
  };
}

export interface SummaryWords {
  /** Joins the parts of one series: "Waiting: Stand A 4, Stand B 2". */
  series: (label: string, parts: string) => string;
  /** A category and its figure: "Stand A 4". */
  entry: (label: string, value: string) => string;
  /** The latest of a time series: "now 4". */
  latest: (value: string) => string;
  /** "and 3 more" */
  more: (count: number) => string;
  /** No figures at all. */
  empty: string;
  number: (value: number) => string;
}

/**
 * A short text of what the chart shows, for the canvas's aria-label: per
 * series, the largest few categories (zeros and gaps left out), or for a time
 * series its latest figure. The table beside the chart has every number.
 */
export function summarizeChart(spec: ChartSpec, words: SummaryWords, top = 3): string {
  if (spec.labels.length === 0) return words.empty;
  const parts = spec.series.map((series) => {
    if (spec.axis === "time") {
      const latest = series.values.at(-1);
      return words.series(
        series.label,
        words.latest(latest === null || latest === undefined ? "—" : words.number(latest)),
      );
    }
    const ranked = series.values
      .map((value, index) => ({ value, label: spec.labels[index] ?? "" }))
      .filter((entry): entry is { value: number; label: string } => (entry.value ?? 0) > 0)
      .sort((a, b) => b.value - a.value);
    if (ranked.length === 0) return words.series(series.label, words.number(0));
    const shown = ranked
      .slice(0, top)
      .map((entry) => words.entry(entry.label, words.number(entry.value)));
    if (ranked.length > top) shown.push(words.more(ranked.length - top));
    return words.series(series.label, shown.join(", "));
  });
  return parts.join("; ");
}

/** The chart's numbers as table rows: the category, then one cell per series. */
export function chartRows(spec: ChartSpec): { label: string; values: (number | null)[] }[] {
  return spec.labels.map((label, index) => ({
    label,
    values: spec.series.map((series) => series.values[index] ?? null),
  }));
}
