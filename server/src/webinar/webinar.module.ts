/**
 * The webinar domain's scheduling half as one module: group sessions at
 * stands (scheduled, changed and cancelled by the stand's admin), the
 * candidates' registrations, the reminder 15 minutes before (a job; mail by
 * the mail domain on `webinar.reminder_due`, in-app as `webinar:startingSoon`)
 * and the organiser's figures. It emits `webinar.scheduled`, `.changed`,
 * `.registered`, `.cancelled` and `.reminder_due`. The live half (`live/`,
 * `media/`) is started by its own module.
 */
import type { AuthModule } from "../auth/auth.module.js";
import type { Platform } from "../platform.js";
import { startWebinarReminders } from "./webinar.reminders.js";
import { webinarRoutes } from "./webinar.routes.js";
import { WebinarService } from "./webinar.service.js";

export interface WebinarModule {
  readonly webinars: WebinarService;
}

export async function startWebinarModule(
  platform: Platform,
  auth: AuthModule,
): Promise<WebinarModule> {
  const { db, http, events, clock } = platform;
  const now = () => new Date(clock());
  const webinars = new WebinarService({ db, events, now });
  await http.register(webinarRoutes, { guard: auth.guard, webinars, db, now });
  await startWebinarReminders(platform);
  return { webinars };
}
