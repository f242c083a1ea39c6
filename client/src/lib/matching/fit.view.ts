/**
 * The words of language fit and of a recommendation's reasons, in the UI
 * language: "Your Dutch (B1) meets the A2 asked", "Asks Dutch B2, you have
 * A2", "Why this vacancy: in your sector, across the border from France".
 */
import {
  type Language,
  type LanguageAsk,
  type LanguageFit,
  type RecommendationReason,
} from "@crossfair/shared";
import { countryName, languageName } from "../hall/hall.view.js";
import type { Translate } from "../i18n/i18n.setup.js";
import { sectorLabel } from "../i18n/i18n.setup.js";

export type FitTone = "meets" | "short" | "none";

export interface FitWords {
  tone: FitTone;
  /** One line per language asked (none when nothing is asked). */
  lines: string[];
  /** The badge's short label. */
  label: string;
}

function askLine(t: Translate, ask: LanguageAsk, ui: Language): string {
  const language = languageName(ask.language, ui);
  if (ask.meets) return t("matching.meets", { language, have: ask.have!, asked: ask.asked });
  if (ask.have) return t("matching.short", { language, have: ask.have, asked: ask.asked });
  return t("matching.missing", { language, asked: ask.asked });
}

export function fitWords(t: Translate, fit: LanguageFit, ui: Language): FitWords {
  if (fit.asks.length === 0) return { tone: "none", lines: [], label: t("matching.noneAsked") };
  return {
    tone: fit.fits ? "meets" : "short",
    lines: fit.asks.map((ask) => askLine(t, ask, ui)),
    label: fit.fits ? t("matching.fits") : t("matching.doesNotFit"),
  };
}

/** One reason a vacancy is recommended, as a phrase. */
export function reasonWords(t: Translate, reason: RecommendationReason, ui: Language): string {
  switch (reason.kind) {
    case "languages_met":
    case "languages_short":
      return reason.asks.map((ask) => askLine(t, ask, ui)).join(" · ");
    case "no_language_asked":
      return t("matching.reason.noLanguageAsked");
    case "sector":
      return t("matching.reason.sector", { sector: sectorLabel(t, reason.sector) });
    case "region":
      return t("matching.reason.region", { region: reason.region });
    case "same_country":
      return t("matching.reason.sameCountry", { country: countryName(reason.country, ui) });
    case "cross_border":
      return t("matching.reason.crossBorder", {
        from: countryName(reason.from, ui),
        to: countryName(reason.to, ui),
      });
  }
}
