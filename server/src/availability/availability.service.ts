/**
 * Interview slots: staff publish them (a range on one fair day, inside its
 * opening hours, cut into slots; per recruiter or for the whole stand), list
 * them with who booked, and withdraw them (cancelling the live booking). It
 * also answers who is free when: candidates' free slots, and for call-next
 * the booked slot a recruiter has due (`bookedSlotDue`).
 *
 * A recruiter's slots may not overlap, nor may the stand's own ones; the
 * check and the insert run under one advisory lock per recruiter (or stand),
 * so two publishes racing cannot both pass. The clock is injected.
 */
import { and, asc, eq, gt, gte, inArray, isNull, lt, ne, or, sql } from "drizzle-orm";
import {
  ErrorCode,
  type BookableSlots,
  type BookingStatus,
  type PublishSlotsBody,
  type StaffSlot,
  type StandSlots,
  type StandStaffRole,
} from "@crossfair/shared";
import type { DomainEvents } from "../events/domain-events.js";
import type { Database } from "../plugins/db.js";
import { AppError } from "../plugins/errors.js";
import {
  LIVE_STATUSES,
  cutIntoSlots,
  fairInstant,
  insideOpeningHours,
  openingWindow,
  overlaps,
  requireFuture,
  type Clock,
} from "./availability.rules.js";
import { interviewSlots, slotBookings } from "./availability.schema.js";
import {
  isStandStaff,
  staffSlots,
  standCalendar,
  type ConnectedAmong,
  type SlotsMoment,
} from "./availability.views.js";

/** Who acts on a stand's slots: the user, their stand role, and whether they run the fair. */
export interface SlotActor {
  userId: string;
  /** null: a fair admin who is not on the stand's staff. */
  standRole: StandStaffRole | null;
}

/** A booked slot due for a recruiter (or for the stand), as call-next needs it. */
export interface DueBooking {
  bookingId: string;
  slotId: string;
  standId: string;
  candidateId: string;
  /** null: a slot of the whole stand. */
  recruiterId: string | null;
  status: BookingStatus;
  startsAt: Date;
  endsAt: Date;
}

export interface AvailabilityDeps {
  db: Database;
  events: Pick<DomainEvents, "emit">;
  now: Clock;
  /**
   * Who is connected now, read from the queue's presence; until the queue
   * module hands it over (`seePresence`), nobody is.
   */
  connectedAmong?: ConnectedAmong;
}

const nobody: ConnectedAmong = async () => new Set();

const isAdmin = (actor: SlotActor) => actor.standRole !== "recruiter";

export class AvailabilityService {
  #connectedAmong: ConnectedAmong;

  constructor(private readonly deps: AvailabilityDeps) {
    this.#connectedAmong = deps.connectedAmong ?? nobody;
  }

  /** The queue started: from now on the staff's slots tell who is connected. */
  seePresence(connectedAmong: ConnectedAmong): void {
    this.#connectedAmong = connectedAmong;
  }

  #moment(): SlotsMoment {
    return { now: this.deps.now(), connectedAmong: this.#connectedAmong };
  }

