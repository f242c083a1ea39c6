/**
 * What other domains see of mail: send a message by kind to a person, and
 * make links into the client. The mail module provides it; a domain's unit
 * tests can give a fake that keeps what was sent.
 */
import type { Language } from "@crossfair/shared";
import type { ReminderKind } from "./booking-mail.copy.js";
import type { MailKind, MailParams } from "./mail.templates.js";
import type { CalendarInvite } from "./mailer.js";

/** Who a mail is for: their address, their UI language, and the name it greets. */
export interface MailRecipient {
  email: string;
  displayName: string;
  uiLanguage: Language;
}

export interface MailService {
  /** Renders `kind` in the recipient's language and sends it in the background. */
  send<K extends MailKind>(
    kind: K,
    to: MailRecipient,
    params: Omit<MailParams[K], "name">,
    options?: { calendar?: CalendarInvite; messageId?: string },
  ): Promise<void>;
  /**
   * Mail stays in the development mailbox and the server is not in production: a sender may
   * pick a message's id (`messageId`) and tell it to the person who caused the mail, who can
   * then read that one message (the demo's sign-up, where nobody can read real mail).
   */
  readonly devMailboxOpen: boolean;
  /** An absolute link to a client page: `link("/reset-password/abc")` → `https://…/#/reset-password/abc`. */
  link(clientPath: string): string;
}

/** What the availability domain's timers call: the reminders of a booking. */
export interface BookingReminders {
  /**
   * Mails the booking's candidate a reminder, a day or an hour before its slot, in their
   * language; resolves once sent or failed (never throws for a failed delivery). Nothing is
   * sent for a booking that is not live any more (cancelled, or its slot already passed into
   * a call): resolves `false` then, `true` when a mail went.
   */
  sendBookingReminder(bookingId: string, kind: ReminderKind): Promise<boolean>;
}
