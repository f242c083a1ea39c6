/**
 * The mails of group sessions, in each candidate's UI language: the
 * registration confirmation (with the calendar event), the change of time
 * (the event updated), the cancellation (the event's CANCEL) and the
 * reminder 15 minutes before. Each reads the session, its stand and fair
 * from the database, and mails the registrants it is about.
 */
import { eq } from "drizzle-orm";
import { pickLocalized, type Language } from "@crossfair/shared";
import type { Database } from "../plugins/db.js";
import { stands } from "../stand/stand.schema.js";
import { fairs } from "../fair/fair.schema.js";
import { titlesOf } from "../webinar/webinar.rules.js";
import { webinarRegistrations, webinars } from "../webinar/webinar.schema.js";
import type { BookingMailDirectory } from "./booking-mail.directory.js";
import { formatSlot } from "./mail.format.js";
import type { MailService } from "./mail.service.js";
import { webinarCalendar } from "./webinar-calendar.js";
import { WEBINAR_CALENDAR_SUMMARY } from "./webinar-mail.copy.js";

const LOCALES: Record<Language, string> = { en: "en-GB", fr: "fr-FR", nl: "nl-BE", de: "de-DE" };

export interface WebinarMailDeps {
  db: Pick<Database, "select">;
  directory: BookingMailDirectory;
  mail: MailService;
  organizer: { name: string; email: string };
}

type Kind = "webinarRegistered" | "webinarChanged" | "webinarCancelled" | "webinarReminder";

export class WebinarMail {
  constructor(private readonly deps: WebinarMailDeps) {}

  registered(webinarId: string, candidateId: string): Promise<number> {
    return this.#send("webinarRegistered", webinarId, [candidateId]);
  }

  async changed(webinarId: string): Promise<number> {
    return this.#send("webinarChanged", webinarId, await this.#registrants(webinarId));
  }

  cancelled(webinarId: string, candidateIds: readonly string[]): Promise<number> {
    return this.#send("webinarCancelled", webinarId, candidateIds);
  }

  async reminder(webinarId: string): Promise<number> {
    return this.#send("webinarReminder", webinarId, await this.#registrants(webinarId));
  }

  /** Mails `kind` to each candidate; answers how many mails went. */
  async #send(kind: Kind, webinarId: string, candidateIds: readonly string[]): Promise<number> {
    const [session] = await this.deps.db
      .select({
        webinar: webinars,
        standName: stands.organisationName,
        fairName: fairs.name,
        timeZone: fairs.timeZone,
      })
      .from(webinars)
      .innerJoin(stands, eq(stands.id, webinars.standId))
      .innerJoin(fairs, eq(fairs.id, webinars.fairId))
      .where(eq(webinars.id, webinarId));
    if (!session) return 0;
    const { webinar, standName, timeZone } = session;
    const startsAt = webinar.startsAt;
    const endsAt = new Date(startsAt.getTime() + webinar.minutes * 60_000);
    let sent = 0;
    for (const candidateId of candidateIds) {
      const to = await this.deps.directory.recipient(candidateId);
      if (!to) continue;
      const language = to.uiLanguage;
      const title = pickLocalized(titlesOf(webinar.copy), language).value;
      const link =
        kind === "webinarCancelled"
          ? this.deps.mail.link(`/stands/${webinar.standId}`)
          : this.deps.mail.link(`/webinars/${webinarId}`);
      const params = {
        link,
        title,
        standName,
        fairName: pickLocalized(session.fairName, language).value,
        when: formatSlot(language, timeZone, startsAt, endsAt),
        spoken:
          new Intl.DisplayNames([LOCALES[language]], { type: "language" }).of(
            webinar.spokenLanguage,
          ) ?? webinar.spokenLanguage,
      };
      const calendar =
        kind === "webinarReminder"
          ? undefined
          : webinarCalendar({
              webinarId,
              candidateId,
              cancelled: kind === "webinarCancelled",
              revision: webinar.revision,
              startsAt,
              endsAt,
              summary: WEBINAR_CALENDAR_SUMMARY[language](title, standName),
              url: this.deps.mail.link(`/webinars/${webinarId}`),
              organizer: this.deps.organizer,
              attendee: { name: to.displayName, email: to.email },
            });
      await this.deps.mail.send(kind, to, params, calendar ? { calendar } : {});
      sent += 1;
    }
    return sent;
  }

  async #registrants(webinarId: string): Promise<string[]> {
    const rows = await this.deps.db
      .select({ candidateId: webinarRegistrations.candidateId })
      .from(webinarRegistrations)
      .where(eq(webinarRegistrations.webinarId, webinarId));
    return rows.map((row) => row.candidateId);
  }
}
