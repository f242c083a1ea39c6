/**
 * Live queue figures for the fair hall: per stand whether it is open, how
 * many wait and the wait a newcomer would be told. A visitor watches one room
 * per fair instead of every stand; the server pushes only the stands that
 * changed, coalesced to at most one message per fair per second. Numbers
 * only: no names, no candidates.
 */
import { z } from "zod";
import { noResult } from "./ack.js";
import { standIdSchema } from "./queue.js";

export const fairRefSchema = z.object({ fairId: z.uuid() });

/** One stand card's live figures. */
export const hallStandQueueSchema = z.object({
  standId: standIdSchema,
  open: z.boolean(),
  /** Candidates waiting for their turn (not those being called or interviewed). */
  waiting: z.number().int().nonnegative(),
  /** What a candidate joining now would be told; null when closed or nobody takes candidates. */
  waitEstimateMs: z.number().int().nonnegative().nullable(),
  /**
   * Server epoch ms at which these figures were read. A client keeps the
   * newest figures per stand, so an answer and a push crossing each other
   * cannot bring back an older state.
   */
  at: z.number().int(),
});
export type HallStandQueue = z.infer<typeof hallStandQueueSchema>;

export const hallQueuesSchema = z.object({
  fairId: z.uuid(),
  /** In a `hall:watch` answer every approved stand of the fair; in a push, those that changed. */
  stands: z.array(hallStandQueueSchema),
});
export type HallQueues = z.infer<typeof hallQueuesSchema>;

export const hallClientEvents = {
  /** Anyone may watch, anonymous visitors included. */
  "hall:watch": { payload: fairRefSchema, result: hallQueuesSchema },
  "hall:unwatch": { payload: fairRefSchema, result: noResult },
} as const;

export const hallServerEvents = {
  "hall:queues": hallQueuesSchema,
} as const;
