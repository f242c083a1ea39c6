/**
 * The calendar file of a booking, made with ical-generator: a `REQUEST` when
 * it is booked and a `CANCEL` when it ends, with the same UID and a higher
 * SEQUENCE, so calendar clients replace the event rather than add a second
 * one. Times are in UTC (no time-zone definitions to ship; clients show them
 * in the reader's zone). The event names the stand and links to its page;
 * the organiser is the fair's sender address, never a recruiter's.
 */
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from "ical-generator";
import type { CalendarInvite } from "./mailer.js";

export interface BookingCalendarInput {
  bookingId: string;
  kind: "booked" | "cancelled";
  startsAt: Date;
  endsAt: Date;
  /** "Interview: <stand>" in the candidate's language. */
  summary: string;
  /** The stand's page. */
  url: string;
  /** The sender the mail comes from (MAIL_FROM). */
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
}

/** The event's UID: one per booking, on the host the app is reached at. */
export const bookingUid = (bookingId: string, url: string) =>
  `booking-${bookingId}@${new URL(url).hostname}`;

/** "Crossfair <no-reply@x.org>" or "no-reply@x.org" → name and address. */
export function parseSender(sender: string): { name: string; email: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(sender);
  if (match) return { name: match[1]!.trim() || "Crossfair", email: match[2]!.trim() };
  return { name: "Crossfair", email: sender.trim() };
}

export function bookingCalendar(input: BookingCalendarInput): CalendarInvite {
  const cancelled = input.kind === "cancelled";
  const method = cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST;
  const calendar = ical({ prodId: { company: "Crossfair", product: "bookings" }, method });
  calendar.createEvent({
    id: bookingUid(input.bookingId, input.url),
    // The cancellation outranks the confirmation it replaces.
    sequence: cancelled ? 1 : 0,
    stamp: new Date(),
    start: input.startsAt,
    end: input.endsAt,
    summary: input.summary,
    description: input.url,
    location: input.url,
    url: input.url,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: input.organizer,
    attendees: [
      {
        ...input.attendee,
        role: ICalAttendeeRole.REQ,
        status: cancelled ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.ACCEPTED,
        rsvp: false,
      },
    ],
  });
  return {
    method,
    filename: cancelled ? "interview-cancelled.ics" : "interview.ics",
    content: calendar.toString(),
  };
}
