/** The organisers' results of a fair: "122 job seekers, 130 vacancies, 10 hires". */
import { z } from "zod";
import { applicationStatusSchema } from "../domain/application.js";
import { standKindSchema } from "../domain/fair.js";

export const standReportSchema = z.object({
  standId: z.uuid(),
  organisationName: z.string(),
  kind: standKindSchema,
  openVacancies: z.number().int(),
  queueJoins: z.number().int(),
  interviews: z.number().int(),
  noShows: z.number().int(),
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
});
export type FairReport = z.infer<typeof fairReportSchema>;
