/**
 * Languages are a first-class fact at a cross-border fair: the UI language,
 * the languages a person speaks and the language a vacancy was written in.
 */
import { z } from "zod";

/** Languages the product is offered in (UI and content). */
export const LANGUAGES = ["nl", "fr", "en", "de"] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

/** Common European Framework of Reference levels. */
export const CEFR_LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2"] as const;
export const cefrLevelSchema = z.enum(CEFR_LEVELS);
export type CefrLevel = z.infer<typeof cefrLevelSchema>;

/** A text given in one or more languages, at least one of them. */
export const localizedTextSchema = z
  // PostgreSQL's text and jsonb cannot hold NUL, so it is refused here rather than failing in the database.
  .partialRecord(
    languageSchema,
    z
      .string()
      .max(10_000)
      .refine((value) => !value.includes("\u0000"), "no NUL characters"),
  )
  .refine((text) => Object.values(text).some((value) => value && value.length > 0), {
    message: "at least one language is required",
  });
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/**
 * Picks the best available translation: the wanted language, then the
 * fallbacks in order, then whatever language the text has.
 */
export function pickLocalized(
  text: LocalizedText,
  wanted: Language,
  fallbacks: readonly Language[] = ["en", "fr", "nl", "de"],
): { language: Language; value: string } {
  for (const language of [wanted, ...fallbacks]) {
    const value = text[language];
    if (value) return { language, value };
  }
  for (const language of LANGUAGES) {
    const value = text[language];
    if (value) return { language, value };
  }
  return { language: wanted, value: "" };
}
