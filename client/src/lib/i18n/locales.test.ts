import { describe, expect, it } from "vitest";
import {
  ErrorCode,
  LANGUAGES,
  STAND_KINDS,
  CONTRACT_TYPES,
  type Language,
} from "@crossfair/shared";
import { MESSAGES } from "./i18n.setup.js";

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** Every leaf as "a.b.c" → text. */
function flatten(tree: unknown, prefix = ""): Map<string, unknown> {
  const leaves = new Map<string, unknown>();
  if (tree !== null && typeof tree === "object" && !Array.isArray(tree)) {
    for (const [key, value] of Object.entries(tree)) {
      for (const [leaf, text] of flatten(value, prefix ? `${prefix}.${key}` : key))
        leaves.set(leaf, text);
    }
  } else {
    leaves.set(prefix, tree);
  }
  return leaves;
}

/** Keys with plural suffixes folded into their base key: languages differ in plural forms. */
function baseKeys(language: Language): Set<string> {
  return new Set(
    [...flatten(MESSAGES[language]).keys()].map((key) => key.replace(PLURAL_SUFFIX, "")),
  );
}

function variables(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((match) => match[1] ?? "").sort();
}

describe("UI messages", () => {
  const allKeys = new Set(LANGUAGES.flatMap((language) => [...baseKeys(language)]));

  it.each(LANGUAGES)("%s has every key that any other language has", (language) => {
    const keys = baseKeys(language);
    const missing = [...allKeys].filter((key) => !keys.has(key));
    expect(missing, `missing in ${language}.json`).toEqual([]);
  });

  it.each(LANGUAGES)("%s has only non-empty strings", (language) => {
    for (const [key, text] of flatten(MESSAGES[language])) {
      expect(typeof text === "string" && text.trim().length > 0, `${language}: ${key}`).toBe(true);
    }
  });

  it.each(LANGUAGES)("%s has every plural form its grammar needs", (language) => {
    const leaves = [...flatten(MESSAGES[language]).keys()];
    const pluralBases = new Set(
      LANGUAGES.flatMap((l) => [...flatten(MESSAGES[l]).keys()])
        .filter((key) => PLURAL_SUFFIX.test(key))
        .map((key) => key.replace(PLURAL_SUFFIX, "")),
    );
    const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    for (const base of pluralBases) {
      for (const category of categories) {
        expect(leaves, `${language}: ${base}_${category}`).toContain(`${base}_${category}`);
      }
    }
  });

  it.each(LANGUAGES.filter((language) => language !== "en"))(
    "%s uses the same {{variables}} as English",
    (language) => {
      const english = flatten(MESSAGES.en);
      for (const [key, text] of flatten(MESSAGES[language])) {
        const reference = english.get(key) ?? english.get(key.replace(PLURAL_SUFFIX, "_other"));
        expect(variables(String(text)), `${language}: ${key}`).toEqual(
          variables(String(reference)),
        );
      }
    },
  );

  it("translates every error code, stand kind and contract type from the shared contract", () => {
    const keys = baseKeys("en");
    const needed = [
      ...Object.values(ErrorCode).map((code) => `errors.${code}`),
      ...STAND_KINDS.map((kind) => `kind.${kind}`),
      ...CONTRACT_TYPES.map((type) => `contract.${type}`),
    ];
    expect(needed.filter((key) => !keys.has(key))).toEqual([]);
  });
});
