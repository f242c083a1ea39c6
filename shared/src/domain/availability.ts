/**
 * Interview slots and their bookings: the facts both the server and the
 * client name. A slot is bookable inside its fair's opening hours only; its
 * length is one of `SLOT_LENGTHS_MINUTES`.
 */
import { z } from "zod";

/** The lengths a slot (and a stand's interviews) may have, in minutes. */
export const SLOT_LENGTHS_MINUTES = [10, 15, 20, 30] as const;
export const slotLengthSchema = z.union(SLOT_LENGTHS_MINUTES.map((m) => z.literal(m)));
export type SlotLength = (typeof SLOT_LENGTHS_MINUTES)[number];

/**
 * A booking's life: `booked` until slot time, `called` while the candidate's
 * call rings (the walk-in dialog), then `attended` (accepted: an interview) or
 * `no_show` (the grace ran out). `cancelled` by the candidate or staff, or
 * with its slot.
 */
export const BOOKING_STATUSES = ["booked", "called", "attended", "no_show", "cancelled"] as const;
export const bookingStatusSchema = z.enum(BOOKING_STATUSES);
export type BookingStatus = z.infer<typeof bookingStatusSchema>;

/** Minutes a booked candidate has, from slot time, to answer before it counts as a no-show. */
export const BOOKED_CALL_GRACE_MINUTES = 5;
/** A stand's interview length until its staff choose another (the `interview_minutes` default). */
export const DEFAULT_INTERVIEW_MINUTES = 15;
/** A recruiter's interview warns both sides this long before its planned end. */
export const INTERVIEW_WARNING_MS = 2 * 60_000;
