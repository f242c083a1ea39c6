/**
 * The mail domain as one module: the mailer every domain sends through (SMTP
 * when SMTP_URL is set, the in-process development mailbox otherwise), the
 * links mails carry (from PUBLIC_URL), the fair admins' view of the
 * development mailbox, and the mails that follow other domains' events: a
 * booking made or cancelled, an invitation to book (booking-mail.ts), a
 * candidate called while away (called-mail.ts), a group session registered
 * for, moved, cancelled or about to start (webinar-mail.ts). Those subscribers hand the
 * work to the background and return, so no booking or call waits on mail.
 * The reminders are sent when the availability domain's timers say they are
 * due (`booking.reminder_due`; also `sendBookingReminder`). It starts before the domains that send mail; the
 * mailbox route needs the guard, so it is served once auth has started.
 */
import type { Guard } from "../auth/guard.js";
import type { Platform } from "../platform.js";
import { userRoom } from "../plugins/socket.js";
import { parseSender } from "./booking-calendar.js";
import { BookingMailDirectory } from "./booking-mail.directory.js";
import { BookingMail } from "./booking-mail.js";
import { CalledMail } from "./called-mail.js";
import { BackgroundWork } from "./mail.background.js";
import type { BookingReminders, MailService } from "./mail.service.js";
import { renderMail, type MailParams } from "./mail.templates.js";
import { DevMailbox, Mailer, SmtpTransport, type MailTransport } from "./mailer.js";
import { mailboxRoutes } from "./mail.routes.js";
import { WebinarMail } from "./webinar-mail.js";

export interface MailModule extends MailService, BookingReminders {
  /** The development mailbox; null when mail goes to an SMTP server. */
  readonly mailbox: DevMailbox | null;
  /** Serves the development mailbox to fair admins (after auth started), except in production. */
  serveMailbox(auth: { guard: Guard }): Promise<void>;
  close(): Promise<void>;
}

export function startMailModule({ config, log, http, db, io, events }: Platform): MailModule {
  const mailbox = config.SMTP_URL ? null : new DevMailbox(log);
  // The mailbox holds reset links: whoever reads it can take over accounts. A development
  // convenience, so in production it is not served (and mail goes nowhere without SMTP).
  const served = config.NODE_ENV === "production" ? null : mailbox;
  if (mailbox && config.NODE_ENV === "production") {
    log.warn("SMTP_URL is not set: emails (password resets, verifications) reach nobody");
  }
  const transport: MailTransport =
    mailbox ?? new SmtpTransport(config.SMTP_URL!, config.MAIL_FROM, config.MAIL_REPLY_TO);
  const mailer = new Mailer(transport, log);
  const service: MailService = {
    send(kind, to, params, options = {}) {
      const rendered = renderMail(kind, to.uiLanguage, {
        ...params,
        name: to.displayName,
      } as MailParams[typeof kind]);
      return mailer.send({
        ...rendered,
        kind,
        to: to.email,
        language: to.uiLanguage,
        ...(options.calendar ? { calendar: options.calendar } : {}),
        ...(served && options.messageId ? { messageId: options.messageId } : {}),
      });
    },
    devMailboxOpen: served !== null,
    link: (clientPath) => `${config.publicUrl}/#${clientPath}`,
  };

  const directory = new BookingMailDirectory(db);
  const organizer = parseSender(config.MAIL_FROM);
  const bookings = new BookingMail({ directory, mail: service, organizer });
  const called = new CalledMail({
    directory,
    mail: service,
    connected: async (userId) => {
      try {
        return (await io.in(userRoom(userId)).fetchSockets()).length > 0;
      } catch (error) {
        // A process that did not answer may hold their page; a mail too many beats none.
        log.warn({ err: error }, "could not tell whether a called candidate is connected");
        return false;
      }
    },
    clock: Date.now,
  });
  const sessions = new WebinarMail({ db, directory, mail: service, organizer });
  // Once, in the process where the event happened; behind the emit, never awaited by it.
  const background = new BackgroundWork(log);
  events.on("booking.made", (event) =>
    background.run("bookingConfirmed", () => bookings.confirmed(event)),
  );
  events.on("booking.cancelled", (event) =>
    background.run("bookingCancelled", () => bookings.cancelled(event)),
  );
  events.on("booking.invited", (event) =>
    background.run("bookingInvitation", () => bookings.invited(event)),
  );
  events.on("queue.called", (event) => background.run("calledAway", () => called.called(event)));
  // The availability domain's timers say when a reminder is due.
  events.on("booking.reminder_due", ({ bookingId, kind }) =>
    background.run("bookingReminder", () => bookings.reminder(bookingId, kind)),
  );

  events.on("webinar.registered", ({ webinarId, candidateId }) =>
    background.run("webinarRegistered", () => sessions.registered(webinarId, candidateId)),
  );
  events.on("webinar.changed", ({ webinarId }) =>
    background.run("webinarChanged", () => sessions.changed(webinarId)),
  );
  events.on("webinar.cancelled", ({ webinarId, candidateIds }) =>
    background.run("webinarCancelled", () => sessions.cancelled(webinarId, candidateIds)),
  );
  events.on("webinar.reminder_due", ({ webinarId }) =>
    background.run("webinarReminder", () => sessions.reminder(webinarId)),
  );

  return {
    ...service,
    mailbox,
    sendBookingReminder: (bookingId, kind) => bookings.reminder(bookingId, kind),
    async serveMailbox({ guard }) {
      await http.register(mailboxRoutes, { guard, mailbox: served, publicUrl: config.publicUrl });
    },
    async close() {
      await background.settle();
      await mailer.close();
    },
  };
}
