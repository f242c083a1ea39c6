/**
 * The choices the profile form offers: countries of residence (the fair's
 * neighbours first, then the rest of Europe, each named in the UI language),
 * sectors (those the UI translates, plus any the candidate saved before), and
 * the formatting of dates shown on the account pages.
 */
import type { Language } from "@crossfair/shared";
import { countryName } from "../hall/hall.view.js";
import { MESSAGES } from "../i18n/messages.js";

/** Where cross-border candidates of the Benelux, France and Germany live. */
export const NEAR_COUNTRIES = ["BE", "NL", "FR", "DE", "LU"] as const;
export const OTHER_COUNTRIES = [
  "AT",
  "BG",
  "CH",
  "CY",
  "CZ",
  "DK",
  "EE",
  "ES",
  "FI",
  "GB",
  "GR",
  "HR",
  "HU",
  "IE",
  "IS",
  "IT",
  "LI",
  "LT",
  "LV",
  "MT",
  "NO",
  "PL",
  "PT",
  "RO",
  "SE",
  "SI",
  "SK",
  "UA",
] as const;

export interface CountryOption {
  code: string;
  name: string;
}

function named(codes: readonly string[], language: Language): CountryOption[] {
  return codes.map((code) => ({ code, name: countryName(code, language) }));
}

/** Two groups for the select: the fair's neighbours, then the others by name. */
export function countryOptions(
  language: Language,
  saved?: string,
): { near: CountryOption[]; other: CountryOption[] } {
  const others = [...OTHER_COUNTRIES] as string[];
  // A country saved from elsewhere stays selectable.
  if (saved && !others.includes(saved) && !(NEAR_COUNTRIES as readonly string[]).includes(saved)) {
    others.push(saved);
  }
  const collator = new Intl.Collator(language);
  return {
    near: named(NEAR_COUNTRIES, language),
    other: named(others, language).sort((a, b) => collator.compare(a.name, b.name)),
  };
}

export const KNOWN_SECTORS = Object.keys(MESSAGES.en.sector);

/** The sectors offered as checkboxes: the known ones, then any other the candidate chose. */
export function sectorOptions(selected: readonly string[]): string[] {
  return [...KNOWN_SECTORS, ...selected.filter((sector) => !KNOWN_SECTORS.includes(sector))];
}

/** A date and time as the UI language writes it, e.g. "5 Mar 2026, 14:32". */
export function formatDateTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" }).format(
    new Date(iso),
  );
}

/** A date as the UI language writes it, e.g. "5 Mar 2026". */
export function formatDate(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "medium" }).format(new Date(iso));
}
