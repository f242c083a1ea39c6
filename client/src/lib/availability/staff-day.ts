/**
 * The staff's day on the fair's clocks: which day the Slots panel shows
 * (today unless staff chose another), the days there are to choose from, the
 * slot on now or next (highlighted), and where each booking stands, with an
 * attended booking whose slot is still on read as "in interview". Pure
 * functions of the slots and a moment, so they are tested without a DOM.
 */
import { isoToZoned, type BookingStatus, type StaffSlot } from "@crossfair/shared";
import { groupByDay } from "./slot-times.js";

/** A booking's phase as staff read it: its status, with an interview under way told apart. */
export type BookingPhase = BookingStatus | "in_interview";

export interface StaffDayView {
  /** Today on the fair's clocks, "YYYY-MM-DD". */
  today: string;
  /** The day shown. */
  day: string;
  /** Days with slots, and today, in order. */
  days: string[];
  /** The shown day's slots, in time order. */
  slots: StaffSlot[];
  /** The slot on now, or else the next to start (of any day); null when all are over. */
  nextSlotId: string | null;
}

/** The calendar day at `now` on the fair's clocks. */
export function fairToday(timeZone: string, now: number): string {
  return isoToZoned(new Date(now).toISOString(), timeZone).slice(0, 10);
}

/** The slot on now, or else the first still to start. */
export function nextSlotId(slots: readonly StaffSlot[], now: number): string | null {
  let next: StaffSlot | null = null;
  for (const slot of slots) {
    if (Date.parse(slot.endsAt) <= now) continue;
    if (!next || Date.parse(slot.startsAt) < Date.parse(next.startsAt)) next = slot;
  }
  return next?.id ?? null;
}

/** What the panel shows: `chosen` (a day staff picked) or today, with its slots. */
export function staffDayView(
  slots: readonly StaffSlot[],
  timeZone: string,
  chosen: string | null,
  now: number,
): StaffDayView {
  const today = fairToday(timeZone, now);
  const byDay = groupByDay(slots, timeZone);
  const days = [...new Set([today, ...byDay.map((group) => group.date)])].sort();
  const day = chosen ?? today;
  return {
    today,
    day,
    days: days.includes(day) ? days : [...days, day].sort(),
    slots: byDay.find((group) => group.date === day)?.slots ?? [],
    nextSlotId: nextSlotId(slots, now),
  };
}

/** Where the booking stands: attended while its slot runs reads as in interview. */
export function bookingPhase(slot: StaffSlot, now: number): BookingPhase | null {
  const booking = slot.booking;
  if (!booking) return null;
  if (booking.status === "attended" && now < Date.parse(slot.endsAt)) return "in_interview";
  return booking.status;
}
