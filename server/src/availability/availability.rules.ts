/**
 * The availability domain's rules as plain functions, free of storage: where a
 * fair day's opening hours lie in time, how a time range is cut into slots,
 * when two slots overlap and until when a booking may be cancelled. The
 * services apply them; their unit tests need no database.
 */
import { ErrorCode, zonedToIso, type BookingStatus, type OpeningHours } from "@crossfair/shared";
import { AppError } from "../plugins/errors.js";

/** The domain's clock, injected so tests never wait for wall-clock time. */
export type Clock = () => Date;

/** A booking that holds its slot and is not over: what a recruiter must keep free for. */
export const LIVE_STATUSES: BookingStatus[] = ["booked", "called"];

const MINUTE_MS = 60_000;

/**
 * Late: the slot has started and its candidate has not come to the interview
 * yet (still booked, or being called). Attended, no-show and cancelled are
 * over, not late.
 */
export function isLate(startsAt: Date, status: BookingStatus, now: Date): boolean {
  return startsAt <= now && LIVE_STATUSES.includes(status);
}

export interface TimeRange {
  startsAt: Date;
  endsAt: Date;
}

/** A clock time on a fair day as an instant, read on the fair's clocks. */
export function fairInstant(date: string, time: string, timeZone: string): Date {
  const iso = zonedToIso(`${date}T${time}`, timeZone);
  if (!iso) throw new AppError(ErrorCode.validationFailed, "not a time on that day", "date");
  return new Date(iso);
}

/** The day's opening hours as instants; `outside_opening_hours` when the fair is closed that day. */
export function openingWindow(hours: OpeningHours[], date: string, timeZone: string): TimeRange {
  const day = hours.find((entry) => entry.date === date);
  if (!day)
    throw new AppError(ErrorCode.outsideOpeningHours, "the fair is closed that day", "date");
  return {
    startsAt: fairInstant(date, day.opens, timeZone),
    endsAt: fairInstant(date, day.closes, timeZone),
  };
}

/** Whether the range lies inside one of the fair's opening-hours days. */
export function insideOpeningHours(
  range: TimeRange,
  hours: OpeningHours[],
  timeZone: string,
): boolean {
  return hours.some((day) => {
    const window = {
      startsAt: fairInstant(day.date, day.opens, timeZone),
      endsAt: fairInstant(day.date, day.closes, timeZone),
    };
    return range.startsAt >= window.startsAt && range.endsAt <= window.endsAt;
  });
}

/**
 * Cuts `range` into slots of `lengthMinutes`, `breakMinutes` apart; a last
 * piece shorter than a slot is left free. At least one slot must fit.
 */
export function cutIntoSlots(
  range: TimeRange,
  lengthMinutes: number,
  breakMinutes: number,
): TimeRange[] {
  const slots: TimeRange[] = [];
  const length = lengthMinutes * MINUTE_MS;
  const step = length + breakMinutes * MINUTE_MS;
  for (let start = range.startsAt.getTime(); start + length <= range.endsAt.getTime();) {
    slots.push({ startsAt: new Date(start), endsAt: new Date(start + length) });
    start += step;
  }
  if (slots.length === 0) {
    throw new AppError(ErrorCode.validationFailed, "the range is shorter than one slot", "to");
  }
  return slots;
}

/** Whether two half-open ranges [start, end) share any time. */
export function overlaps(a: TimeRange, b: TimeRange): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}

/** The last instant a booking of a slot starting at `startsAt` may be cancelled by its candidate. */
export function cancellableUntil(startsAt: Date, cutoffMinutes: number): Date {
  return new Date(startsAt.getTime() - cutoffMinutes * MINUTE_MS);
}

/** `slot_in_past` for a slot that has started (or is over) at `now`. */
export function requireFuture(startsAt: Date, now: Date, what = "the slot has started"): void {
  if (startsAt.getTime() <= now.getTime()) throw new AppError(ErrorCode.slotInPast, what);
}
