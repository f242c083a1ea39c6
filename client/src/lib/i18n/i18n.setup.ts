/**
 * Owns the UI language and the translation function the components render with.
 *
 * Why i18next: it is framework-free (so this module is plain TypeScript, tested
 * in Node), long-maintained and widely used, handles CLDR plurals per language
 * (French has a "many" form) and types keys from our JSON through
 * CustomTypeOptions. svelte-i18n ties itself to Svelte stores and ICU parsing
 * and is less actively maintained; Paraglide needs a compile step and an
 * inlang project. Pinned to 26.x: 27 requires Node 22 and we run Node 20.
 *
 * The message files (see messages.ts) are bundled eagerly: together they are a few KB, less
 * than the round trip a lazy load would cost at a language switch.
 */
import i18next, { type TFunction } from "i18next";
import { readonly, writable, type Readable } from "svelte/store";
import { LANGUAGES, type Language } from "@crossfair/shared";
import { MESSAGES } from "./messages.js";

export { MESSAGES };

export type Translate = TFunction<"translation">;

export interface I18n {
  /** The current UI language. */
  readonly language: Readable<Language>;
  /** A new function on every language change, so `$t(...)` re-renders. */
  readonly t: Readable<Translate>;
  setLanguage(language: Language): void;
}

export function createI18n(initial: Language, onChange?: (language: Language) => void): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: initial,
    fallbackLng: "en",
    supportedLngs: [...LANGUAGES],
    resources: {
      en: { translation: MESSAGES.en },
      nl: { translation: MESSAGES.nl },
      fr: { translation: MESSAGES.fr },
      de: { translation: MESSAGES.de },
    },
    // Resources are in memory: initialise synchronously so the first render is translated.
    initAsync: false,
    // Svelte escapes text itself; escaping here would show "&amp;" on screen.
    interpolation: { escapeValue: false },
  });

  const language = writable<Language>(initial);
  const t = writable<Translate>(instance.getFixedT(initial));

  return {
    language: readonly(language),
    t: readonly(t),
    setLanguage(next) {
      void instance.changeLanguage(next);
      language.set(next);
      t.set(instance.getFixedT(next));
      onChange?.(next);
    },
  };
}

export type KnownSector = keyof typeof MESSAGES.en.sector;

export function isKnownSector(sector: string): sector is KnownSector {
  return Object.hasOwn(MESSAGES.en.sector, sector);
}

/** Sectors are free text on the server; the ones we know are translated, others shown as sent. */
export function sectorLabel(t: Translate, sector: string): string {
  return isKnownSector(sector) ? t(`sector.${sector}`) : sector;
}
