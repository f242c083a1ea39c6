/**
 * Live stand queues. Candidates join, snooze, leave and answer calls; stand
 * staff watch the head of the queue and call the next candidate. Watchers of a
 * stand get versioned deltas (tickets entering or leaving the waiting line)
 * from which each client keeps its own count of people ahead.
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
  /** The candidate withdrew their consent to share their profile with the stand. */
  "consent_revoked",
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

/**
 * A stand's queue counts, as of `version` (bumped by every change of the
 * stand's entries). Read in constant time, whatever the queue's length.
 */
export const standQueueCountsSchema = z.object({
  standId: standIdSchema,
  open: z.boolean(),
  version: z.number().int().nonnegative(),
  /** All entries in the queue, including snoozed, called and frozen ones. */
  queueLength: z.number().int(),
  /** Entries waiting for their turn (frozen ones included: they keep their place). */
  waiting: z.number().int(),
  activeRecruiters: z.number().int(),
  /** Mean duration of the stand's recent interviews. */
  averageInterviewMs: z.number(),
});
export type StandQueueCounts = z.infer<typeof standQueueCountsSchema>;

/**
 * What `queue:watch` answers (first look, or a resync after a missed
 * version): the counts and, when the caller waits here, how many waiting
 * entries are ahead of their ticket.
 */
export const standQueueViewSchema = standQueueCountsSchema.extend({
  ahead: z.number().int().nonnegative().nullable(),
});
export type StandQueueView = z.infer<typeof standQueueViewSchema>;

/** One ticket entering (+1) or leaving (-1) the waiting line at a version: `[ticket, change, version]`. */
export const waitingChangeSchema = z.tuple([
  z.number().int(),
  z.union([z.literal(1), z.literal(-1)]),
  z.number().int(),
]);

/**
 * The push every watcher of a stand receives, coalesced: the versions it
 * carries and their changes, plus the counts as of `version`. Its size grows
 * with the number of changes, never with the queue's length. Changes commute,
 * so a client applies each version once in whatever order they arrive (several
 * server processes push for the same stand); a version still missing after a
 * moment means a lost push, and the client asks `queue:watch` again.
 */
export const standQueueDeltaSchema = standQueueCountsSchema.extend({
  versions: z.array(z.number().int()),
  changes: z.array(waitingChangeSchema),
});
export type StandQueueDelta = z.infer<typeof standQueueDeltaSchema>;

/** How many waiting candidates the staff console shows in full; the rest are counted. */
export const STAFF_QUEUE_HEAD_SIZE = 25;

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
  /** Called (or interviewing) for a slot they booked, not from the line. */
  booked: z.boolean().optional(),
  profile: sharedProfileSchema.nullable(),
  answers: z.array(z.object({ question: z.string(), answer: z.string() })),
});
export type StaffQueueEntry = z.infer<typeof staffQueueEntrySchema>;

export const staffQueueSchema = z.object({
  standId: standIdSchema,
  open: z.boolean(),
  paused: z.boolean(),
  /** The first `STAFF_QUEUE_HEAD_SIZE` entries in order; `queueLength` counts them all. */
  entries: z.array(staffQueueEntrySchema),
  queueLength: z.number().int(),
  waiting: z.number().int(),
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
  /** The call of a slot the candidate booked (its grace is longer than a walk-in's). */
  booked: z.boolean().optional(),
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

/**
 * A join's (or a return to waiting's) answer: the place and, read right after
 * the change, the stand's view for it, so the client needs no `queue:watch`
 * to show its position. `update` is left out when that read failed.
 */
export const queuePlaceResultSchema = z.object({
  entry: myQueueSchema,
  update: standQueueViewSchema.optional(),
});

export const queueClientEvents = {
  "queue:join": { payload: queueJoinSchema, result: queuePlaceResultSchema },
  "queue:leave": { payload: standRefSchema, result: noResult },
  "queue:snooze": { payload: queueSnoozeSchema, result: queuePlaceResultSchema },
  "queue:respond": {
    payload: queueRespondSchema,
    result: z.object({ interviewId: z.uuid().optional() }),
  },
  "queue:mine": { payload: z.object({}), result: queueMineSchema },
  "queue:watch": { payload: standRefSchema, result: z.object({ update: standQueueViewSchema }) },
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
  "queue:delta": standQueueDeltaSchema,
  "queue:mine": queueMineSchema,
  "queue:called": queueCalledSchema,
  "queue:removed": queueRemovedSchema,
  "queue:interviewStarted": interviewStartedSchema,
  "staff:queue": staffQueueSchema,
  "staff:callAnswered": staffCallAnsweredSchema,
} as const;
