/**
 * Test data the queue's unit tests share: stand ids, a candidate's queue
 * entry, a stand's queue view, and a fresh incoming call.
 */
import type { MyQueue, StandQueueView } from "@crossfair/shared";
import { settle, type FakeLink } from "../connection/connection.link.fake.js";
import type { IncomingCall } from "./queue.call-countdown.js";
import type { QueueManager } from "./queue.manager.js";

export const FOOD = "11111111-1111-4111-8111-111111111111";
export const LOGISTICS = "22222222-2222-4222-8222-222222222222";
export const INTERVIEW = "33333333-3333-4333-8333-333333333333";

/** The candidate's place in one stand's queue: waiting, unless `extra` says otherwise. */
export const entry = (standId: string, ticket: number, extra: Partial<MyQueue> = {}): MyQueue => ({
  standId,
  ticket,
  state: "waiting",
  frozen: false,
  noShows: 0,
  ...extra,
});

/** A stand's queue view: open, empty, one recruiter, unless `extra` says otherwise. */
export const update = (standId: string, extra: Partial<StandQueueView> = {}): StandQueueView => ({
  standId,
  open: true,
  version: 0,
  queueLength: 0,
  waiting: 0,
  activeRecruiters: 1,
  averageInterviewMs: 10 * 60_000,
  ahead: null,
  ...extra,
});

/** A call just made by Lotte Peeters with a 30 s window ending at `deadline`. */
export const freshCall = (standId: string, deadline: number): IncomingCall => ({
  standId,
  recruiterName: "Lotte Peeters",
  deadline,
  windowMs: 30_000,
  remainingMs: 30_000,
  answering: false,
});

/** Makes the manager a candidate's and answers its first queue:mine and the watches it opens. */
export async function answeredCandidate(
  link: FakeLink,
  manager: QueueManager,
  queues: MyQueue[],
): Promise<void> {
  manager.setCandidate(true);
  link.one("queue:mine").answer({ ok: true, queues });
  await settle();
  for (const watch of link.take("queue:watch")) {
    watch.answer({ ok: true, update: update(watch.payload.standId) });
  }
  await settle();
}
