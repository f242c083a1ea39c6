/**
 * Staff's invitation to book a slot: stand staff ask a candidate who applied
 * to, or queued at, their stand to book an interview on the stand's page; the
 * candidate gets a mail in their language with the message, if any.
 */
import { z } from "zod";
import { defineRoute } from "./contract.js";

export const BOOKING_INVITATION_MESSAGE_MAX_LENGTH = 1_000;
/** Staff invite one candidate to one stand at most once in this many hours (one mail). */
export const BOOKING_INVITATION_REPEAT_HOURS = 12;

/** `POST /api/stands/:standId/booking-invitations` */
export const bookingInvitationBodySchema = z.object({
  candidateId: z.uuid(),
  message: z
    .string()
    .trim()
    .max(BOOKING_INVITATION_MESSAGE_MAX_LENGTH)
    .refine((value) => !value.includes("\u0000"), "no NUL characters")
    .default(""),
});
export type BookingInvitationBody = z.input<typeof bookingInvitationBodySchema>;

export const bookingInvitationSchema = z.object({
  id: z.uuid(),
  standId: z.uuid(),
  candidateId: z.uuid(),
  invitedAt: z.iso.datetime({ offset: true }),
  message: z.string(),
});
export type BookingInvitation = z.infer<typeof bookingInvitationSchema>;

export const BOOKING_INVITATION_API = {
  invite: defineRoute({
    method: "POST",
    path: "/api/stands/:standId/booking-invitations",
    params: z.object({ standId: z.uuid() }),
    body: bookingInvitationBodySchema,
    answer: bookingInvitationSchema,
    status: 201,
    summary:
      "Stand staff invite a candidate who applied or queued here to book a slot (mails them).",
  }),
} as const;
