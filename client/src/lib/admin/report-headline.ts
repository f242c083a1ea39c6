/**
 * The fair's result in one line, in the form the organisers report it:
 * "122 job seekers, 130 vacancies, 10 hires" (each part plural-aware, in the
 * UI language, with its number formatting).
 */
import type { FairReport, Language } from "@crossfair/shared";
import type { Translate } from "../i18n/i18n.setup.js";

export function reportHeadline(
  t: Translate,
  totals: Pick<FairReport["totals"], "jobSeekersRegistered" | "vacancies" | "hires">,
  language: Language,
): string {
  const number = new Intl.NumberFormat(language);
  const part = (key: "jobSeekers" | "vacancies" | "hires", count: number) =>
    t(`admin.report.headline.${key}`, { count, formatted: number.format(count) });
  // A headline's comma list, the same in the four languages (no "and" before the last part).
  return [
    part("jobSeekers", totals.jobSeekersRegistered),
    part("vacancies", totals.vacancies),
    part("hires", totals.hires),
  ].join(", ");
}
