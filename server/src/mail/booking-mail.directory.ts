/**
 * What the booking and queue mails read of the other domains, one join each:
 * the candidate (address, name, UI language), the stand with its fair (names
 * and time zone), and a booking with its slot's times. Reads only.
 */
import { eq } from "drizzle-orm";
import { pickLocalized, type Language } from "@crossfair/shared";
import { users } from "../auth/auth.schema.js";
import { interviewSlots, slotBookings } from "../availability/availability.schema.js";
import { fairs } from "../fair/fair.schema.js";
import type { Database } from "../plugins/db.js";
import { stands } from "../stand/stand.schema.js";
import type { MailRecipient } from "./mail.service.js";

export interface StandForMail {
  standName: string;
  /** The fair's name in `language` (or the nearest it has). */
  fairName: string;
  timeZone: string;
}

export interface BookingForMail {
  candidateId: string;
  standId: string;
  status: string;
  startsAt: Date;
  endsAt: Date;
}

export class BookingMailDirectory {
  constructor(private readonly db: Pick<Database, "select">) {}

  async recipient(userId: string): Promise<MailRecipient | null> {
    const [row] = await this.db
      .select({
        email: users.email,
        displayName: users.displayName,
        uiLanguage: users.uiLanguage,
        suspendedAt: users.suspendedAt,
      })
      .from(users)
      .where(eq(users.id, userId));
    // A suspended account is told nothing more about the fair.
    if (!row || row.suspendedAt) return null;
    return { email: row.email, displayName: row.displayName, uiLanguage: row.uiLanguage };
  }

  async stand(standId: string, language: Language): Promise<StandForMail | null> {
    const [row] = await this.db
      .select({
        standName: stands.organisationName,
        fairName: fairs.name,
        timeZone: fairs.timeZone,
      })
      .from(stands)
      .innerJoin(fairs, eq(fairs.id, stands.fairId))
      .where(eq(stands.id, standId));
    if (!row) return null;
    return { ...row, fairName: pickLocalized(row.fairName, language).value };
  }

  async booking(bookingId: string): Promise<BookingForMail | null> {
    const [row] = await this.db
      .select({
        candidateId: slotBookings.candidateId,
        standId: slotBookings.standId,
        status: slotBookings.status,
        startsAt: interviewSlots.startsAt,
        endsAt: interviewSlots.endsAt,
      })
      .from(slotBookings)
      .innerJoin(interviewSlots, eq(interviewSlots.id, slotBookings.slotId))
      .where(eq(slotBookings.id, bookingId));
    return row ?? null;
  }
}
