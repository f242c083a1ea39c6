/**
 * The register our copy speaks in: formal in every language that has a choice
 * (Dutch "u/uw", French "vous", German "Sie"), as the public employment
 * services that run the fairs do. The UI's and the mails' register tests use
 * this list of informal words; English has no informal pronoun to find.
 */
import type { Language } from "./language.js";

/**
 * Informal words, matched as whole words and in any case. Only words that are
 * informal whatever the sentence: lowercase German "sie"/"ihr" can be "they"
 * and "her", and French "te" is also in "t'" (both left out).
 */
export const INFORMAL_WORDS: Record<Language, readonly string[]> = {
  nl: ["je", "jij", "jou", "jouw", "jullie", "jezelf", "jouwe"],
  fr: ["tu", "toi", "ton", "ta", "tes", "te", "toi-même"],
  de: [
    "du",
    "dich",
    "dir",
    "dein",
    "deine",
    "deinen",
    "deinem",
    "deiner",
    "deines",
    "bist",
    "hast",
    "kannst",
    "musst",
    "willst",
    "möchtest",
    "wirst",
  ],
  en: [],
};

const INFORMAL_PATTERN = Object.fromEntries(
  Object.entries(INFORMAL_WORDS).map(([language, words]) => [
    language,
    words.length === 0
      ? null
      : new RegExp(`(?<![\\p{L}\\p{N}_-])(?:${words.join("|")})(?![\\p{L}\\p{N}_-])`, "giu"),
  ]),
) as Record<Language, RegExp | null>;

/** The informal words in `text`, as written there; none for English. */
export function informalWordsIn(language: Language, text: string): string[] {
  const pattern = INFORMAL_PATTERN[language];
  return pattern ? [...text.matchAll(pattern)].map((match) => match[0]) : [];
}
