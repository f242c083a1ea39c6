/**
 * The wait estimate a candidate sees, derived from the stand-level update:
 * their position among the callable entries, how many recruiters are taking
 * candidates, and how long the stand's recent interviews lasted.
 */

/** Used until a stand has finished its first interview. */
export const DEFAULT_INTERVIEW_MS = 8 * 60_000;

/**
 * Candidates ahead are served by the active recruiters in parallel, so a
 * candidate at position p waits about floor((p - 1) / recruiters) interview
 * lengths, plus half an interview for the one in progress. With no recruiter
 * active there is no estimate (null).
 */
export function estimateWaitMs(
  position: number,
  activeRecruiters: number,
  averageInterviewMs: number,
): number | null {
  if (position < 1 || activeRecruiters < 1) return null;
  const interview = averageInterviewMs > 0 ? averageInterviewMs : DEFAULT_INTERVIEW_MS;
  const roundsAhead = Math.floor((position - 1) / activeRecruiters);
  return Math.round(roundsAhead * interview + interview / 2);
}

export function averageMs(durations: readonly number[]): number {
  if (durations.length === 0) return DEFAULT_INTERVIEW_MS;
  return Math.round(durations.reduce((sum, value) => sum + value, 0) / durations.length);
}
