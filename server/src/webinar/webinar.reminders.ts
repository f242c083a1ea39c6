/**
 * A session's reminder, kept by the job scheduler (so it survives restarts
 * and runs once across processes): 15 minutes before the start, one job per
 * session and start time. Scheduling a session stores it, a change of time
 * moves it, a cancellation cancels it. When it runs for a session still
 * scheduled at that time, it tells `webinar.reminder_due` (the mail domain
 * mails the registrants) and pushes `webinar:startingSoon` to each
 * registrant's user room, so every page of theirs shows the banner.
 */
import { eq } from "drizzle-orm";
import type { DomainEvents } from "../events/domain-events.js";
import type { JobScheduler } from "../jobs/job-scheduler.js";
import type { Database } from "../plugins/db.js";
import { userRoom } from "../plugins/socket.js";
import type { AppSocketServer } from "../plugins/socket.types.js";
import { titlesOf, WEBINAR_REMINDER_MINUTES } from "./webinar.rules.js";
import { webinarRegistrations, webinars } from "./webinar.schema.js";

export const WEBINAR_REMINDER_JOB = "webinar-reminder";
const BEFORE_MS = WEBINAR_REMINDER_MINUTES * 60_000;

interface ReminderJob {
  webinarId: string;
  startsAt: string;
}

export interface WebinarReminderDeps {
  db: Database;
  jobs: JobScheduler;
  events: DomainEvents;
  io: AppSocketServer;
  clock: () => number;
}

const keyOf = (webinarId: string, startsAt: string) =>
  `${webinarId}:${new Date(startsAt).toISOString()}`;

/** The wall-clock moment of `at` on the app's clock (the scheduler runs on the database's time). */
const onWallClock = (at: number, clock: () => number) => new Date(at - (clock() - Date.now()));

export async function startWebinarReminders(deps: WebinarReminderDeps): Promise<void> {
  const { jobs, events } = deps;
  await jobs.work<ReminderJob>(WEBINAR_REMINDER_JOB, (job) => remind(deps, job));
  events.on("webinar.scheduled", ({ webinarId, startsAt }) => schedule(deps, webinarId, startsAt));
  events.on("webinar.changed", async ({ webinarId, startsAt, previousStartsAt }) => {
    await jobs.cancel(WEBINAR_REMINDER_JOB, keyOf(webinarId, previousStartsAt));
    await schedule(deps, webinarId, startsAt);
  });
  events.on("webinar.cancelled", ({ webinarId, startsAt }) =>
    jobs.cancel(WEBINAR_REMINDER_JOB, keyOf(webinarId, startsAt)),
  );
}

async function schedule(
  { jobs, clock }: WebinarReminderDeps,
  webinarId: string,
  startsAt: string,
): Promise<void> {
  const at = Date.parse(startsAt) - BEFORE_MS;
  // Scheduled less than 15 minutes ahead: the join link shows already, no reminder is due.
  if (at <= clock()) return;
  await jobs.schedule<ReminderJob>(
    WEBINAR_REMINDER_JOB,
    { webinarId, startsAt },
    { at: onWallClock(at, clock), key: keyOf(webinarId, startsAt) },
  );
}

async function remind({ db, events, io }: WebinarReminderDeps, job: ReminderJob): Promise<void> {
  const [webinar] = await db.select().from(webinars).where(eq(webinars.id, job.webinarId));
  // Cancelled, moved (its new time has its own job), or opened early: nothing to remind of.
  if (webinar?.status !== "scheduled") return;
  if (webinar.startsAt.getTime() !== Date.parse(job.startsAt)) return;
  await events.emit("webinar.reminder_due", { webinarId: webinar.id });
  const registrants = await db
    .select({ candidateId: webinarRegistrations.candidateId })
    .from(webinarRegistrations)
    .where(eq(webinarRegistrations.webinarId, webinar.id));
  const payload = {
    webinarId: webinar.id,
    startsAt: webinar.startsAt.toISOString(),
    title: titlesOf(webinar.copy),
  };
  for (const { candidateId } of registrants) {
    io.to(userRoom(candidateId)).emit("webinar:startingSoon", payload);
  }
}
