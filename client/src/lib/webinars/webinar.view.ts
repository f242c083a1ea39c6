/**
 * How a group session is shown, as plain functions: its title in the
 * reader's language (or the nearest the session has), its places left, its
 * time on the fair's clocks, whether the join link shows (live, or from 15
 * minutes before the start until it ends), and the live page's address.
 */
import { isoToZoned, pickLocalized, type Language, type Webinar } from "@crossfair/shared";

/** The join link opens this long before the start (the reminder comes then too). */
export const JOIN_OPENS_MINUTES = 15;

export function webinarTitle(webinar: Pick<Webinar, "copy">, language: Language): string {
  const titles = Object.fromEntries(
    Object.entries(webinar.copy).map(([lang, copy]) => [lang, copy.title]),
  );
  return pickLocalized(titles, language).value;
}

export function webinarDescription(webinar: Pick<Webinar, "copy">, language: Language): string {
  return webinar.copy[language]?.description ?? "";
}

export function placesLeft(webinar: Pick<Webinar, "capacity" | "registeredCount">): number {
  return Math.max(0, webinar.capacity - webinar.registeredCount);
}

export function isJoinable(
  webinar: Pick<Webinar, "status" | "startsAt" | "endsAt">,
  now: number,
): boolean {
  if (webinar.status === "live") return true;
  if (webinar.status !== "scheduled" || Date.parse(webinar.endsAt) <= now) return false;
  return Date.parse(webinar.startsAt) - now <= JOIN_OPENS_MINUTES * 60_000;
}

/** Whether the session is over (ended, cancelled, or its time ran out). */
export function isPast(webinar: Pick<Webinar, "status" | "endsAt">, now: number): boolean {
  return (
    webinar.status === "ended" ||
    webinar.status === "cancelled" ||
    Date.parse(webinar.endsAt) <= now
  );
}

/** "2027-03-12 10:00–10:45" on the fair's clocks. */
export function webinarTimeLabel(
  webinar: Pick<Webinar, "startsAt" | "endsAt">,
  timeZone: string,
): string {
  const start = isoToZoned(webinar.startsAt, timeZone);
  return `${start.slice(0, 10)} ${start.slice(11, 16)}–${isoToZoned(webinar.endsAt, timeZone).slice(11, 16)}`;
}

/** The live page of a session (built by the live page's route). */
export const webinarHref = (webinarId: string) => `#/webinars/${webinarId}`;
