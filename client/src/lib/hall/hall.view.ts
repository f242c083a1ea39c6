/**
 * Pure display rules for the fair hall: which translation a visitor sees and
 * whether it is one, how stands are filtered and ordered, and how countries,
 * languages and dates are named. No state and no DOM, so every rule is tested
 * directly.
 */
import {
  LANGUAGES,
  languageFit,
  pickLocalized,
  sharesConversationLanguage,
  type FairSummary,
  type Language,
  type LanguageAtLevel,
  type LocalizedText,
  type StandKind,
  type StandSummary,
} from "@crossfair/shared";

export interface LocalizedView {
  /** The language of `value`; put it in a `lang` attribute when it differs from the UI's. */
  language: Language;
  value: string;
  /** True when the text was written in another language than the one shown. */
  isTranslation: boolean;
  /** The language the text was written in, when known. */
  original: Language | undefined;
  /** Every language this text exists in, in the product's language order. */
  available: Language[];
}

/**
 * Shows a text in the visitor's language when it exists, otherwise the best
 * fallback. `original` is the language the author wrote in, if known; a
 * vacancy has one, a stand description does not.
 */
export function localizeText(
  text: LocalizedText,
  wanted: Language,
  original?: Language,
): LocalizedView {
  const picked = pickLocalized(text, wanted);
  return {
    language: picked.language,
    value: picked.value,
    isTranslation: original !== undefined && picked.language !== original,
    original,
    available: LANGUAGES.filter((language) => Boolean(text[language])),
  };
}

export type KindFilter = StandKind | "all";
export type LanguageFilter = Language | "all";

export interface HallFilter {
  kind: KindFilter;
  sector: string;
  language: LanguageFilter;
  query: string;
  /** Only stands where the candidate's languages meet some open vacancy's asks. */
  fitsMe: boolean;
}

export const NO_FILTER: Readonly<HallFilter> = {
  kind: "all",
  sector: "all",
  language: "all",
  query: "",
  fitsMe: false,
};

export function isFiltering(filter: HallFilter): boolean {
  return (
    filter.kind !== "all" ||
    filter.sector !== "all" ||
    filter.language !== "all" ||
    filter.fitsMe ||
    normalizeForSearch(filter.query) !== ""
  );
}

/**
 * Lower case without accents, so "operateur" finds "Opérateur" and "Courtrai"
 * finds "courtrai": visitors type in a language that is often not their own.
 */
export function normalizeForSearch(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim();
}

/**
 * Keeps the stands that match every filter. The text search matches each word
 * anywhere in the stand: its name, sector, region, descriptions and vacancy
 * titles in every language, plus `labels` (e.g. translated sector names).
 */
export function filterStands(
  stands: readonly StandSummary[],
  filter: HallFilter,
  labels: (stand: StandSummary) => readonly string[] = () => [],
  spoken: readonly LanguageAtLevel[] = [],
): StandSummary[] {
  const words = normalizeForSearch(filter.query).split(/\s+/).filter(Boolean);
  return stands.filter((stand) => {
    if (filter.fitsMe && !standFits(stand, spoken)) return false;
    if (filter.kind !== "all" && stand.kind !== filter.kind) return false;
    if (filter.sector !== "all" && stand.sector !== filter.sector) return false;
    if (filter.language !== "all" && !stand.languages.includes(filter.language)) return false;
    if (words.length === 0) return true;
    const haystack = normalizeForSearch(searchableText(stand, labels(stand)));
    return words.every((word) => haystack.includes(word));
  });
}

/**
 * Whether a stand suits the candidate's languages: one of its open vacancies
 * asks nothing they lack, or, without vacancies (an information stand), its
 * staff speak one of their languages at conversation level.
 */
export function standFits(stand: StandSummary, spoken: readonly LanguageAtLevel[]): boolean {
  if (stand.vacancies.length === 0) return sharesConversationLanguage(spoken, stand.languages);
  return stand.vacancies.some((vacancy) => languageFit(spoken, vacancy.requiredLanguages).fits);
}

function searchableText(stand: StandSummary, labels: readonly string[]): string {
  const parts = [
    stand.organisationName,
    stand.sector,
    stand.region,
    stand.country,
    ...Object.values(stand.description),
    ...stand.vacancies.flatMap((vacancy) => [vacancy.region, ...Object.values(vacancy.title)]),
    ...labels,
  ];
  return parts.filter((part): part is string => typeof part === "string").join("\n");
}

export const STAND_ORDERS = ["name", "openings"] as const;
export type StandOrder = (typeof STAND_ORDERS)[number];

/** Total open positions over a stand's vacancies. */
export function openingsOf(stand: StandSummary): number {
  return stand.vacancies.reduce((total, vacancy) => total + vacancy.openings, 0);
}

/**
 * A sorted copy: by organisation name in the UI language's collation, or by
 * most openings first (ties by name). Information stands, which have no jobs,
 * sort after employers either way so they do not crowd the top of the hall.
 */
export function sortStands(
  stands: readonly StandSummary[],
  order: StandOrder,
  language: Language,
): StandSummary[] {
  const collator = new Intl.Collator(language, { sensitivity: "base", numeric: true });
  const byName = (a: StandSummary, b: StandSummary) =>
    collator.compare(a.organisationName, b.organisationName);
  const infoLast = (a: StandSummary, b: StandSummary) =>
    Number(a.kind === "information") - Number(b.kind === "information");
  return [...stands].sort((a, b) => {
    const info = infoLast(a, b);
    if (info !== 0) return info;
    if (order === "openings") {
      const openings = openingsOf(b) - openingsOf(a);
      if (openings !== 0) return openings;
    }
    return byName(a, b);
  });
}

/** The distinct sectors present in the hall, for the sector filter. */
export function sectorsOf(stands: readonly StandSummary[]): string[] {
  return [...new Set(stands.map((stand) => stand.sector))].sort();
}

/** "Belgium" / "Belgique" / "België" from "BE"; the code itself if the browser cannot name it. */
export function countryName(code: string, uiLanguage: Language): string {
  return displayName(uiLanguage, "region", code);
}

/** A language's name as the UI language writes it: "French", "français", "Französisch". */
export function languageName(code: Language, uiLanguage: Language): string {
  return displayName(uiLanguage, "language", code);
}

/** A language's name in itself, capitalized for a menu: "Nederlands", "Français". */
export function endonym(code: Language): string {
  const name = displayName(code, "language", code);
  return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
}

function displayName(uiLanguage: Language, type: "region" | "language", code: string): string {
  try {
    return new Intl.DisplayNames([uiLanguage], { type, fallback: "code" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The fair's dates in its own time zone, e.g. "12 Mar 2026, 09:00 – 17:00". */
export function formatFairDates(
  fair: Pick<FairSummary, "startsAt" | "endsAt" | "timeZone">,
  uiLanguage: Language,
): string {
  const starts = new Date(fair.startsAt);
  const ends = new Date(fair.endsAt);
  try {
    const format = new Intl.DateTimeFormat(uiLanguage, {
      timeZone: fair.timeZone,
      dateStyle: "medium",
      timeStyle: "short",
    });
    return format.formatRange(starts, ends);
  } catch {
    // An unknown time zone must not take the header down with it.
    return `${fair.startsAt} – ${fair.endsAt}`;
  }
}

/** Up to two initials of an organisation's name, for a stand without a logo ("Hainaut Logistique" → "HL"). */
export function initialsOf(name: string): string {
  const words = name.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words
    .slice(0, 2)
    .map((word) => word.charAt(0).toLocaleUpperCase())
    .join("");
}
