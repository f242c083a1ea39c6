/**
 * A booking's timers, kept by the job scheduler (so they survive restarts and
 * run once across processes): the call at slot time, and the reminders a day
 * and an hour before. Booking schedules them, a cancellation cancels them,
 * and the call's answer settles the booking's status:
 *
 *   booked → called (slot time, the candidate's call rings) → attended | no_show
 *
 * The call retries every few seconds while nobody who may take it is free (the
 * slot's recruiter still in an interview, or not at their console) until its
 * grace is over; then the booking stays `booked`, a slot nobody held.
 */
import { eq } from "drizzle-orm";
import type { Logger } from "pino";
import type { DomainEvent, DomainEvents } from "../events/domain-events.js";
import { RetryLater, type JobScheduler } from "../jobs/job-scheduler.js";
import type { Database } from "../plugins/db.js";
import { BOOKED_CALL_GRACE_MS, type BookedCalls } from "../queue/queue.booked.js";
import { slotBookings } from "./availability.schema.js";
import type { BookingService } from "./booking.service.js";

export const SLOT_CALL_JOB = "booking-slot-call";
export const REMINDER_JOB = "booking-reminder";
const RETRY_SECONDS = 5;
const REMINDERS = [
  { kind: "day", beforeMs: 24 * 3_600_000 },
  { kind: "hour", beforeMs: 3_600_000 },
] as const;

interface SlotCallJob {
  bookingId: string;
  standId: string;
  candidateId: string;
  recruiterId: string | null;
  startsAt: string;
  endsAt: string;
}

interface ReminderJob {
  bookingId: string;
  kind: "day" | "hour";
}

export interface SlotCallDeps {
  db: Database;
  jobs: JobScheduler;
  events: DomainEvents;
  booked: BookedCalls;
  bookings: Pick<BookingService, "markCalled" | "markAttended" | "markNoShow">;
  log: Logger;
  clock: () => number;
}

export async function startSlotCalls(deps: SlotCallDeps): Promise<void> {
  const { jobs, events } = deps;
  await jobs.work<SlotCallJob>(SLOT_CALL_JOB, (job) => callAtSlotTime(deps, job));
  await jobs.work<ReminderJob>(REMINDER_JOB, (job) => remind(deps, job));
  events.on("booking.made", (booking) => scheduleBooking(deps, booking));
  events.on("booking.cancelled", ({ bookingId }) => cancelBooking(deps, bookingId));
  events.on("booking.answered", (answer) => settleBooking(deps, answer));
}

/**
 * The wall-clock moment of `at` on the app's clock: the scheduler runs on the
 * database's time, the rules on the app's (the same, but in tests).
 */
const onWallClock = (at: number, clock: () => number) => new Date(at - (clock() - Date.now()));

async function scheduleBooking(
  { jobs, clock }: SlotCallDeps,
  booking: DomainEvent<"booking.made">,
): Promise<void> {
  const startsAt = Date.parse(booking.startsAt);
  const { bookingId, standId, candidateId, recruiterId } = booking;
  const retries = Math.ceil(BOOKED_CALL_GRACE_MS / (RETRY_SECONDS * 1_000));
  await jobs.schedule<SlotCallJob>(
    SLOT_CALL_JOB,
    {
      bookingId,
      standId,
      candidateId,
      recruiterId,
      startsAt: booking.startsAt,
      endsAt: booking.endsAt,
    },
    {
      at: onWallClock(startsAt, clock),
      key: bookingId,
      retries,
      retryDelaySeconds: RETRY_SECONDS,
    },
  );
  // A reminder whose moment passed already (a booking made 30 minutes ahead) is not sent.
  for (const { kind, beforeMs } of REMINDERS) {
    const at = startsAt - beforeMs;
    if (at <= clock()) continue;
    const key = `${bookingId}:${kind}`;
    const moment = onWallClock(at, clock);
    await jobs.schedule<ReminderJob>(REMINDER_JOB, { bookingId, kind }, { at: moment, key });
  }
}

async function cancelBooking({ jobs }: SlotCallDeps, bookingId: string): Promise<void> {
  await jobs.cancel(SLOT_CALL_JOB, bookingId);
  for (const { kind } of REMINDERS) await jobs.cancel(REMINDER_JOB, `${bookingId}:${kind}`);
}

async function callAtSlotTime(deps: SlotCallDeps, job: SlotCallJob): Promise<void> {
  const [booking] = await deps.db
    .select({ status: slotBookings.status })
    .from(slotBookings)
    .where(eq(slotBookings.id, job.bookingId));
  // Cancelled, or called already by an earlier try whose answer this one repeats.
  if (!booking || (booking.status !== "booked" && booking.status !== "called")) return;
  const startsAt = Date.parse(job.startsAt);
  const result = await deps.booked.call({ ...job, startsAt, endsAt: Date.parse(job.endsAt) });
  if (result.status === "busy") throw new RetryLater("nobody free to take the booked call yet");
  if (result.status === "late") {
    deps.log.warn({ bookingId: job.bookingId }, "a booked call found nobody free in its grace");
    return;
  }
  await deps.bookings.markCalled(job.bookingId, new Date(deps.clock()));
}

async function settleBooking(
  { bookings }: SlotCallDeps,
  answer: DomainEvent<"booking.answered">,
): Promise<void> {
  if (answer.outcome === "attended" && answer.interviewId) {
    // The call may be answered before its `called` is written: the move starts from there.
    await bookings.markCalled(answer.bookingId);
    await bookings.markAttended(answer.bookingId, answer.interviewId);
  } else {
    await bookings.markNoShow(answer.bookingId);
  }
}

async function remind({ db, events }: SlotCallDeps, job: ReminderJob): Promise<void> {
  const [booking] = await db
    .select({ status: slotBookings.status })
    .from(slotBookings)
    .where(eq(slotBookings.id, job.bookingId));
  if (booking?.status !== "booked") return;
  await events.emit("booking.reminder_due", job);
}
