/**
 * Candidates' bookings of interview slots: booking one (approved for the
 * fair, inside opening hours, not started, within the stand's limit per
 * candidate), cancelling until the stand's cut-off (staff may cancel any
 * time before the slot), and the candidate's own list.
 *
 * Two guards hold under concurrency, on PostgreSQL and PGlite alike: the
 * partial unique index on a slot's live booking (a lost race answers
 * `slot_taken`), and an advisory lock per candidate and stand around the
 * count and the insert, so parallel bookings cannot pass the limit together.
 */
import { and, count, eq, inArray, sql } from "drizzle-orm";
import { ErrorCode, type BookingStatus, type MyBooking, type SessionUser } from "@crossfair/shared";
import type { DomainEvents } from "../events/domain-events.js";
import type { Database } from "../plugins/db.js";
import { AppError } from "../plugins/errors.js";
import {
  LIVE_STATUSES,
  cancellableUntil,
  insideOpeningHours,
  requireFuture,
  type Clock,
} from "./availability.rules.js";
import { interviewSlots, slotBookings } from "./availability.schema.js";
import { bookingsOf, isStandStaff, standCalendar } from "./availability.views.js";

/** The fair's registration gate (registration.gate.ts): `registration_required` unless admitted. */
export interface BookingGate {
  admit(fairId: string, candidateId: string, needsApproval: boolean): Promise<void>;
}

/** Records the candidate's consent to show the stand their profile (the candidate domain). */
export interface BookingConsents {
  give(candidateId: string, standId: string): Promise<unknown>;
}

export interface BookingDeps {
  db: Database;
  events: Pick<DomainEvents, "emit">;
  now: Clock;
  gate: BookingGate;
  consents: BookingConsents;
}

