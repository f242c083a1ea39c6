/**
 * The calendar file of a registration for a group session, made with
 * ical-generator like a booking's (booking-calendar.ts): a `REQUEST` on
 * registering and on a change of time, a `CANCEL` when the session is
 * cancelled. One UID per session and candidate; SEQUENCE is the session's
 * revision (bumped by each change and by the cancellation), so calendar
 * clients replace the event rather than add a second one.
 */
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from "ical-generator";
import type { CalendarInvite } from "./mailer.js";

export interface WebinarCalendarInput {
  webinarId: string;
  candidateId: string;
  cancelled: boolean;
  revision: number;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  /** The session's live page. */
  url: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
}

/** The event's UID: one per session and candidate, on the host the app is reached at. */
export const webinarUid = (webinarId: string, candidateId: string, url: string) =>
  `webinar-${webinarId}-${candidateId}@${new URL(url).hostname}`;

export function webinarCalendar(input: WebinarCalendarInput): CalendarInvite {
  const method = input.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST;
  const calendar = ical({ prodId: { company: "Crossfair", product: "sessions" }, method });
  calendar.createEvent({
    id: webinarUid(input.webinarId, input.candidateId, input.url),
    sequence: input.revision,
    stamp: new Date(),
    start: input.startsAt,
    end: input.endsAt,
    summary: input.summary,
    description: input.url,
    location: input.url,
    url: input.url,
    status: input.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: input.organizer,
    attendees: [
      {
        ...input.attendee,
        role: ICalAttendeeRole.REQ,
        status: input.cancelled ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.ACCEPTED,
        rsvp: false,
      },
    ],
  });
  return {
    method,
    filename: input.cancelled ? "session-cancelled.ics" : "session.ics",
    content: calendar.toString(),
  };
}
