/**
 * Times as a mail states them: in the fair's time zone (its opening hours are
 * local to it), in the recipient's language, with the zone named so that a
 * candidate across a border reads it right.
 */
import type { Language } from "@crossfair/shared";

const LOCALES: Record<Language, string> = {
  en: "en-GB",
  fr: "fr-FR",
  nl: "nl-BE",
  de: "de-DE",
};

/** "Tuesday 12 March 2027, 10:00 – 10:15 CET", in `language`. */
export function formatSlot(
  language: Language,
  timeZone: string,
  startsAt: Date,
  endsAt: Date,
): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    timeZone,
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  }).formatRange(startsAt, endsAt);
}

/** "14:32:10 CET": a moment within minutes, to the second. */
export function formatMoment(language: Language, timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    timeZoneName: "short",
  }).format(at);
}
