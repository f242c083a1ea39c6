/**
 * What the availability domain reads: a stand with its fair's calendar and
 * booking rules, the staff of a stand, and slots in the shapes the routes
 * answer (staff see who booked only as far as the candidate shares their
 * profile with the stand: `consentedProfiles`, as the queue console does).
 */
import { and, asc, eq, inArray, isNull, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { ErrorCode, type MyBooking, type OpeningHours, type StaffSlot } from "@crossfair/shared";
import { users } from "../auth/auth.schema.js";
import { consentedProfiles } from "../candidate/shared-profile.js";
import { fairs } from "../fair/fair.schema.js";
import type { Database } from "../plugins/db.js";
import { AppError } from "../plugins/errors.js";
import { standStaff, stands } from "../stand/stand.schema.js";
import { cancellableUntil, isLate } from "./availability.rules.js";
import { interviewSlots, slotBookings } from "./availability.schema.js";

type Reader = Pick<Database, "select">;

export interface StandCalendar {
  standId: string;
  standName: string;
  approved: boolean;
  fairId: string;
  timeZone: string;
  openingHours: OpeningHours[];
  needsApproval: boolean;
  bookingsPerCandidate: number;
  bookingCutoffMinutes: number;
}

/** The stand, its fair's time zone and hours and its booking rules; `not_found` for no stand. */
export async function standCalendar(db: Reader, standId: string): Promise<StandCalendar> {
  const [row] = await db
    .select({
      standId: stands.id,
      standName: stands.organisationName,
      approvalStatus: stands.approvalStatus,
      fairId: fairs.id,
      timeZone: fairs.timeZone,
      openingHours: fairs.openingHours,
      needsApproval: fairs.registrationNeedsApproval,
      bookingsPerCandidate: stands.bookingsPerCandidate,
      bookingCutoffMinutes: stands.bookingCutoffMinutes,
    })
    .from(stands)
    .innerJoin(fairs, eq(fairs.id, stands.fairId))
    .where(eq(stands.id, standId))
    .limit(1);
  if (!row) throw new AppError(ErrorCode.notFound, "no such stand");
  const { approvalStatus, ...rest } = row;
  return { ...rest, approved: approvalStatus === "approved" };
}

/** Whether the user is on the stand's staff (any role). */
export async function isStandStaff(db: Reader, standId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: standStaff.userId })
    .from(standStaff)
    .where(and(eq(standStaff.standId, standId), eq(standStaff.userId, userId)))
    .limit(1);
  return row !== undefined;
}

const recruiters = alias(users, "slot_recruiter");

/** Which of these candidates are connected to the fair now (the queue's presence). */
export type ConnectedAmong = (candidateIds: readonly string[]) => Promise<Set<string>>;

/** The moment the slots are read at, and who is connected then. */
export interface SlotsMoment {
  now: Date;
  connectedAmong: ConnectedAmong;
}

/**
 * The stand's live (not withdrawn) slots, oldest first, or the given ones,
 * with their bookings: whether each booked candidate is present and late at
 * `moment`.
 */
export async function staffSlots(
  db: Reader,
  standId: string,
  moment: SlotsMoment,
  slotIds?: readonly string[],
): Promise<StaffSlot[]> {
  if (slotIds && slotIds.length === 0) return [];
  const rows = await db
    .select({
      slot: interviewSlots,
      recruiterName: recruiters.displayName,
      booking: {
        id: slotBookings.id,
        status: slotBookings.status,
        bookedAt: slotBookings.bookedAt,
        candidateId: slotBookings.candidateId,
      },
    })
    .from(interviewSlots)
    .leftJoin(recruiters, eq(recruiters.id, interviewSlots.recruiterId))
    .leftJoin(
      slotBookings,
      and(eq(slotBookings.slotId, interviewSlots.id), ne(slotBookings.status, "cancelled")),
    )
    .where(
      and(
        eq(interviewSlots.standId, standId),
        isNull(interviewSlots.withdrawnAt),
        slotIds ? inArray(interviewSlots.id, [...slotIds]) : undefined,
      ),
    )
    .orderBy(asc(interviewSlots.startsAt), asc(interviewSlots.id));
  const candidateIds = rows.flatMap((row) => (row.booking ? [row.booking.candidateId] : []));
  const [profiles, present] = await Promise.all([
    consentedProfiles(db, standId, candidateIds),
    candidateIds.length > 0 ? moment.connectedAmong(candidateIds) : new Set<string>(),
  ]);
  return rows.map(({ slot, recruiterName, booking }) => ({
    id: slot.id,
    startsAt: slot.startsAt.toISOString(),
    endsAt: slot.endsAt.toISOString(),
    recruiter:
      slot.recruiterId && recruiterName !== null
        ? { id: slot.recruiterId, displayName: recruiterName }
        : null,
    booking: booking
      ? {
          id: booking.id,
          status: booking.status,
          bookedAt: booking.bookedAt.toISOString(),
          candidate: {
            id: booking.candidateId,
            profile: profiles.get(booking.candidateId) ?? null,
          },
          present: present.has(booking.candidateId),
          late: isLate(slot.startsAt, booking.status, moment.now),
        }
      : null,
  }));
}

/** The candidate's bookings (of one fair, or all), by slot time; or the given one. */
export async function bookingsOf(
  db: Reader,
  candidateId: string,
  filter: { fairId?: string | undefined; bookingId?: string } = {},
): Promise<MyBooking[]> {
  const rows = await db
    .select({
      booking: slotBookings,
      startsAt: interviewSlots.startsAt,
      endsAt: interviewSlots.endsAt,
      standName: stands.organisationName,
      fairId: fairs.id,
      timeZone: fairs.timeZone,
      cutoffMinutes: stands.bookingCutoffMinutes,
    })
    .from(slotBookings)
    .innerJoin(interviewSlots, eq(interviewSlots.id, slotBookings.slotId))
    .innerJoin(stands, eq(stands.id, slotBookings.standId))
    .innerJoin(fairs, eq(fairs.id, stands.fairId))
    .where(
      and(
        eq(slotBookings.candidateId, candidateId),
        filter.fairId ? eq(fairs.id, filter.fairId) : undefined,
        filter.bookingId ? eq(slotBookings.id, filter.bookingId) : undefined,
      ),
    )
    .orderBy(asc(interviewSlots.startsAt), asc(slotBookings.bookedAt));
  return rows.map(({ booking, startsAt, endsAt, standName, fairId, timeZone, cutoffMinutes }) => ({
    id: booking.id,
    status: booking.status,
    slotId: booking.slotId,
    standId: booking.standId,
    standName,
    fairId,
    timeZone,
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
    bookedAt: booking.bookedAt.toISOString(),
    cancellableUntil: cancellableUntil(startsAt, cutoffMinutes).toISOString(),
    cancelledAt: booking.cancelledAt?.toISOString() ?? null,
  }));
}
