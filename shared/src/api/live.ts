/**
 * The fair admins' live dashboard (`GET /api/admin/fairs/:slug/live`): a
 * snapshot of the live queues and interviews, read from the shared queue
 * store (so every server process gives the same answer) and the interviews
 * in progress. The client polls it every few seconds.
 */
import { z } from "zod";

export const LIVE_POLL_INTERVAL_MS = 3_000;

export const liveStandSchema = z.object({
  standId: z.uuid(),
  organisationName: z.string(),
  open: z.boolean(),
  /** Entries waiting for their turn (frozen ones included: they keep their place). */
  waiting: z.number().int().min(0),
  /** Entries called and not yet answered. */
  called: z.number().int().min(0),
  /** Interviews in progress at this stand. */
  inInterview: z.number().int().min(0),
  /** Recruiters with the console open, not paused, seen recently. */
  activeRecruiters: z.number().int().min(0),
  /** What a candidate joining now would be told; null while no recruiter takes candidates. */
  waitEstimateMs: z.number().int().min(0).nullable(),
});
export type LiveStand = z.infer<typeof liveStandSchema>;

export const liveFairSnapshotSchema = z.object({
  at: z.iso.datetime({ offset: true }),
  /** Candidates with the fair open in a browser right now (heartbeats across all processes). */
  connectedCandidates: z.number().int().min(0),
  /** Distinct candidates waiting in at least one of this fair's queues. */
  candidatesWaiting: z.number().int().min(0),
  interviewsInProgress: z.number().int().min(0),
  /** Approved stands, by organisation name. */
  stands: z.array(liveStandSchema),
});
export type LiveFairSnapshot = z.infer<typeof liveFairSnapshotSchema>;
