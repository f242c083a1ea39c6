/**
 * The booking mails over SMTP, against a real SMTP server started here and
 * two server processes sharing PostgreSQL and Redis. The booking routes are
 * the availability domain's; here the bookings are stored as rows and told
 * as the domain events those routes emit (`booking.made`,
 * `booking.cancelled`), in one process or the other. The confirmation reaches
 * the candidate in their language with a calendar `REQUEST` (UTC times, a UID
 * per booking); the cancellation says who cancelled and carries the `CANCEL`
 * of the same UID at a higher SEQUENCE; a reminder goes only while the
 * booking is live; and no mail carries what the candidate may not see (staff's
 * names and addresses, another candidate's booking).
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@crossfair/server/auth/auth.schema";
import { interviewSlots, slotBookings } from "@crossfair/server/availability/availability.schema";
import { fairs } from "@crossfair/server/fair/fair.schema";
import { stands } from "@crossfair/server/stand/stand.schema";
import { startAppPair, type AppPair } from "../support/shared-stores.js";
import { calendarProperties, startSmtpInbox, type SmtpInbox } from "../support/smtp-inbox.js";
import { FOOD, hallOf, signUpCandidate, standIn } from "./application-fixture.js";

const STAFF_SECRETS = ["recruiter@crossfair.test", "Lotte Peeters", "standadmin@crossfair.test"];

describe("booking mail over SMTP", () => {
  let inbox: SmtpInbox;
  let pair: AppPair;
  let standId: string;
  let fairId: string;
  let recruiterId: string;
  let timeZone: string;

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    pair = await startAppPair({
      SMTP_URL: inbox.url,
      MAIL_FROM: "Crossfair <no-reply@fair.example.org>",
      PUBLIC_URL: "https://fair.example.org/",
    });
    standId = standIn(await hallOf(pair.first), FOOD).id;
    const db = pair.first.database.db;
    const [stand] = await db
      .select({ fairId: stands.fairId, timeZone: fairs.timeZone })
      .from(stands)
      .innerJoin(fairs, eq(fairs.id, stands.fairId))
      .where(eq(stands.id, standId));
    fairId = stand!.fairId;
    timeZone = stand!.timeZone;
    const [recruiter] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, "recruiter@crossfair.test"));
    recruiterId = recruiter!.id;
  });
  afterAll(async () => {
    await pair?.close();
    await inbox?.close();
  });

  /** A candidate (signed up in `language`) with a booked slot `daysAhead` from now. */
  async function booked(language: "fr" | "nl" | "en" | "de", displayName: string, hour = 9) {
    const candidate = await signUpCandidate(pair.first, displayName);
    const db = pair.first.database.db;
    await db.update(users).set({ uiLanguage: language }).where(eq(users.id, candidate.id));
    const [me] = await db
      .select({ email: users.email })
      .from(users)
      .where(eq(users.id, candidate.id));
    const startsAt = new Date(Date.UTC(2031, 2, 12, hour, 0, 0));
    const endsAt = new Date(startsAt.getTime() + 15 * 60_000);
    const [slot] = await db
      .insert(interviewSlots)
      .values({ standId, recruiterId, startsAt, endsAt, createdBy: recruiterId })
      .returning();
    const [booking] = await db
      .insert(slotBookings)
      .values({ slotId: slot!.id, standId, candidateId: candidate.id })
      .returning();
    const event = {
      bookingId: booking!.id,
      slotId: slot!.id,
      standId,
      fairId,
      candidateId: candidate.id,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
    };
    return { ...candidate, email: me!.email, event, startsAt };
  }

  /** Mail to `email` other than the sign-up's verification, matching `matches`. */
  const bookingMail = (email: string, matches: Parameters<SmtpInbox["waitFor"]>[1] = () => true) =>
    inbox.waitFor(
      email,
      (entry) => !(entry.mail.text ?? "").includes("/#/verify-email/") && matches!(entry),
    );
  const bookingMails = (email: string) =>
    inbox.to(email).filter(({ mail }) => !(mail.text ?? "").includes("/#/verify-email/"));

  const calendarOf = (mail: {
    mail: { attachments: { contentType: string; content: Buffer }[] };
  }) => mail.mail.attachments.find((attachment) => attachment.contentType === "application/ics");

  it("confirms a booking in the candidate's language, with its calendar REQUEST", async () => {
    const lea = await booked("fr", "Léa Dubois");
    const other = await booked("en", "Omar Haddad", 10);
    await pair.second.events.emit("booking.made", { ...lea.event, recruiterId });
    await pair.first.events.emit("booking.made", { ...other.event, recruiterId });

    const { to, mail, raw } = await bookingMail(lea.email);
    expect(to).toEqual([lea.email]);
    expect(mail.headers.get("content-language")).toBe("fr");
    expect(mail.subject).toBe("Votre entretien avec Flanders Food Factory est réservé");
    expect(mail.text).toContain("Bonjour Léa Dubois,");
    expect(mail.text).toContain("Journée de l'emploi transfrontalier");
    // The slot's time as the fair's clock shows it, in French.
    const localTime = new Intl.DateTimeFormat("fr-FR", {
      timeZone,
      hour: "2-digit",
      minute: "2-digit",
    }).format(lea.startsAt);
    expect(mail.text).toContain(localTime);
    expect(mail.text).toContain("mars 2031");
    expect(mail.html).toContain('<html lang="fr">');
    expect(mail.html).toContain(`href="https://fair.example.org/#/stands/${standId}"`);

    const attachment = calendarOf({ mail });
    expect(attachment).toBeDefined();
    const ics = calendarProperties(attachment!.content.toString("utf8"));
    expect(ics.get("METHOD")).toEqual(["REQUEST"]);
    expect(ics.get("UID")).toEqual([`booking-${lea.event.bookingId}@fair.example.org`]);
    expect(ics.get("SEQUENCE")).toEqual(["0"]);
    expect(ics.get("DTSTART")).toEqual(["20310312T090000Z"]);
    expect(ics.get("DTEND")).toEqual(["20310312T091500Z"]);
    expect(ics.get("SUMMARY")).toEqual(["Entretien : Flanders Food Factory"]);
    expect(ics.get("URL")).toEqual([`https://fair.example.org/#/stands/${standId}`]);
    expect(ics.get("ORGANIZER")).toEqual(["mailto:no-reply@fair.example.org"]);
    expect(ics.get("ATTENDEE")?.map((value) => value.toLowerCase())).toEqual([
      `mailto:${lea.email}`,
    ]);
    // Calendar clients act on the text/calendar alternative, which says its method too.
    expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);

    // Each gets their own; neither mail names the staff or the other candidate.
    const omar = await bookingMail(other.email);
    expect(omar.mail.subject).toBe("Your interview with Flanders Food Factory is booked");
    for (const secret of [...STAFF_SECRETS, other.email, "Omar Haddad"]) {
      expect(raw).not.toContain(secret);
    }
    for (const secret of [...STAFF_SECRETS, lea.email, "Léa Dubois"]) {
      expect(omar.raw).not.toContain(secret);
    }
  });

  it("reminds while the booking is live, and cancels it with the same UID, saying who", async () => {
    const jan = await booked("nl", "Jan Claes", 11);
    expect(await pair.first.reminders.sendBookingReminder(jan.event.bookingId, "day")).toBe(true);
    const reminder = await bookingMail(jan.email);
    expect(reminder.mail.subject).toBe("Morgen: uw gesprek met Flanders Food Factory");
    expect(reminder.mail.text).toContain("Ter herinnering");
    expect(calendarOf(reminder)).toBeUndefined();

    await pair.first.events.emit("booking.made", { ...jan.event, recruiterId });
    const confirmation = await bookingMail(jan.email, ({ mail }) => !!calendarOf({ mail }));
    const confirmed = calendarProperties(calendarOf(confirmation)!.content.toString("utf8"));

    await pair.first.database.db
      .update(slotBookings)
      .set({ status: "cancelled", cancelledAt: new Date(), cancelledBy: recruiterId })
      .where(eq(slotBookings.id, jan.event.bookingId));
    await pair.second.events.emit("booking.cancelled", { ...jan.event, by: "staff" });
    const cancellation = await bookingMail(jan.email, ({ mail }) =>
      (mail.subject ?? "").includes("geannuleerd"),
    );
    expect(cancellation.mail.subject).toBe("Uw gesprek met Flanders Food Factory is geannuleerd");
    expect(cancellation.mail.text).toContain("Flanders Food Factory heeft uw gesprek van");
    const cancelled = calendarProperties(calendarOf(cancellation)!.content.toString("utf8"));
    expect(cancelled.get("METHOD")).toEqual(["CANCEL"]);
    expect(cancelled.get("STATUS")).toEqual(["CANCELLED"]);
    expect(cancelled.get("UID")).toEqual(confirmed.get("UID"));
    expect(Number(cancelled.get("SEQUENCE")![0])).toBeGreaterThan(
      Number(confirmed.get("SEQUENCE")![0]),
    );
    expect(cancelled.get("DTSTART")).toEqual(confirmed.get("DTSTART"));
    expect(cancellation.raw).toMatch(/method=CANCEL/i);
    for (const secret of STAFF_SECRETS) expect(cancellation.raw).not.toContain(secret);

    // A cancelled booking is reminded of no more.
    const before = bookingMails(jan.email).length;
    expect(await pair.second.reminders.sendBookingReminder(jan.event.bookingId, "hour")).toBe(
      false,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bookingMails(jan.email)).toHaveLength(before);
  });

  it("says so when the candidate cancelled, or the slot was withdrawn", async () => {
    const sophie = await booked("fr", "Sophie Martin", 12);
    await pair.first.events.emit("booking.cancelled", { ...sophie.event, by: "candidate" });
    const own = await bookingMail(sophie.email);
    expect(own.mail.text).toContain("Vous avez annulé votre entretien avec Flanders Food Factory");

    const karl = await booked("de", "Karl Weber", 13);
    await pair.second.events.emit("booking.cancelled", { ...karl.event, by: "slot_withdrawn" });
    const withdrawn = await bookingMail(karl.email);
    expect(withdrawn.mail.subject).toBe("Ihr Gespräch mit Flanders Food Factory ist storniert");
    expect(withdrawn.mail.text).toContain("hat den Termin Ihres Gesprächs");
    expect(withdrawn.mail.headers.get("content-language")).toBe("de");
  });
});
