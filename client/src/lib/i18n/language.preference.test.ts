import { describe, expect, it } from "vitest";
import {
  createLanguagePreference,
  detectLanguage,
  LANGUAGE_STORAGE_KEY,
} from "./language.preference.js";

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
  };
}

describe("detectLanguage", () => {
  it("prefers the remembered choice", () => {
    expect(detectLanguage("de", ["fr-BE"])).toBe("de");
  });

  it("ignores a remembered value we do not offer", () => {
    expect(detectLanguage("es", ["fr-BE"])).toBe("fr");
  });

  it("takes the first browser language we offer, by its primary subtag", () => {
    expect(detectLanguage(null, ["es-ES", "NL-be", "fr"])).toBe("nl");
  });

  it("falls back to English", () => {
    expect(detectLanguage(null, ["es", "it-IT"])).toBe("en");
    expect(detectLanguage(null, [])).toBe("en");
  });
});

describe("createLanguagePreference", () => {
  it("starts from storage and remembers a new choice", () => {
    const storage = memoryStorage({ [LANGUAGE_STORAGE_KEY]: "nl" });
    const preference = createLanguagePreference(storage, ["fr"]);
    expect(preference.initial).toBe("nl");
    preference.remember("de");
    expect(storage.data.get(LANGUAGE_STORAGE_KEY)).toBe("de");
  });

  it("survives storage that throws or is missing", () => {
    const broken = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    const preference = createLanguagePreference(broken, ["de-AT"]);
    expect(preference.initial).toBe("de");
    expect(() => preference.remember("fr")).not.toThrow();
    expect(createLanguagePreference(undefined, []).initial).toBe("en");
  });
});
