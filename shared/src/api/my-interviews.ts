/**
 * `GET /api/me/interviews`: a candidate's own ended interviews, for their
 * agenda. Only what the candidate lived through: the stand, the fair's time
 * zone, start and end. Never the staff's outcome, rating, notes or names.
 */
import { z } from "zod";

const timestampSchema = z.iso.datetime({ offset: true });

export const myInterviewsQuerySchema = z.object({ fairId: z.uuid().optional() });

export const myInterviewSchema = z.object({
  id: z.uuid(),
  standId: z.uuid(),
  standName: z.string(),
  fairId: z.uuid(),
  /** The fair's time zone: the times to show. */
  timeZone: z.string(),
  startedAt: timestampSchema,
  endedAt: timestampSchema,
});
export type MyInterview = z.infer<typeof myInterviewSchema>;

/** Newest first. */
export const myInterviewsSchema = z.object({ interviews: z.array(myInterviewSchema) });
export type MyInterviews = z.infer<typeof myInterviewsSchema>;
