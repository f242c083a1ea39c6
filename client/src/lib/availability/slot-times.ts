/**
 * Slot times as people read them: on the fair's clocks (a candidate abroad
 * sees 10:00 for a slot at 10:00 in Brussels, with the zone named), grouped
 * by the fair's calendar day.
 */
import { isoToZoned } from "@crossfair/shared";

export interface TimedSlot {
  startsAt: string;
  endsAt: string;
}

export interface SlotDay<S extends TimedSlot> {
  /** "YYYY-MM-DD" on the fair's clocks. */
  date: string;
  slots: S[];
}

/** The slots by fair day, in time order. */
export function groupByDay<S extends TimedSlot>(
  slots: readonly S[],
  timeZone: string,
): SlotDay<S>[] {
  const days = new Map<string, S[]>();
  const sorted = [...slots].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  for (const slot of sorted) {
    const date = isoToZoned(slot.startsAt, timeZone).slice(0, 10);
    days.set(date, [...(days.get(date) ?? []), slot]);
  }
  return [...days].map(([date, list]) => ({ date, slots: list }));
}

/** "10:00–10:15" on the fair's clocks. */
export function slotTimeLabel(slot: TimedSlot, timeZone: string): string {
  const at = (iso: string) => isoToZoned(iso, timeZone).slice(11, 16);
  return `${at(slot.startsAt)}–${at(slot.endsAt)}`;
}

/** The fair day as a heading in the reader's language: "Tuesday 8 December". */
export function dayLabel(date: string, language: string): string {
  // Noon UTC is the same calendar day in every zone a fair is in.
  return new Intl.DateTimeFormat(language, {
    weekday: "long",
    day: "numeric",
    month: "long",
    timeZone: "UTC",
  }).format(new Date(`${date}T12:00:00Z`));
}
