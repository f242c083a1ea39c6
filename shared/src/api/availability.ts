/**
 * Bodies and answers of the availability routes: staff publishing interview
 * slots (a time range on one fair day, cut into slots), the stand's slots with
 * who booked them, the free slots candidates may book, their bookings, and the
 * stand's booking settings.
 */
import { z } from "zod";
import { slotLengthSchema, bookingStatusSchema } from "../domain/availability.js";
import { sharedProfileSchema } from "../protocol/queue.js";

const timestampSchema = z.iso.datetime({ offset: true });
const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM");

/** The longest break staff may leave between two slots, in minutes. */
export const SLOT_BREAK_MAX_MINUTES = 60;
/** The most bookings one candidate may hold at one stand, whatever the stand allows. */
export const BOOKINGS_PER_CANDIDATE_MAX = 10;
/** The longest cancel cut-off a stand may set: a week, in minutes. */
export const BOOKING_CUTOFF_MAX_MINUTES = 7 * 24 * 60;

export const slotIdParamsSchema = z.object({ slotId: z.uuid() });
export const standSlotParamsSchema = z.object({ standId: z.uuid(), slotId: z.uuid() });
export const bookingIdParamsSchema = z.object({ bookingId: z.uuid() });

/**
 * `POST /api/stands/:standId/slots`: from `from` to `to` on `date` (the fair's
 * clocks, inside that day's opening hours), slots of `lengthMinutes` with
 * `breakMinutes` between them, held by `recruiterId` or by the stand (null).
 */
export const publishSlotsBodySchema = z
  .object({
    date: z.iso.date(),
    from: clockTimeSchema,
    to: clockTimeSchema,
    lengthMinutes: slotLengthSchema,
    breakMinutes: z.int().min(0).max(SLOT_BREAK_MAX_MINUTES).default(0),
    recruiterId: z.uuid().nullable(),
  })
  .refine((body) => body.from < body.to, { message: "ends after it starts", path: ["to"] });
export type PublishSlotsBody = z.input<typeof publishSlotsBodySchema>;

const personSchema = z.object({ id: z.uuid(), displayName: z.string() });

/** A slot as its stand's staff see it: who holds it and who booked it. */
export const staffSlotSchema = z.object({
  id: z.uuid(),
  startsAt: timestampSchema,
  endsAt: timestampSchema,
  /** null: a slot of the whole stand. */
  recruiter: personSchema.nullable(),
  /** The live booking; the profile only as far as the candidate shares it with the stand. */
  booking: z
    .object({
      id: z.uuid(),
      status: bookingStatusSchema,
      bookedAt: timestampSchema,
      candidate: z.object({ id: z.uuid(), profile: sharedProfileSchema.nullable() }),
      /** The candidate is connected to the fair now. */
      present: z.boolean(),
      /** The slot has started on the server's clock and the candidate has not come yet (booked or called). */
      late: z.boolean(),
    })
    .nullable(),
});
export type StaffSlot = z.infer<typeof staffSlotSchema>;

export const standSlotsSchema = z.object({
  /** The fair's time zone: the times to show. */
  timeZone: z.string(),
  slots: z.array(staffSlotSchema),
});
export type StandSlots = z.infer<typeof standSlotsSchema>;

export const publishedSlotsSchema = z.object({ slots: z.array(staffSlotSchema) });
export type PublishedSlots = z.infer<typeof publishedSlotsSchema>;

/** The stand's booking rules; `interviewMinutes` is also a walk-in interview's length. */
export const bookingSettingsSchema = z.object({
  interviewMinutes: slotLengthSchema,
  bookingsPerCandidate: z.int().min(1).max(BOOKINGS_PER_CANDIDATE_MAX),
  bookingCutoffMinutes: z.int().min(0).max(BOOKING_CUTOFF_MAX_MINUTES),
});
export type BookingSettings = z.infer<typeof bookingSettingsSchema>;

/** A stand's free future slots, for candidates, with the rules that apply. */
export const bookableSlotsSchema = z.object({
  timeZone: z.string(),
  bookingsPerCandidate: z.int(),
  bookingCutoffMinutes: z.int(),
  slots: z.array(z.object({ id: z.uuid(), startsAt: timestampSchema, endsAt: timestampSchema })),
});
export type BookableSlots = z.infer<typeof bookableSlotsSchema>;

/** `POST /api/slots/:slotId/booking`: the stand sees the profile of whom it will interview. */
export const bookSlotBodySchema = z.object({
  consentToShareProfile: z.literal(true, { error: "consent to share your profile is required" }),
});
export type BookSlotBody = z.infer<typeof bookSlotBodySchema>;

/** One of the candidate's bookings. */
export const myBookingSchema = z.object({
  id: z.uuid(),
  status: bookingStatusSchema,
  slotId: z.uuid(),
  standId: z.uuid(),
  standName: z.string(),
  fairId: z.uuid(),
  timeZone: z.string(),
  startsAt: timestampSchema,
  endsAt: timestampSchema,
  bookedAt: timestampSchema,
  /** Until when the candidate may cancel it. */
  cancellableUntil: timestampSchema,
  cancelledAt: timestampSchema.nullable(),
});
export type MyBooking = z.infer<typeof myBookingSchema>;

export const myBookingsQuerySchema = z.object({ fairId: z.uuid().optional() });
export const myBookingsSchema = z.object({ bookings: z.array(myBookingSchema) });
export type MyBookings = z.infer<typeof myBookingsSchema>;