/** PostgreSQL's unique_violation, handed on directly or as a drizzle error's cause. */
function isUniqueViolation(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if ((current as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

export class BookingService {
  constructor(private readonly deps: BookingDeps) {}

  async book(user: SessionUser, slotId: string): Promise<MyBooking> {
    const { db, now } = this.deps;
    if (user.role !== "candidate") throw new AppError(ErrorCode.forbidden, "only candidates book");
    const [slot] = await db.select().from(interviewSlots).where(eq(interviewSlots.id, slotId));
    if (!slot) throw new AppError(ErrorCode.notFound, "no such slot");
    const calendar = await standCalendar(db, slot.standId);
    if (!calendar.approved) throw new AppError(ErrorCode.notFound, "no such slot");
    if (slot.withdrawnAt) throw new AppError(ErrorCode.slotWithdrawn, "the stand withdrew it");
    requireFuture(slot.startsAt, now());
    if (!insideOpeningHours(slot, calendar.openingHours, calendar.timeZone)) {
      throw new AppError(ErrorCode.outsideOpeningHours, "the fair is closed at that time");
    }
    await this.deps.gate.admit(calendar.fairId, user.id, calendar.needsApproval);

    let bookingId: string;
    try {
      bookingId = await db.transaction(async (tx) => {
        await tx.execute(
          sql`select pg_advisory_xact_lock(hashtext(${`booking:${slot.standId}`}), hashtext(${user.id}))`,
        );
        const live = await tx
          .select({ slotId: slotBookings.slotId })
          .from(slotBookings)
          .where(
            and(
              eq(slotBookings.standId, slot.standId),
              eq(slotBookings.candidateId, user.id),
              inArray(slotBookings.status, LIVE_STATUSES),
            ),
          );
        if (live.some((booking) => booking.slotId === slotId)) {
          throw new AppError(ErrorCode.bookingLimit, "you booked this slot already");
        }
        if (live.length >= calendar.bookingsPerCandidate) {
          throw new AppError(
            ErrorCode.bookingLimit,
            `this stand takes ${calendar.bookingsPerCandidate} booking(s) per candidate`,
          );
        }
        const [row] = await tx
          .insert(slotBookings)
          .values({ slotId, standId: slot.standId, candidateId: user.id, bookedAt: now() })
          .returning({ id: slotBookings.id });
        return row!.id;
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError(ErrorCode.slotTaken, "someone booked this slot first");
      }
      throw error;
    }
    await this.deps.consents.give(user.id, slot.standId);
    await this.deps.events.emit("booking.made", {
      bookingId,
      slotId,
      standId: slot.standId,
      fairId: calendar.fairId,
      candidateId: user.id,
      recruiterId: slot.recruiterId,
      startsAt: slot.startsAt.toISOString(),
      endsAt: slot.endsAt.toISOString(),
    });
    const [booking] = await bookingsOf(db, user.id, { bookingId });
    return booking!;
  }

  /**
   * Cancels a booking waiting for its slot: its candidate until the stand's
   * cut-off, or the stand's staff (and fair admins) until the slot starts.
   */
  async cancel(user: SessionUser, bookingId: string): Promise<void> {
    const { db, now } = this.deps;
    const [row] = await db
      .select({ booking: slotBookings, slot: interviewSlots })
      .from(slotBookings)
      .innerJoin(interviewSlots, eq(interviewSlots.id, slotBookings.slotId))
      .where(eq(slotBookings.id, bookingId));
    const own = row?.booking.candidateId === user.id;
    const staff =
      row !== undefined &&
      !own &&
      (user.role === "fair_admin" || (await isStandStaff(db, row.booking.standId, user.id)));
    // Another candidate's booking is not there for them.
    if (!row || (!own && !staff)) throw new AppError(ErrorCode.notFound, "no such booking");
    const { booking, slot } = row;
    if (booking.status !== "booked") {
      throw new AppError(ErrorCode.invalidTransition, `the booking is ${booking.status}`);
    }
    const at = now();
    requireFuture(slot.startsAt, at);
    const calendar = await standCalendar(db, booking.standId);
    if (own && at > cancellableUntil(slot.startsAt, calendar.bookingCutoffMinutes)) {
      throw new AppError(
        ErrorCode.cancelCutoffPassed,
        `cancel at least ${calendar.bookingCutoffMinutes} minutes before the slot`,
      );
    }
    const [cancelled] = await db
      .update(slotBookings)
      .set({ status: "cancelled", cancelledAt: at, cancelledBy: user.id })
      .where(and(eq(slotBookings.id, bookingId), eq(slotBookings.status, "booked")))
      .returning({ id: slotBookings.id });
    if (!cancelled)
      throw new AppError(ErrorCode.invalidTransition, "the booking changed meanwhile");
    await this.deps.events.emit("booking.cancelled", {
      bookingId,
      slotId: slot.id,
      standId: booking.standId,
      fairId: calendar.fairId,
      candidateId: booking.candidateId,
      startsAt: slot.startsAt.toISOString(),
      endsAt: slot.endsAt.toISOString(),
      by: own ? "candidate" : "staff",
    });
  }

  /**
   * The booking's life at slot time, for the call (each answers whether the
   * booking was in the state the step starts from, so a step runs once):
   * booked → called when its candidate is called; called → attended when they
   * accept (with the interview it became); booked or called → no_show when
   * the grace runs out.
   */
  markCalled(bookingId: string, at: Date = this.deps.now()): Promise<boolean> {
    return this.#move(bookingId, ["booked"], { status: "called", calledAt: at });
  }

  markAttended(bookingId: string, interviewId: string): Promise<boolean> {
    return this.#move(bookingId, ["called"], { status: "attended", interviewId });
  }

  markNoShow(bookingId: string): Promise<boolean> {
    return this.#move(bookingId, ["booked", "called"], { status: "no_show" });
  }

  async #move(
    bookingId: string,
    from: BookingStatus[],
    change: Partial<typeof slotBookings.$inferInsert>,
  ): Promise<boolean> {
    const rows = await this.deps.db
      .update(slotBookings)
      .set(change)
      .where(and(eq(slotBookings.id, bookingId), inArray(slotBookings.status, from)))
      .returning({ id: slotBookings.id });
    return rows.length > 0;
  }

  /** The candidate's bookings, of one fair or all, cancelled ones included. */
  mine(candidateId: string, fairId?: string): Promise<MyBooking[]> {
    return bookingsOf(this.deps.db, candidateId, { fairId });
  }

  /** How many live bookings the stand's slots hold (for reports and tests). */
  async liveCount(standId: string): Promise<number> {
    const [row] = await this.deps.db
      .select({ value: count() })
      .from(slotBookings)
      .where(and(eq(slotBookings.standId, standId), inArray(slotBookings.status, LIVE_STATUSES)));
    return row?.value ?? 0;
  }
}
