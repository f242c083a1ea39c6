/**
 * Pure display rules for the candidate's applications: the pipeline steps an
 * application has passed, skipped, reached or not reached yet (for the
 * stepper), how it ended when it was rejected or withdrawn, and the order
 * the list is shown in.
 */
import {
  APPLICATION_PIPELINE,
  canWithdrawApplication,
  type ApplicationStatus,
  type MyApplication,
} from "@crossfair/shared";

export type PipelineStatus = (typeof APPLICATION_PIPELINE)[number];

export interface PipelineStep {
  status: PipelineStatus;
  /**
   * done: passed; skipped: the stand went past it without stopping; current:
   * where the application is; upcoming: still ahead; unreached: ahead, but the
   * application ended before it.
   */
  state: "done" | "skipped" | "current" | "upcoming" | "unreached";
  /** When the application reached this step (the last time, if it came back to it). */
  at: string | null;
}

export interface PipelineView {
  steps: PipelineStep[];
  /** Set when the application left the pipeline: rejected or withdrawn, and when. */
  ended: { status: "rejected" | "withdrawn"; at: string } | null;
  canWithdraw: boolean;
}

function isPipelineStatus(status: ApplicationStatus | null): status is PipelineStatus {
  return APPLICATION_PIPELINE.some((step) => step === status);
}

export function pipelineOf(application: MyApplication): PipelineView {
  const reachedAt = new Map<ApplicationStatus, string>();
  for (const step of application.history) reachedAt.set(step.to, step.at);

  const { status } = application;
  const ended = status === "rejected" || status === "withdrawn";
  // Where on the pipeline it stands, or stood when it ended.
  const lastStep = application.history.at(-1);
  const position: PipelineStatus = isPipelineStatus(status)
    ? status
    : isPipelineStatus(lastStep?.from ?? null)
      ? (lastStep?.from as PipelineStatus)
      : "applied";
  const positionIndex = APPLICATION_PIPELINE.indexOf(position);

  const steps = APPLICATION_PIPELINE.map((step, index): PipelineStep => {
    const at = reachedAt.get(step) ?? null;
    if (index < positionIndex) return { status: step, state: at ? "done" : "skipped", at };
    if (index === positionIndex) {
      return { status: step, state: ended ? "done" : "current", at: at ?? application.createdAt };
    }
    return { status: step, state: ended ? "unreached" : "upcoming", at: null };
  });

  return {
    steps,
    ended: ended ? { status, at: reachedAt.get(status) ?? application.updatedAt } : null,
    canWithdraw: canWithdrawApplication(status),
  };
}

/** Open applications first, then by last change, newest first. */
export function sortApplications(applications: readonly MyApplication[]): MyApplication[] {
  return [...applications].sort((a, b) => {
    const openA = canWithdrawApplication(a.status) ? 0 : 1;
    const openB = canWithdrawApplication(b.status) ? 0 : 1;
    return openA - openB || b.updatedAt.localeCompare(a.updatedAt);
  });
}
