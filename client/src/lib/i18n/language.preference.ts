/**
 * Owns which UI language a visitor starts in and remembering their choice:
 * a stored choice wins, then the first browser language we offer, then English.
 *
 * Written by hand rather than with i18next-browser-languagedetector: the rule
 * is a dozen lines, and keeping it a pure function makes it testable in Node.
 */
import { LANGUAGES, type Language } from "@crossfair/shared";

export const LANGUAGE_STORAGE_KEY = "crossfair.language";
export const DEFAULT_LANGUAGE: Language = "en";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** `stored` is the remembered choice (if any); `browserLanguages` is `navigator.languages`. */
export function detectLanguage(
  stored: string | null,
  browserLanguages: readonly string[],
): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of browserLanguages) {
    // "nl-BE" and "fr-FR" are served by "nl" and "fr".
    const primary = tag.toLowerCase().split("-")[0];
    if (isLanguage(primary)) return primary;
  }
  return DEFAULT_LANGUAGE;
}

type PreferenceStorage = Pick<Storage, "getItem" | "setItem">;

export interface LanguagePreference {
  readonly initial: Language;
  remember(language: Language): void;
}

/**
 * Reads and writes the choice in `storage`. Storage can be missing or throw
 * (private browsing, blocked cookies); the visitor then simply isn't remembered.
 */
export function createLanguagePreference(
  storage: PreferenceStorage | undefined,
  browserLanguages: readonly string[],
): LanguagePreference {
  let stored: string | null = null;
  try {
    stored = storage?.getItem(LANGUAGE_STORAGE_KEY) ?? null;
  } catch {
    stored = null;
  }
  return {
    initial: detectLanguage(stored, browserLanguages),
    remember(language) {
      try {
        storage?.setItem(LANGUAGE_STORAGE_KEY, language);
      } catch {
        // Not remembered this time; the UI still switches.
      }
    },
  };
}
