/** Small formatting helpers the staff components share; pure, so tested without a DOM. */
import { pickLocalized, type Language, type LocalizedText } from "@crossfair/shared";

/** "23 Nov 2026, 11:05" in the UI language and the browser's time zone. */
export function formatDateTime(iso: string, language: Language, timeZone?: string): string {
  return new Intl.DateTimeFormat(language, {
    dateStyle: "medium",
    timeStyle: "short",
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date(iso));
}

/** A localized text in the UI language if it exists; `lang` is set when it is another language. */
export function localized(
  text: LocalizedText,
  language: Language,
): { value: string; lang: Language | undefined } {
  const picked = pickLocalized(text, language);
  return { value: picked.value, lang: picked.language === language ? undefined : picked.language };
}

/** 1…5 for the rating radios. */
export const RATINGS = [1, 2, 3, 4, 5] as const;
