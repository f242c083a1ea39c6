/**
 * How "vacancies for you" are ranked: a score per vacancy from four facts,
 * each kept as the reason it adds, so the page can say why a vacancy is where
 * it is. Language comes first at a cross-border fair, then the sectors the
 * candidate named, then how far the work is: their own region, their own
 * country, or a neighbouring country they can commute to (frontier work).
 *
 * A vacancy whose languages the candidate does not meet still appears, low,
 * with what it asks: the candidate may be close, or learning.
 */
import {
  languageFit,
  type LanguageAtLevel,
  type Recommendation,
  type RecommendationReason,
} from "@crossfair/shared";

export interface RankedProfile {
  country: string;
  region: string;
  languages: readonly LanguageAtLevel[];
  sectors: readonly string[];
}

export type RankedVacancy = Omit<Recommendation, "score" | "fits" | "reasons">;

export const SCORES = {
  languagesMet: 40,
  noLanguageAsked: 30,
  languagesShort: -40,
  sector: 25,
  region: 20,
  sameCountry: 10,
  crossBorder: 8,
} as const;

/** Land borders a frontier worker commutes across, around the fairs' regions. */
const NEIGHBOURS: Record<string, readonly string[]> = {
  BE: ["FR", "NL", "DE", "LU"],
  FR: ["BE", "LU", "DE", "CH", "IT", "ES", "MC", "AD"],
  NL: ["BE", "DE"],
  DE: ["BE", "NL", "LU", "FR", "CH", "AT", "DK", "PL", "CZ"],
  LU: ["BE", "FR", "DE"],
  CH: ["FR", "DE", "AT", "IT", "LI"],
  AT: ["DE", "CH", "IT", "LI", "CZ", "SK", "HU", "SI"],
};

export function areNeighbours(a: string, b: string): boolean {
  return (NEIGHBOURS[a]?.includes(b) ?? false) || (NEIGHBOURS[b]?.includes(a) ?? false);
}

const sameText = (a: string, b: string) =>
  a.localeCompare(b, undefined, { sensitivity: "base" }) === 0;

/** One vacancy's score and reasons for the candidate. */
export function scoreVacancy(
  profile: RankedProfile,
  vacancy: RankedVacancy,
): Pick<Recommendation, "score" | "fits" | "reasons"> {
  const reasons: RecommendationReason[] = [];
  let score = 0;
  const fit = languageFit(profile.languages, vacancy.requiredLanguages);
  if (fit.asks.length === 0) {
    reasons.push({ kind: "no_language_asked" });
    score += SCORES.noLanguageAsked;
  } else if (fit.fits) {
    reasons.push({ kind: "languages_met", asks: fit.asks });
    score += SCORES.languagesMet;
  } else {
    reasons.push({ kind: "languages_short", asks: fit.asks.filter((ask) => !ask.meets) });
    score += SCORES.languagesShort;
  }
  if (profile.sectors.some((sector) => sameText(sector, vacancy.sector))) {
    reasons.push({ kind: "sector", sector: vacancy.sector });
    score += SCORES.sector;
  }
  if (profile.country === vacancy.country) {
    if (sameText(profile.region.trim(), vacancy.region.trim())) {
      reasons.push({ kind: "region", region: vacancy.region });
      score += SCORES.region;
    }
    reasons.push({ kind: "same_country", country: vacancy.country });
    score += SCORES.sameCountry;
  } else if (areNeighbours(profile.country, vacancy.country)) {
    reasons.push({ kind: "cross_border", from: profile.country, to: vacancy.country });
    score += SCORES.crossBorder;
  }
  return { score, fits: fit.fits, reasons };
}

/**
 * The best `limit` vacancies, highest score first; ties go to more openings,
 * then to the vacancy id, so the order is the same on every call.
 */
export function rankVacancies(
  profile: RankedProfile,
  vacancies: readonly RankedVacancy[],
  limit: number,
): Recommendation[] {
  return vacancies
    .map((vacancy) => ({ ...vacancy, ...scoreVacancy(profile, vacancy) }))
    .sort(
      (a, b) =>
        b.score - a.score || b.openings - a.openings || a.vacancyId.localeCompare(b.vacancyId),
    )
    .slice(0, limit);
}
