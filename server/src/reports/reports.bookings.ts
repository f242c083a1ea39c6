/**
 * The report's figures on booked slots beside the walk-in queue: booked
 * versus walk-in interviews, the no-show rate of each, and what became of
 * the slots. Each is one aggregate query grouped by stand (plain SQL
 * `count(*) filter (...)`, the same on PostgreSQL and PGlite); the fair's
 * figures are the stands' added up. The definitions are on the shared
 * schema (`slotUseSchema`, `fairReportSchema.noShowRates`) and in the page's
 * help text; this module is where they are counted:
 *
 * - An interview is booked when a slot booking holds its id; otherwise walk-in.
 * - Booked no-show rate: bookings whose slot has started; no-shows are
 *   `no_show`, and `called` once the grace from slot time has run out (the
 *   candidate did not answer; its record may still be on its way); out of
 *   those plus `attended`. `booked` (never called) and `cancelled` are left out.
 * - Walk-in no-show rate: `decline` and `no_show` queue events without a
 *   `bookingId`, out of `call` events without one.
 * - Slot use: slots not withdrawn. Past (ended): held = live booking
 *   attended; missed = live booking no_show, or still booked/called;
 *   empty = no live booking. Not yet ended: booked / free.
 */
import { and, eq, exists, gt, inArray, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import { BOOKED_CALL_GRACE_MINUTES, type NoShowRate, type SlotUse } from "@crossfair/shared";
import { interviewSlots, slotBookings } from "../availability/availability.schema.js";
import { interviews } from "../interview/interview.schema.js";
import type { Database } from "../plugins/db.js";
import { queueEvents } from "../queue/queue.schema.js";

export interface NoShowRates {
  booked: NoShowRate;
  walkIn: NoShowRate;
}

export interface StandBookingFigures {
  bookedInterviews: number;
  walkInInterviews: number;
  noShowRates: NoShowRates;
  slots: SlotUse;
}

export interface BookingFigures {
  stands: Map<string, StandBookingFigures>;
  noShowRates: NoShowRates;
  slots: SlotUse;
}

const EMPTY_SLOTS: SlotUse = { held: 0, missed: 0, empty: 0, upcomingBooked: 0, upcomingFree: 0 };

export function noShowRate(noShows: number, outOf: number): NoShowRate {
  return { noShows, outOf, rate: outOf === 0 ? null : Math.min(1, noShows / outOf) };
}

const NO_RATES: NoShowRates = { booked: noShowRate(0, 0), walkIn: noShowRate(0, 0) };

/** A stand without interviews or slots. */
export const NO_BOOKING_FIGURES: StandBookingFigures = {
  bookedInterviews: 0,
  walkInInterviews: 0,
  noShowRates: NO_RATES,
  slots: EMPTY_SLOTS,
};

/** `count(*) filter (where …)` as a number (PostgreSQL counts in bigint, which drivers give as text). */
const countWhere = (condition: SQL | undefined) =>
  sql<number>`count(*) filter (where ${condition ?? sql`true`})`.mapWith(Number);

/** Two stands' (or the fair's and a stand's) rates as one: their counts added, the rate again. */
export function addRates(a: NoShowRates, b: NoShowRates): NoShowRates {
  const add = (x: NoShowRate, y: NoShowRate) =>
    noShowRate(x.noShows + y.noShows, x.outOf + y.outOf);
  return { booked: add(a.booked, b.booked), walkIn: add(a.walkIn, b.walkIn) };
}

export function addSlots(a: SlotUse, b: SlotUse): SlotUse {
  return {
    held: a.held + b.held,
    missed: a.missed + b.missed,
    empty: a.empty + b.empty,
    upcomingBooked: a.upcomingBooked + b.upcomingBooked,
    upcomingFree: a.upcomingFree + b.upcomingFree,
  };
}

export async function bookingFigures(
  db: Database,
  fairId: string,
  standIds: string[],
  now: Date,
): Promise<BookingFigures> {
  if (standIds.length === 0) {
    return { stands: new Map(), noShowRates: NO_RATES, slots: EMPTY_SLOTS };
  }
  const graceOver = new Date(now.getTime() - BOOKED_CALL_GRACE_MINUTES * 60_000);
  const ended = lte(interviewSlots.endsAt, now);
  const live = sql`${slotBookings.id} is not null`;
  const calledPastGrace = and(
    eq(slotBookings.status, "called"),
    lte(interviewSlots.startsAt, graceOver),
  );
  const bookedNoShow = or(eq(slotBookings.status, "no_show"), calledPastGrace);
  const withoutBooking = sql`(${queueEvents.data} ->> 'bookingId') is null`;

  const [interviewRows, slotRows, bookedRows, walkInRows] = await Promise.all([
    db
      .select({
        standId: interviews.standId,
        all: countWhere(undefined),
        booked: countWhere(
          exists(
            db
              .select({ one: sql`1` })
              .from(slotBookings)
              .where(eq(slotBookings.interviewId, interviews.id)),
          ),
        ),
      })
      .from(interviews)
      .where(inArray(interviews.standId, standIds))
      .groupBy(interviews.standId),
    // A slot has at most one live booking (slot_bookings_one_live_idx): one row per slot.
    db
      .select({
        standId: interviewSlots.standId,
        held: countWhere(and(ended, eq(slotBookings.status, "attended"))),
        missed: countWhere(
          and(ended, inArray(slotBookings.status, ["no_show", "booked", "called"])),
        ),
        empty: countWhere(and(ended, isNull(slotBookings.id))),
        upcomingBooked: countWhere(and(gt(interviewSlots.endsAt, now), live)),
        upcomingFree: countWhere(and(gt(interviewSlots.endsAt, now), isNull(slotBookings.id))),
      })
      .from(interviewSlots)
      .leftJoin(
        slotBookings,
        and(eq(slotBookings.slotId, interviewSlots.id), sql`${slotBookings.status} <> 'cancelled'`),
      )
      .where(and(inArray(interviewSlots.standId, standIds), isNull(interviewSlots.withdrawnAt)))
      .groupBy(interviewSlots.standId),
    db
      .select({
        standId: slotBookings.standId,
        noShows: countWhere(bookedNoShow),
        outOf: countWhere(or(eq(slotBookings.status, "attended"), bookedNoShow)),
      })
      .from(slotBookings)
      .innerJoin(interviewSlots, eq(interviewSlots.id, slotBookings.slotId))
      .where(and(inArray(slotBookings.standId, standIds), lte(interviewSlots.startsAt, now)))
      .groupBy(slotBookings.standId),
    db
      .select({
        standId: queueEvents.standId,
        calls: countWhere(eq(queueEvents.type, "call")),
        missed: countWhere(inArray(queueEvents.type, ["decline", "no_show"])),
      })
      .from(queueEvents)
      .where(
        and(
          eq(queueEvents.fairId, fairId),
          inArray(queueEvents.standId, standIds),
          inArray(queueEvents.type, ["call", "decline", "no_show"]),
          withoutBooking,
        ),
      )
      .groupBy(queueEvents.standId),
  ]);

  const stands = new Map<string, StandBookingFigures>();
  const standOf = (standId: string) => {
    const known = stands.get(standId);
    if (known) return known;
    const fresh = { ...NO_BOOKING_FIGURES };
    stands.set(standId, fresh);
    return fresh;
  };
  for (const row of interviewRows) {
    Object.assign(standOf(row.standId), {
      bookedInterviews: row.booked,
      walkInInterviews: row.all - row.booked,
    });
  }
  for (const { standId, ...slots } of slotRows) standOf(standId).slots = slots;
  for (const row of bookedRows) {
    const stand = standOf(row.standId);
    stand.noShowRates = { ...stand.noShowRates, booked: noShowRate(row.noShows, row.outOf) };
  }
  for (const row of walkInRows) {
    const stand = standOf(row.standId);
    stand.noShowRates = { ...stand.noShowRates, walkIn: noShowRate(row.missed, row.calls) };
  }

  const all = [...stands.values()];
  return {
    stands,
    noShowRates: all.reduce((sum, stand) => addRates(sum, stand.noShowRates), NO_RATES),
    slots: all.reduce((sum, stand) => addSlots(sum, stand.slots), EMPTY_SLOTS),
  };
}