  /** Cuts the body's range into slots and stores them; answers the new slots. */
  async publish(actor: SlotActor, standId: string, body: PublishSlotsBody): Promise<StaffSlot[]> {
    const { db, now } = this.deps;
    const recruiterId = body.recruiterId;
    // A recruiter publishes their own slots; the stand's (and a colleague's) are for its admins.
    if (!isAdmin(actor) && recruiterId !== actor.userId) {
      throw new AppError(ErrorCode.forbidden, "only the stand admin publishes for others");
    }
    const calendar = await standCalendar(db, standId);
    if (recruiterId && !(await isStandStaff(db, standId, recruiterId))) {
      throw new AppError(ErrorCode.notStandStaff, "not on this stand's staff", "recruiterId");
    }
    const window = openingWindow(calendar.openingHours, body.date, calendar.timeZone);
    const range = {
      startsAt: fairInstant(body.date, body.from, calendar.timeZone),
      endsAt: fairInstant(body.date, body.to, calendar.timeZone),
    };
    if (range.startsAt < window.startsAt || range.endsAt > window.endsAt) {
      throw new AppError(ErrorCode.outsideOpeningHours, "outside the day's opening hours", "from");
    }
    const slots = cutIntoSlots(range, body.lengthMinutes, body.breakMinutes ?? 0);
    requireFuture(slots[0]!.startsAt, now(), "a slot would start in the past");

    const ids = await db.transaction(async (tx) => {
      const holder = recruiterId
        ? sql`hashtext('slots:recruiter'), hashtext(${recruiterId})`
        : sql`hashtext('slots:stand'), hashtext(${standId})`;
      await tx.execute(sql`select pg_advisory_xact_lock(${holder})`);
      const existing = await tx
        .select({ startsAt: interviewSlots.startsAt, endsAt: interviewSlots.endsAt })
        .from(interviewSlots)
        .where(
          and(
            isNull(interviewSlots.withdrawnAt),
            recruiterId
              ? eq(interviewSlots.recruiterId, recruiterId)
              : and(eq(interviewSlots.standId, standId), isNull(interviewSlots.recruiterId)),
            lt(interviewSlots.startsAt, range.endsAt),
            gt(interviewSlots.endsAt, range.startsAt),
          ),
        );
      if (existing.some((old) => slots.some((slot) => overlaps(old, slot)))) {
        throw new AppError(
          ErrorCode.slotOverlap,
          recruiterId ? "overlaps a slot the recruiter holds" : "overlaps a slot of the stand",
          "from",
        );
      }
      const rows = await tx
        .insert(interviewSlots)
        .values(slots.map((slot) => ({ ...slot, standId, recruiterId, createdBy: actor.userId })))
        .returning({ id: interviewSlots.id });
      return rows.map((row) => row.id);
    });
    return staffSlots(db, standId, this.#moment(), ids);
  }

  /** The stand's live slots with their bookings, for its staff: who is present, who is late. */
  async standSlots(standId: string): Promise<StandSlots> {
    const calendar = await standCalendar(this.deps.db, standId);
    const slots = await staffSlots(this.deps.db, standId, this.#moment());
    return { timeZone: calendar.timeZone, slots };
  }

  /**
   * Takes a slot back; a booking still waiting for it is cancelled
   * (`booking.cancelled` by `slot_withdrawn`). A recruiter withdraws only
   * their own slots.
   */
  async withdraw(actor: SlotActor, standId: string, slotId: string): Promise<void> {
    const { db, now } = this.deps;
    const calendar = await standCalendar(db, standId);
    const at = now();
    const { slot, cancelled } = await db.transaction(async (tx) => {
      const [slot] = await tx
        .select()
        .from(interviewSlots)
        .where(and(eq(interviewSlots.id, slotId), eq(interviewSlots.standId, standId)))
        .for("update");
      if (!slot) throw new AppError(ErrorCode.notFound, "no such slot");
      if (!isAdmin(actor) && slot.recruiterId !== actor.userId) {
        throw new AppError(ErrorCode.forbidden, "only the stand admin withdraws others' slots");
      }
      if (slot.withdrawnAt) throw new AppError(ErrorCode.slotWithdrawn, "withdrawn already");
      requireFuture(slot.startsAt, at);
      await tx.update(interviewSlots).set({ withdrawnAt: at }).where(eq(interviewSlots.id, slotId));
      const cancelled = await tx
        .update(slotBookings)
        .set({ status: "cancelled", cancelledAt: at, cancelledBy: actor.userId })
        .where(and(eq(slotBookings.slotId, slotId), eq(slotBookings.status, "booked")))
        .returning({ id: slotBookings.id, candidateId: slotBookings.candidateId });
      return { slot, cancelled };
    });
    for (const booking of cancelled) {
      await this.deps.events.emit("booking.cancelled", {
        bookingId: booking.id,
        slotId,
        standId,
        fairId: calendar.fairId,
        candidateId: booking.candidateId,
        startsAt: slot.startsAt.toISOString(),
        endsAt: slot.endsAt.toISOString(),
        by: "slot_withdrawn",
      });
    }
  }

  /**
   * A recruiter left the stand's staff: their slots there that have not
   * started are withdrawn, and the bookings on them cancelled (told as
   * `booking.cancelled` by `slot_withdrawn`, like any withdrawal).
   */
  async recruiterLeft(standId: string, recruiterId: string): Promise<void> {
    const rows = await this.deps.db
      .select({ id: interviewSlots.id })
      .from(interviewSlots)
      .where(
        and(
          eq(interviewSlots.standId, standId),
          eq(interviewSlots.recruiterId, recruiterId),
          isNull(interviewSlots.withdrawnAt),
          gt(interviewSlots.startsAt, this.deps.now()),
        ),
      );
    const actor: SlotActor = { userId: recruiterId, standRole: "stand_admin" };
    for (const { id } of rows) {
      try {
        await this.withdraw(actor, standId, id);
      } catch (error) {
        // Withdrawn meanwhile, or started: nothing left to do for that slot.
        if (!(error instanceof AppError)) throw error;
      }
    }
  }

  /** An approved stand's free slots that have not started, inside the fair's opening hours. */
  async bookableSlots(standId: string): Promise<BookableSlots> {
    const { db, now } = this.deps;
    const calendar = await standCalendar(db, standId);
    if (!calendar.approved) throw new AppError(ErrorCode.notFound, "no such stand");
    const rows = await db
      .select({
        id: interviewSlots.id,
        startsAt: interviewSlots.startsAt,
        endsAt: interviewSlots.endsAt,
      })
      .from(interviewSlots)
      .leftJoin(
        slotBookings,
        and(eq(slotBookings.slotId, interviewSlots.id), ne(slotBookings.status, "cancelled")),
      )
      .where(
        and(
          eq(interviewSlots.standId, standId),
          isNull(interviewSlots.withdrawnAt),
          gt(interviewSlots.startsAt, now()),
          isNull(slotBookings.id),
        ),
      )
      .orderBy(asc(interviewSlots.startsAt), asc(interviewSlots.id));
    return {
      timeZone: calendar.timeZone,
      bookingsPerCandidate: calendar.bookingsPerCandidate,
      bookingCutoffMinutes: calendar.bookingCutoffMinutes,
      slots: rows
        .filter((slot) => insideOpeningHours(slot, calendar.openingHours, calendar.timeZone))
        .map((slot) => ({
          id: slot.id,
          startsAt: slot.startsAt.toISOString(),
          endsAt: slot.endsAt.toISOString(),
        })),
    };
  }

  /**
   * For call-next: the first live booking (booked or called) of a slot at the
   * stand held by the recruiter or by the whole stand, starting in
   * [from, to); null when there is none.
   */
  async bookedSlotDue(
    standId: string,
    recruiterId: string,
    from: Date,
    to: Date,
  ): Promise<DueBooking | null> {
    const [row] = await this.deps.db
      .select({
        bookingId: slotBookings.id,
        slotId: interviewSlots.id,
        standId: interviewSlots.standId,
        candidateId: slotBookings.candidateId,
        recruiterId: interviewSlots.recruiterId,
        status: slotBookings.status,
        startsAt: interviewSlots.startsAt,
        endsAt: interviewSlots.endsAt,
      })
      .from(slotBookings)
      .innerJoin(interviewSlots, eq(interviewSlots.id, slotBookings.slotId))
      .where(
        and(
          eq(interviewSlots.standId, standId),
          isNull(interviewSlots.withdrawnAt),
          or(eq(interviewSlots.recruiterId, recruiterId), isNull(interviewSlots.recruiterId)),
          inArray(slotBookings.status, LIVE_STATUSES),
          gte(interviewSlots.startsAt, from),
          lt(interviewSlots.startsAt, to),
        ),
      )
      .orderBy(asc(interviewSlots.startsAt), asc(interviewSlots.id))
      .limit(1);
    return row ?? null;
  }
}
