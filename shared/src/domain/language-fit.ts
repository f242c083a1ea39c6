/**
 * Language fit: whether the languages a person speaks, at their CEFR levels,
 * meet what a vacancy asks. The hall's and the stand page's badges, the hall's
 * "fits my languages" filter and the recommendations all read this one rule,
 * so a vacancy never fits on one screen and fails on another.
 *
 * A level meets an ask when it is the same or higher (A1 < A2 < … < C2). A
 * vacancy that asks nothing fits everyone; one that asks several languages
 * fits when every one of them is met.
 */
import { CEFR_LEVELS, type CefrLevel, type Language } from "./language.js";

export interface LanguageAtLevel {
  language: Language;
  level: CefrLevel;
}

export interface LanguageAsk {
  language: Language;
  asked: CefrLevel;
  /** The person's level of this language; null when they do not speak it. */
  have: CefrLevel | null;
  meets: boolean;
}

export interface LanguageFit {
  /** Every ask is met (true as well when nothing is asked). */
  fits: boolean;
  /** One entry per language asked, in the vacancy's order. */
  asks: LanguageAsk[];
}

/** The level every shared language must reach for a conversation (interviews, matching). */
export const CONVERSATION_LEVEL: CefrLevel = "B1";

export const levelRank = (level: CefrLevel): number => CEFR_LEVELS.indexOf(level);

export function meetsLevel(have: CefrLevel | null, asked: CefrLevel): boolean {
  return have !== null && levelRank(have) >= levelRank(asked);
}

export function languageFit(
  spoken: readonly LanguageAtLevel[],
  required: readonly LanguageAtLevel[],
): LanguageFit {
  const asks = required.map(({ language, level }) => {
    const have = spoken.find((entry) => entry.language === language)?.level ?? null;
    return { language, asked: level, have, meets: meetsLevel(have, level) };
  });
  return { fits: asks.every((ask) => ask.meets), asks };
}

/**
 * Whether a stand's staff and the person share a language the person speaks
 * at conversation level: the stand card's "speaks your language".
 */
export function sharesConversationLanguage(
  spoken: readonly LanguageAtLevel[],
  standLanguages: readonly Language[],
): boolean {
  return spoken.some(
    (entry) =>
      standLanguages.includes(entry.language) && meetsLevel(entry.level, CONVERSATION_LEVEL),
  );
}

/**
 * The languages a person can hold a conversation in (B1 or above): what call-next
 * matches against the recruiter's languages, so an A1 in common never counts.
 */
export function conversationLanguages(spoken: readonly LanguageAtLevel[]): Language[] {
  return spoken
    .filter((entry) => meetsLevel(entry.level, CONVERSATION_LEVEL))
    .map((entry) => entry.language);
}
