/** Declarations of the availability routes: slots, bookings and a stand's booking settings. */
import { z } from "zod";
import {
  bookableSlotsSchema,
  bookSlotBodySchema,
  bookingIdParamsSchema,
  bookingSettingsSchema,
  myBookingSchema,
  myBookingsQuerySchema,
  myBookingsSchema,
  publishSlotsBodySchema,
  publishedSlotsSchema,
  slotIdParamsSchema,
  standSlotParamsSchema,
  standSlotsSchema,
} from "./availability.js";
import { defineRoute } from "./contract.js";

const standIdParams = z.object({ standId: z.uuid() });

export const AVAILABILITY_API = {
  publishSlots: defineRoute({
    method: "POST",
    path: "/api/stands/:standId/slots",
    params: standIdParams,
    body: publishSlotsBodySchema,
    answer: publishedSlotsSchema,
    status: 201,
    summary: "Staff cut a time range into interview slots",
  }),
  standSlots: defineRoute({
    method: "GET",
    path: "/api/stands/:standId/slots",
    params: standIdParams,
    answer: standSlotsSchema,
    summary: "A stand's live slots with their bookings, for its staff",
  }),
  withdrawSlot: defineRoute({
    method: "DELETE",
    path: "/api/stands/:standId/slots/:slotId",
    params: standSlotParamsSchema,
    answer: null,
    summary: "Staff withdraw a slot; its booking is cancelled",
  }),
  bookableSlots: defineRoute({
    method: "GET",
    path: "/api/stands/:standId/bookable-slots",
    params: standIdParams,
    answer: bookableSlotsSchema,
    summary: "A stand's free future slots",
  }),
  bookSlot: defineRoute({
    method: "POST",
    path: "/api/slots/:slotId/booking",
    params: slotIdParamsSchema,
    body: bookSlotBodySchema,
    answer: myBookingSchema,
    status: 201,
    summary: "A candidate books a slot",
  }),
  cancelBooking: defineRoute({
    method: "DELETE",
    path: "/api/bookings/:bookingId",
    params: bookingIdParamsSchema,
    answer: null,
    summary: "The candidate (until the cut-off) or the stand's staff cancel a booking",
  }),
  myBookings: defineRoute({
    method: "GET",
    path: "/api/me/bookings",
    query: myBookingsQuerySchema,
    answer: myBookingsSchema,
    summary: "The candidate's bookings, newest slot last",
  }),
  bookingSettings: defineRoute({
    method: "GET",
    path: "/api/stands/:standId/booking-settings",
    params: standIdParams,
    answer: bookingSettingsSchema,
  }),
  putBookingSettings: defineRoute({
    method: "PUT",
    path: "/api/stands/:standId/booking-settings",
    params: standIdParams,
    body: bookingSettingsSchema,
    answer: bookingSettingsSchema,
    summary: "The stand admin sets the interview length and booking rules",
  }),
} as const;
