/** The organisers' results of a fair: "122 job seekers, 130 vacancies, 10 hires". */
import { z } from "zod";
import { applicationStatusSchema } from "../domain/application.js";
import { standKindSchema } from "../domain/fair.js";

/**
 * What became of a stand's (or the fair's) interview slots, withdrawn slots
 * left out. A slot is past once its end has passed; the one running now is
 * still upcoming. "Live booking": one that is not cancelled (a slot has at
 * most one).
 */
export const slotUseSchema = z.object({
  /** Past slots whose booking was attended: the candidate answered the call. */
  held: z.number().int(),
  /** Past slots whose booking was a no-show, or is still booked or called after the slot's end. */
  missed: z.number().int(),
  /** Past slots nobody booked (or whose bookings were all cancelled). */
  empty: z.number().int(),
  /** Slots not yet ended with a live booking. */
  upcomingBooked: z.number().int(),
  /** Slots not yet ended without one. */
  upcomingFree: z.number().int(),
});
export type SlotUse = z.infer<typeof slotUseSchema>;

/** `noShows` of `outOf`; `rate` is their ratio (0 to 1), null when `outOf` is 0. */
export const noShowRateSchema = z.object({
  noShows: z.number().int(),
  outOf: z.number().int(),
  rate: z.number().min(0).max(1).nullable(),
});
export type NoShowRate = z.infer<typeof noShowRateSchema>;

export const standReportSchema = z.object({
  standId: z.uuid(),
  organisationName: z.string(),
  kind: standKindSchema,
  openVacancies: z.number().int(),
  queueJoins: z.number().int(),
  interviews: z.number().int(),
  /** Of `interviews`: those a slot booking led to (a booking holds the interview's id); the rest are walk-ins. */
  bookedInterviews: z.number().int(),
  walkInInterviews: z.number().int(),
  /** Queue no-shows and declined calls, booked calls included. */
  noShows: z.number().int(),
  /** This stand's share of the fair's `noShowRates` (same definitions). */
  noShowRates: z.object({ booked: noShowRateSchema, walkIn: noShowRateSchema }),
  slots: slotUseSchema,
  /** Mean time from joining the queue to being called, null when nobody was called. */
  averageWaitMs: z.number().nullable(),
  /** Applications to this stand's vacancies, whatever their status. */
  applications: z.number().int(),
  /** Applications that ended in "hired". */
  hires: z.number().int(),
});
export type StandReport = z.infer<typeof standReportSchema>;

export const fairReportSchema = z.object({
  fairId: z.uuid(),
  slug: z.string(),
  generatedAt: z.iso.datetime({ offset: true }),
  totals: z.object({
    /** Candidate accounts on the platform (per-fair registration comes with the fair domain). */
    jobSeekersRegistered: z.number().int(),
    /** Candidates who joined at least one queue at this fair. */
    jobSeekersPresent: z.number().int(),
    stands: z.number().int(),
    vacancies: z.number().int(),
    openings: z.number().int(),
    queueJoins: z.number().int(),
    interviewsHeld: z.number().int(),
    interviewsBooked: z.number().int(),
    interviewsWalkIn: z.number().int(),
    noShows: z.number().int(),
    averageWaitMs: z.number().nullable(),
    applications: z.number().int(),
    hires: z.number().int(),
  }),
  /** Applications by their current status: every status, zeros included, in APPLICATION_STATUSES order. */
  applicationsByStatus: z.array(
    z.object({ status: applicationStatusSchema, count: z.number().int() }),
  ),
  /** Present job seekers by country and region of residence. */
  residence: z.array(
    z.object({ country: z.string(), region: z.string(), jobSeekers: z.number().int() }),
  ),
  stands: z.array(standReportSchema),
  /**
   * No-shows by how the candidate came.
   * - booked: of the bookings whose slot has started, those that ended in
   *   `no_show` or are still `called` after the grace
   *   (BOOKED_CALL_GRACE_MINUTES from slot time), over those plus the
   *   `attended` ones. Cancelled bookings, and bookings not yet called, do not count.
   * - walkIn: queue calls without a booking (queue events `call` whose data
   *   has no `bookingId`), over which the declined and unanswered ones
   *   (`decline` and `no_show` events without a `bookingId`).
   */
  noShowRates: z.object({ booked: noShowRateSchema, walkIn: noShowRateSchema }),
  /** The fair's slots: the stands' `slots` added up (as are the rates' counts above). */
  slots: slotUseSchema,
});
export type FairReport = z.infer<typeof fairReportSchema>;
