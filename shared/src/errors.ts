/**
 * Error codes shared by HTTP answers and socket acknowledgements.
 * Every failure the server reports carries one of these codes, so the client
 * can translate it and tests can assert it.
 */
import { z } from "zod";

export const ErrorCode = {
  validationFailed: "validation_failed",
  malformedBody: "malformed_body",
  payloadTooLarge: "payload_too_large",
  unsupportedMediaType: "unsupported_media_type",
  notFound: "not_found",
  unauthenticated: "unauthenticated",
  forbidden: "forbidden",
  invalidCredentials: "invalid_credentials",
  /** The account is suspended by the organiser: it cannot sign in until reinstated. */
  accountSuspended: "account_suspended",
  /** The password is right but the email is not confirmed yet: follow the mailed link, or ask for it again. */
  emailUnverified: "email_unverified",
  /** A fair admin may not suspend their own account. */
  ownAccount: "own_account",
  /** An emailed link's token is unknown, used already or expired. */
  invalidToken: "invalid_token",
  rateLimited: "rate_limited",
  /** One connection already watches as many stands or halls as it may; unwatch one first. */
  watchLimit: "watch_limit",
  conflict: "conflict",
  standClosed: "stand_closed",
  queueCapReached: "queue_cap_reached",
  notInQueue: "not_in_queue",
  notCalled: "not_called",
  /** A recruiter already has an open call or interview; one at a time. */
  recruiterBusy: "recruiter_busy",
  screeningIncomplete: "screening_incomplete",
  originalLanguage: "original_language",
  invalidTransition: "invalid_transition",
  registrationClosed: "registration_closed",
  registrationRequired: "registration_required",
  vacancyClosed: "vacancy_closed",
  /** Staff may invite to book only a candidate who applied to, or queued at, their stand. */
  notApplicant: "not_applicant",
  /** The candidate was invited to book at this stand a short while ago; one mail is enough. */
  alreadyInvited: "already_invited",
  /** A slot (published or booked) falls outside the fair's opening hours. */
  outsideOpeningHours: "outside_opening_hours",
  /** A new slot overlaps the recruiter's (or, for a stand slot, the stand's) live slot. */
  slotOverlap: "slot_overlap",
  /** The candidate already holds as many live bookings at the stand as it allows. */
  bookingLimit: "booking_limit",
  /** Someone else booked the slot first. */
  slotTaken: "slot_taken",
  /** Too close to the slot to cancel it (the stand's cut-off). */
  cancelCutoffPassed: "cancel_cutoff_passed",
  /** The slot has started or is over: it cannot be published, booked or withdrawn. */
  slotInPast: "slot_in_past",
  /** The recruiter named for a slot is not on the stand's staff. */
  notStandStaff: "not_stand_staff",
  /** Staff withdrew the slot. */
  slotWithdrawn: "slot_withdrawn",
  /** The recruiter's booked slot starts before a walk-in called now would be done. */
  slotDue: "slot_due",
  /** The group session holds as many people as its capacity allows. */
  webinarFull: "webinar_full",
  /** The group session is over or was cancelled. */
  webinarEnded: "webinar_ended",
  /** The group session has not started yet: only its speakers may go live. */
  webinarNotLive: "webinar_not_live",
  /** A moderator stopped this viewer from asking and chatting in the session. */
  askingBlocked: "asking_blocked",
  /** Only the session's speakers, or a viewer a speaker promoted, may send media. */
  notSpeaker: "not_speaker",
  /** The stage holds its most speakers and promoted viewers already. */
  stageFull: "stage_full",
  unavailable: "unavailable",
  internal: "internal",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const errorCodeValues = Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]];
export const errorCodeSchema = z.enum(errorCodeValues);

/** The one error shape of every HTTP error answer: `{ error: { code, message, field? } }`. */
export const apiErrorSchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    field: z.string().optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
