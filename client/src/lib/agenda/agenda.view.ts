/**
 * The agenda's display rules, pure: which bookings are still ahead (by slot
 * time, grouped by fair day, each with what happens next), which queue
 * places to show, and what is behind the candidate (ended interviews, missed
 * slots, slots nobody called them for), newest first. No state, no DOM.
 */
import {
  BOOKED_CALL_GRACE_MINUTES,
  isoToZoned,
  type MyBooking,
  type MyInterview,
} from "@crossfair/shared";
import type { MyQueueView } from "../queue/queue.view.js";

const GRACE_MS = BOOKED_CALL_GRACE_MINUTES * 60_000;

/**
 * What happens next with a booked slot: `booked` (it will be called at its
 * time), `due` (its time has come, the call is on its way), `calling` (the
 * stand is calling the candidate now).
 */
export type SlotPhase = "booked" | "due" | "calling";

export interface AgendaSlot {
  booking: MyBooking;
  phase: SlotPhase;
  /** The candidate may still cancel it (before the stand's cut-off). */
  cancellable: boolean;
}

export interface AgendaDay {
  /** "YYYY-MM-DD" on the fair's clocks. */
  date: string;
  /** The fair's time zone of the day's slots. */
  timeZone: string;
  today: boolean;
  slots: AgendaSlot[];
}

export type PastItem =
  | { kind: "interview"; id: string; at: string; interview: MyInterview }
  | { kind: "missed" | "notHeld"; id: string; at: string; booking: MyBooking };

export interface AgendaInput {
  bookings: readonly MyBooking[];
  interviews: readonly MyInterview[];
  queues: readonly MyQueueView[];
  /** The stand whose call rings now, if any. */
  callingStandId: string | null;
  now: number;
}

export interface AgendaView {
  days: AgendaDay[];
  queues: MyQueueView[];
  past: PastItem[];
  /** Nothing ahead, no queue and nothing behind. */
  empty: boolean;
}

/** The call of a booked slot rings a little before its start at the latest. */
const EARLY_CALL_MS = 60_000;

function phaseOf(booking: MyBooking, callingStandId: string | null, now: number): SlotPhase {
  const startsAt = Date.parse(booking.startsAt);
  if (booking.status === "called") return "calling";
  if (callingStandId === booking.standId && now >= startsAt - EARLY_CALL_MS) return "calling";
  return now >= startsAt ? "due" : "booked";
}

/** Still ahead: called now, or booked and not past its call's grace. */
function isAhead(booking: MyBooking, now: number): boolean {
  if (booking.status === "called") return true;
  return booking.status === "booked" && now < Date.parse(booking.startsAt) + GRACE_MS;
}

const byStart = (a: MyBooking, b: MyBooking) =>
  Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.id.localeCompare(b.id);

export function agendaView(input: AgendaInput): AgendaView {
  const { now, callingStandId } = input;
  const ahead = input.bookings.filter((booking) => isAhead(booking, now)).sort(byStart);
  const days: AgendaDay[] = [];
  for (const booking of ahead) {
    const date = isoToZoned(booking.startsAt, booking.timeZone).slice(0, 10);
    const slot: AgendaSlot = {
      booking,
      phase: phaseOf(booking, callingStandId, now),
      cancellable: booking.status === "booked" && now <= Date.parse(booking.cancellableUntil),
    };
    const last = days.at(-1);
    if (last && last.date === date && last.timeZone === booking.timeZone) last.slots.push(slot);
    else {
      const today = isoToZoned(new Date(now).toISOString(), booking.timeZone).slice(0, 10);
      days.push({ date, timeZone: booking.timeZone, today: date === today, slots: [slot] });
    }
  }

  // A booked slot's call makes a place of its own at the stand: the slot above shows it.
  const callingStands = new Set(
    days.flatMap((day) =>
      day.slots.filter((slot) => slot.phase === "calling").map((slot) => slot.booking.standId),
    ),
  );
  const queues = input.queues.filter(
    (entry) =>
      !(callingStands.has(entry.standId) && (entry.state === "called" || entry.ticket < 0)),
  );

  const past: PastItem[] = [
    ...input.interviews.map((interview) => ({
      kind: "interview" as const,
      id: interview.id,
      at: interview.startedAt,
      interview,
    })),
    ...input.bookings
      .filter(
        (booking) =>
          booking.status === "no_show" || (booking.status === "booked" && !isAhead(booking, now)),
      )
      .map((booking) => ({
        kind: booking.status === "no_show" ? ("missed" as const) : ("notHeld" as const),
        id: booking.id,
        at: booking.startsAt,
        booking,
      })),
  ].sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || a.id.localeCompare(b.id));

  return {
    days,
    queues,
    past,
    empty: days.length === 0 && queues.length === 0 && past.length === 0,
  };
}

/** "10:30" on the fair's clocks. */
export function clockTime(iso: string, timeZone: string): string {
  return isoToZoned(iso, timeZone).slice(11, 16);
}
