/**
 * The scheduling rules of group sessions as plain functions, free of
 * storage: the copy holds a title for each of the fair's languages and none
 * for others, the speakers are distinct, the session lies inside one day of
 * the fair's opening hours (start and end) and has not started. The service applies them; their unit tests need no database.
 */
import {
  ErrorCode,
  type Language,
  type OpeningHours,
  type WebinarBody,
  type WebinarCopy,
  type WebinarStatus,
} from "@crossfair/shared";
import { insideOpeningHours, requireFuture } from "../availability/availability.rules.js";
import { AppError } from "../plugins/errors.js";

const MINUTE_MS = 60_000;

/** The reminder (mail and in-app banner) and the join link come this long before the start. */
export const WEBINAR_REMINDER_MINUTES = 15;

export interface FairCalendar {
  languages: Language[];
  timeZone: string;
  openingHours: OpeningHours[];
}

export const endOf = (startsAt: Date, minutes: number) =>
  new Date(startsAt.getTime() + minutes * MINUTE_MS);

/**
 * Checks a body against the fair: `validation_failed` on `copy.<lang>` for a
 * missing (or foreign) language, on `speakerIds` for a repeated speaker;
 * `outside_opening_hours` when the session does not fit in one day's hours;
 * `slot_in_past` when it would start at or before `now`.
 */
export function checkWebinarBody(body: WebinarBody, fair: FairCalendar, now: Date): void {
  for (const language of fair.languages) {
    if (!body.copy[language]) {
      throw new AppError(ErrorCode.validationFailed, "a title is missing", `copy.${language}`);
    }
  }
  for (const language of Object.keys(body.copy) as Language[]) {
    if (!fair.languages.includes(language)) {
      throw new AppError(
        ErrorCode.validationFailed,
        "not a language of the fair",
        `copy.${language}`,
      );
    }
  }
  if (new Set(body.speakerIds).size !== body.speakerIds.length) {
    throw new AppError(ErrorCode.validationFailed, "a speaker is listed twice", "speakerIds");
  }
  const startsAt = new Date(body.startsAt);
  const range = { startsAt, endsAt: endOf(startsAt, body.minutes) };
  if (!insideOpeningHours(range, fair.openingHours, fair.timeZone)) {
    throw new AppError(
      ErrorCode.outsideOpeningHours,
      "the session must lie inside one day's opening hours",
      "startsAt",
    );
  }
  requireFuture(startsAt, now, "the session would start in the past");
}

/** `invalid_transition` unless the session is still only scheduled (not live, ended or cancelled). */
export function requireScheduled(status: WebinarStatus): void {
  if (status !== "scheduled") {
    throw new AppError(ErrorCode.invalidTransition, `the session is ${status}`);
  }
}

/** Whether a session is over for registration: ended, cancelled, or its time has run out. */
export function isOver(status: WebinarStatus, endsAt: Date, now: Date): boolean {
  return status === "ended" || status === "cancelled" || endsAt.getTime() <= now.getTime();
}

/** The session's title in each language it has. */
export function titlesOf(
  copy: Partial<Record<Language, WebinarCopy>>,
): Partial<Record<Language, string>> {
  return Object.fromEntries(
    Object.entries(copy).map(([language, entry]) => [language, entry.title]),
  ) as Partial<Record<Language, string>>;
}
