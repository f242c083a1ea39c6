/**
 * Guards the register of the UI copy: formal in Dutch (u/uw), French (vous)
 * and German (Sie), see ARCHITECTURE.md, "Copy". New copy that slips into
 * je/tu/du fails here, with its key.
 */
import { describe, expect, it } from "vitest";
import { informalWordsIn, LANGUAGES } from "@crossfair/shared";
import { MESSAGES } from "./i18n.setup.js";

function* leaves(tree: unknown, prefix = ""): Generator<[string, string]> {
  if (typeof tree === "string") yield [prefix, tree];
  else if (tree !== null && typeof tree === "object")
    for (const [key, value] of Object.entries(tree))
      yield* leaves(value, prefix ? `${prefix}.${key}` : key);
}

describe("UI copy register", () => {
  it.each(LANGUAGES.filter((language) => language !== "en"))(
    "%s speaks formally in every string",
    (language) => {
      const informal = [...leaves(MESSAGES[language])]
        .map(([key, text]) => ({ key, words: informalWordsIn(language, text) }))
        .filter(({ words }) => words.length > 0)
        .map(({ key, words }) => `${key}: ${words.join(", ")}`);
      expect(informal).toEqual([]);
    },
  );
});
