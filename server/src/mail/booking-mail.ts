/**
 * The mails of bookings, in the candidate's UI language: the confirmation
 * (with the booking's calendar event, `REQUEST`), the cancellation (saying
 * who cancelled, with the calendar event's `CANCEL`), the reminders a day
 * and an hour before, and staff's invitation to book. Each reads what it
 * names from the database: the candidate, the stand, the fair's name and
 * time zone. Nothing of the staff goes out (no recruiter's name or address,
 * no notes): the invitation quotes only the message written for the candidate.
 */
import type { DomainEvent } from "../events/domain-events.js";
import { bookingCalendar } from "./booking-calendar.js";
import { CALENDAR_SUMMARY, type ReminderKind } from "./booking-mail.copy.js";
import type { BookingMailDirectory } from "./booking-mail.directory.js";
import { formatSlot } from "./mail.format.js";
import type { MailRecipient, MailService } from "./mail.service.js";

export interface BookingMailDeps {
  directory: BookingMailDirectory;
  mail: MailService;
  /** The sender address (MAIL_FROM), the calendar event's organiser. */
  organizer: { name: string; email: string };
}

interface SlotTimes {
  startsAt: Date;
  endsAt: Date;
}

export class BookingMail {
  constructor(private readonly deps: BookingMailDeps) {}

  async confirmed(event: DomainEvent<"booking.made">): Promise<boolean> {
    return this.#slotMail(event.bookingId, event.candidateId, event.standId, times(event), {
      kind: "booked",
    });
  }

  async cancelled(event: DomainEvent<"booking.cancelled">): Promise<boolean> {
    return this.#slotMail(event.bookingId, event.candidateId, event.standId, times(event), {
      kind: "cancelled",
      by: event.by,
    });
  }

  /** The reminder the availability domain's timers ask for; nothing for a booking not live. */
  async reminder(bookingId: string, soon: ReminderKind): Promise<boolean> {
    const booking = await this.deps.directory.booking(bookingId);
    if (!booking || booking.status !== "booked") return false;
    const { candidateId, standId } = booking;
    return this.#slotMail(bookingId, candidateId, standId, booking, { kind: "reminder", soon });
  }

  async invited(event: DomainEvent<"booking.invited">): Promise<boolean> {
    const found = await this.#recipientAndStand(event.candidateId, event.standId);
    if (!found) return false;
    const { to, stand } = found;
    await this.deps.mail.send("bookingInvitation", to, {
      link: this.#standLink(event.standId),
      standName: stand.standName,
      fairName: stand.fairName,
      message: event.message,
    });
    return true;
  }

  async #slotMail(
    bookingId: string,
    candidateId: string,
    standId: string,
    slot: SlotTimes,
    what:
      | { kind: "booked" }
      | { kind: "cancelled"; by: DomainEvent<"booking.cancelled">["by"] }
      | { kind: "reminder"; soon: ReminderKind },
  ): Promise<boolean> {
    const found = await this.#recipientAndStand(candidateId, standId);
    if (!found) return false;
    const { to, stand } = found;
    const link = this.#standLink(standId);
    const params = {
      link,
      standName: stand.standName,
      fairName: stand.fairName,
      when: formatSlot(to.uiLanguage, stand.timeZone, slot.startsAt, slot.endsAt),
    };
    if (what.kind === "reminder") {
      await this.deps.mail.send("bookingReminder", to, { ...params, soon: what.soon });
      return true;
    }
    const calendar = bookingCalendar({
      bookingId,
      kind: what.kind,
      ...slot,
      summary: CALENDAR_SUMMARY[to.uiLanguage](stand.standName),
      url: link,
      organizer: this.deps.organizer,
      attendee: { name: to.displayName, email: to.email },
    });
    if (what.kind === "booked") {
      await this.deps.mail.send("bookingConfirmed", to, params, { calendar });
    } else {
      await this.deps.mail.send("bookingCancelled", to, { ...params, by: what.by }, { calendar });
    }
    return true;
  }

  async #recipientAndStand(candidateId: string, standId: string) {
    const to: MailRecipient | null = await this.deps.directory.recipient(candidateId);
    if (!to) return null;
    const stand = await this.deps.directory.stand(standId, to.uiLanguage);
    return stand ? { to, stand } : null;
  }

  #standLink(standId: string): string {
    return this.deps.mail.link(`/stands/${standId}`);
  }
}

const times = (event: { startsAt: string; endsAt: string }): SlotTimes => ({
  startsAt: new Date(event.startsAt),
  endsAt: new Date(event.endsAt),
});
