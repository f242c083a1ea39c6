/**
 * Applications of candidates to vacancies and the pipeline they move along,
 * and the outcome a recruiter records for an interview.
 */
import { z } from "zod";

export const APPLICATION_STATUSES = [
  "applied",
  "preselected",
  "interviewed",
  "second_round",
  "offer",
  "hired",
  "rejected",
  "withdrawn",
] as const;
export const applicationStatusSchema = z.enum(APPLICATION_STATUSES);
export type ApplicationStatus = z.infer<typeof applicationStatusSchema>;

/** The forward pipeline, in order; "rejected" and "withdrawn" end it from any open step. */
export const APPLICATION_PIPELINE = [
  "applied",
  "preselected",
  "interviewed",
  "second_round",
  "offer",
  "hired",
] as const satisfies readonly ApplicationStatus[];

const FINAL_STATUSES: readonly ApplicationStatus[] = ["hired", "rejected", "withdrawn"];

/**
 * Which moves stand staff may make: any step forward (skipping is allowed, a
 * recruiter may hire straight after an interview), one step back to correct a
 * mistake, or rejection while the application is open. Withdrawing is the
 * candidate's own move. Nothing leaves a final status.
 */
export function canStaffMoveApplication(from: ApplicationStatus, to: ApplicationStatus): boolean {
  if (from === to || FINAL_STATUSES.includes(from)) return false;
  if (to === "rejected") return true;
  if (to === "withdrawn") return false;
  const fromIndex = APPLICATION_PIPELINE.indexOf(from as (typeof APPLICATION_PIPELINE)[number]);
  const toIndex = APPLICATION_PIPELINE.indexOf(to as (typeof APPLICATION_PIPELINE)[number]);
  return toIndex > fromIndex || toIndex === fromIndex - 1;
}

/** Whether the candidate may still withdraw their application. */
export const canWithdrawApplication = (status: ApplicationStatus): boolean =>
  !FINAL_STATUSES.includes(status);

export const INTERVIEW_OUTCOMES = ["advance", "hold", "reject", "no_show"] as const;
export const interviewOutcomeSchema = z.enum(INTERVIEW_OUTCOMES);
export type InterviewOutcome = z.infer<typeof interviewOutcomeSchema>;

export const interviewRatingSchema = z.number().int().min(1).max(5);
