/**
 * Live stand queues. Candidates join, snooze, leave and answer calls; stand
 * staff watch the queue and call the next candidate. Position updates are
 * compact stand-level messages (the waiting tickets in order) from which each
 * client derives its own position, coalesced by the server per stand.
 */
import { z } from "zod";
import { noResult } from "./ack.js";
import { cefrLevelSchema, languageSchema } from "../domain/language.js";

export const standIdSchema = z.uuid();

/** Where an entry stands in a queue. `frozen` entries keep their place but are skipped. */
export const QUEUE_ENTRY_STATES = ["waiting", "snoozed", "called", "interviewing"] as const;
export const queueEntryStateSchema = z.enum(QUEUE_ENTRY_STATES);
export type QueueEntryState = z.infer<typeof queueEntryStateSchema>;

export const REMOVAL_REASONS = [
  "left",
  "no_show",
  "stand_closed",
  "connection_lost",
  "interview_ended",
  /** The fair's organiser rejected the candidate's registration: out of all that fair's queues. */
  "registration_rejected",
] as const;
export const removalReasonSchema = z.enum(REMOVAL_REASONS);
export type RemovalReason = z.infer<typeof removalReasonSchema>;

export const screeningAnswerSchema = z.object({
  questionId: z.uuid(),
  answer: z.string().trim().min(1).max(2_000),
});

// ---- client → server -------------------------------------------------------

export const queueJoinSchema = z.object({
  standId: standIdSchema,
  /** Explicit consent to share the profile with this stand; required to queue. */
  consentToShareProfile: z.literal(true, { error: "consent to share your profile is required" }),
  answers: z.array(screeningAnswerSchema).max(20).default([]),
});
export const standRefSchema = z.object({ standId: standIdSchema });
export const queueSnoozeSchema = z.object({ standId: standIdSchema, snoozed: z.boolean() });
export const queueRespondSchema = z.object({ standId: standIdSchema, accept: z.boolean() });
export const staffPauseSchema = z.object({ standId: standIdSchema, paused: z.boolean() });
export const staffOpenSchema = z.object({ standId: standIdSchema, open: z.boolean() });

/** What a candidate knows about one of their queues. */
export const myQueueSchema = z.object({
  standId: standIdSchema,
  ticket: z.number().int(),
  state: queueEntryStateSchema,
  /** True while the candidate is called or interviewing at another stand. */
  frozen: z.boolean(),
  noShows: z.number().int(),
  /** Deadline (epoch ms) to answer a call, when called. */
  callDeadline: z.number().optional(),
  interviewId: z.uuid().optional(),
});
export type MyQueue = z.infer<typeof myQueueSchema>;

/** The compact stand-level update every watcher of a stand receives. */
export const standQueueUpdateSchema = z.object({
  standId: standIdSchema,
  open: z.boolean(),
  /** Tickets of the entries that can be called, in calling order (snoozed and frozen ones left out). */
  waitingTickets: z.array(z.number().int()),
  /** All entries in the queue, including snoozed, called and frozen ones. */
  queueLength: z.number().int(),
  activeRecruiters: z.number().int(),
  /** Mean duration of the stand's recent interviews. */
  averageInterviewMs: z.number(),
});
export type StandQueueUpdate = z.infer<typeof standQueueUpdateSchema>;

export const sharedProfileSchema = z.object({
  displayName: z.string(),
  country: z.string(),
  region: z.string(),
  languages: z.array(z.object({ language: languageSchema, level: cefrLevelSchema })),
  sectors: z.array(z.string()),
  pitch: z.string(),
});
export type SharedProfile = z.infer<typeof sharedProfileSchema>;

/** One line of the staff console: who waits, with what they agreed to share. */
export const staffQueueEntrySchema = z.object({
  candidateId: z.uuid(),
  ticket: z.number().int(),
  state: queueEntryStateSchema,
  frozen: z.boolean(),
  online: z.boolean(),
  noShows: z.number().int(),
  profile: sharedProfileSchema.nullable(),
  answers: z.array(z.object({ question: z.string(), answer: z.string() })),
});
export type StaffQueueEntry = z.infer<typeof staffQueueEntrySchema>;

export const staffQueueSchema = z.object({
  standId: standIdSchema,
  open: z.boolean(),
  paused: z.boolean(),
  entries: z.array(staffQueueEntrySchema),
  averageInterviewMs: z.number(),
  activeRecruiters: z.number().int(),
});
export type StaffQueue = z.infer<typeof staffQueueSchema>;

// ---- server → client -------------------------------------------------------

export const queueCalledSchema = z.object({
  standId: standIdSchema,
  /** Server epoch ms; with `serverTime` the client counts down on its own clock, skew-free. */
  deadline: z.number(),
  serverTime: z.number(),
  recruiterName: z.string(),
});
export const queueRemovedSchema = z.object({ standId: standIdSchema, reason: removalReasonSchema });
export const queueMineSchema = z.object({ queues: z.array(myQueueSchema) });
export const staffCallAnsweredSchema = z.object({
  standId: standIdSchema,
  candidateId: z.uuid(),
  /** `left`: the candidate left the queue while called; `failed`: the interview could not start. */
  outcome: z.enum(["accepted", "declined", "timed_out", "left", "failed"]),
  interviewId: z.uuid().optional(),
});
export const interviewStartedSchema = z.object({
  standId: standIdSchema,
  interviewId: z.uuid(),
});

export const queueClientEvents = {
  "queue:join": { payload: queueJoinSchema, result: z.object({ entry: myQueueSchema }) },
  "queue:leave": { payload: standRefSchema, result: noResult },
  "queue:snooze": { payload: queueSnoozeSchema, result: z.object({ entry: myQueueSchema }) },
  "queue:respond": {
    payload: queueRespondSchema,
    result: z.object({ interviewId: z.uuid().optional() }),
  },
  "queue:mine": { payload: z.object({}), result: queueMineSchema },
  "queue:watch": { payload: standRefSchema, result: z.object({ update: standQueueUpdateSchema }) },
  "queue:unwatch": { payload: standRefSchema, result: noResult },
  "staff:console": { payload: standRefSchema, result: z.object({ queue: staffQueueSchema }) },
  "staff:callNext": {
    payload: standRefSchema,
    result: z.object({ candidateId: z.uuid().nullable() }),
  },
  "staff:pause": { payload: staffPauseSchema, result: noResult },
  "staff:closeConsole": { payload: standRefSchema, result: noResult },
  "staff:open": { payload: staffOpenSchema, result: noResult },
} as const;

export const queueServerEvents = {
  "queue:stand": standQueueUpdateSchema,
  "queue:mine": queueMineSchema,
  "queue:called": queueCalledSchema,
  "queue:removed": queueRemovedSchema,
  "queue:interviewStarted": interviewStartedSchema,
  "staff:queue": staffQueueSchema,
  "staff:callAnswered": staffCallAnsweredSchema,
} as const;
