/**
 * What a group session's registrants are told, over a real SMTP server and
 * real sockets: the registration confirmed in their language with a calendar
 * REQUEST (one UID per session and candidate), a change of time with the same
 * UID at a higher SEQUENCE, the cancellation's CANCEL higher still, and 15
 * minutes before the start the reminder job (on the job scheduler, the app on
 * a test clock set just before that moment) mails them and pushes
 * `webinar:startingSoon` to every page of theirs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Language } from "@crossfair/shared";
import { buildTestApp, testClock, type TestApp } from "../../support/app.js";
import { listeningUrl } from "../../support/interview-start.js";
import { signInCookie } from "../../support/session.js";
import { signUpVerified } from "../../support/sign-up.js";
import { openDemoFairAhead } from "../../support/slots.js";
import { calendarProperties, startSmtpInbox, type SmtpInbox } from "../../support/smtp-inbox.js";
import { connectClient, nextEvent, type TestSocket } from "../../support/socket-client.js";
import { scheduleWebinar, webinarBody } from "../../support/webinar-schedule.js";
import {
  ADMIN,
  LOGISTICS,
  STAND_ADMIN,
  call,
  hallOf,
  standIn,
  userIdOf,
} from "../application-fixture.js";

const LEAD_MS = 4_000;
let counter = 0;

describe("group-session mail and reminders", { timeout: 60_000 }, () => {
  const clock = testClock();
  let inbox: SmtpInbox;
  let app: TestApp;
  let baseUrl: string;
  let standAdmin: string;
  let standAdminId: string;
  let standId: string;
  let dates: string[];
  const sockets: TestSocket[] = [];

  const candidate = async (uiLanguage: Language, displayName: string) => {
    const email = `webinar-${Date.now()}-${(counter += 1)}@crossfair.test`;
    const { user, cookie } = await signUpVerified(app, {
      email,
      password: "a long enough password",
      displayName,
      uiLanguage,
    });
    return { id: user.id, email, cookie };
  };
  const sessionMail = (email: string, subject: (s: string) => boolean) =>
    inbox.waitFor(email, ({ mail }) => subject(mail.subject ?? ""), 10_000);
  const calendarOf = (received: {
    mail: { attachments: { contentType: string; content: Buffer }[] };
  }) => {
    const found = received.mail.attachments.find((a) => a.contentType === "application/ics");
    return found ? calendarProperties(found.content.toString("utf8")) : undefined;
  };

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    app = await buildTestApp(
      {
        SMTP_URL: inbox.url,
        MAIL_FROM: "Crossfair <no-reply@fair.example.org>",
        PUBLIC_URL: "https://fair.example.org/",
      },
      undefined,
      undefined,
      { clock: clock.now },
    );
    baseUrl = await listeningUrl(app);
    dates = await openDemoFairAhead(app, await signInCookie(app, ADMIN));
    standAdmin = await signInCookie(app, STAND_ADMIN);
    standAdminId = await userIdOf(app, standAdmin);
    standId = standIn(await hallOf(app), LOGISTICS).id;
  }, 60_000);
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await app?.dispose();
    await inbox?.close();
  });

  it("confirms, moves and cancels a registration with one calendar event", async () => {
    const webinar = await scheduleWebinar(
      app,
      standAdmin,
      standId,
      webinarBody(dates[1]!, "10:00", [standAdminId]),
    );
    const ines = await candidate("nl", "Ines Janssens");
    await call(app, "POST", `/api/webinars/${webinar.id}/registration`, ines.cookie);
    // Asking again is answered the same, and mailed once.
    await call(app, "POST", `/api/webinars/${webinar.id}/registration`, ines.cookie);

    const confirmed = await sessionMail(ines.email, (s) => s.startsWith("U bent ingeschreven"));
    expect(confirmed.mail.subject).toBe("U bent ingeschreven: Werken over de grens");
    expect(confirmed.mail.text).toContain("Beste Ines Janssens,");
    expect(confirmed.mail.text).toContain("in het Frans");
    expect(confirmed.mail.html).toContain(
      `href="https://fair.example.org/#/webinars/${webinar.id}"`,
    );
    const request = calendarOf(confirmed)!;
    const uid = `webinar-${webinar.id}-${ines.id}@fair.example.org`;
    expect(request.get("METHOD")).toEqual(["REQUEST"]);
    expect(request.get("UID")).toEqual([uid]);
    expect(request.get("SEQUENCE")).toEqual(["0"]);
    expect(request.get("SUMMARY")).toEqual([`Sessie: Werken over de grens (${LOGISTICS})`]);

    const moved = await call(
      app,
      "PUT",
      `/api/webinars/${webinar.id}`,
      standAdmin,
      webinarBody(dates[1]!, "15:00", [standAdminId]),
    );
    expect(moved.statusCode).toBe(200);
    const change = await sessionMail(ines.email, (s) => s.startsWith("Nieuw tijdstip"));
    const changed = calendarOf(change)!;
    expect(changed.get("UID")).toEqual([uid]);
    expect(changed.get("SEQUENCE")).toEqual(["1"]);
    expect(changed.get("DTSTART")).not.toEqual(request.get("DTSTART"));

    await call(app, "DELETE", `/api/webinars/${webinar.id}`, standAdmin);
    const cancellation = await sessionMail(ines.email, (s) => s.startsWith("Geannuleerd"));
    const cancelled = calendarOf(cancellation)!;
    expect(cancelled.get("METHOD")).toEqual(["CANCEL"]);
    expect(cancelled.get("UID")).toEqual([uid]);
    expect(cancelled.get("SEQUENCE")).toEqual(["2"]);
    expect(cancellation.raw).toMatch(/method=CANCEL/i);
    expect(cancellation.raw).not.toContain(STAND_ADMIN);
    const confirmations = inbox
      .to(ines.email)
      .filter(({ mail }) => (mail.subject ?? "").startsWith("U bent ingeschreven"));
    expect(confirmations).toHaveLength(1);
  });

  it("reminds the registrants 15 minutes before, by mail and on their open pages", async () => {
    const anna = await candidate("de", "Anna Becker");
    const notRegistered = await candidate("fr", "Paul Lefèvre");
    const annaPage = (await connectClient(baseUrl, anna.cookie)).socket;
    const paulPage = (await connectClient(baseUrl, notRegistered.cookie)).socket;
    sockets.push(annaPage, paulPage);
    const paulHeard: unknown[] = [];
    paulPage.on("webinar:startingSoon", (payload) => paulHeard.push(payload));

    // The app's clock just before the reminder's moment; the job runs on the wall clock.
    const body = webinarBody(dates[2]!, "11:00", [standAdminId]);
    const startsAt = Date.parse(body.startsAt);
    clock.setNow(startsAt - 15 * 60_000 - LEAD_MS);
    const webinar = await scheduleWebinar(app, standAdmin, standId, body);
    await call(app, "POST", `/api/webinars/${webinar.id}/registration`, anna.cookie);
    const pushed = nextEvent(
      annaPage,
      "webinar:startingSoon",
      (p) => p.webinarId === webinar.id,
      15_000,
    );

    expect(await pushed).toEqual({
      webinarId: webinar.id,
      startsAt: webinar.startsAt,
      title: {
        nl: "Werken over de grens",
        fr: "Travailler au-delà de la frontière",
        en: "Working across the border",
      },
    });
    const reminder = await sessionMail(anna.email, (s) => s.startsWith("In 15 Minuten"));
    expect(reminder.mail.subject).toBe("In 15 Minuten: Working across the border");
    expect(reminder.mail.text).toContain("Guten Tag Anna Becker,");
    expect(reminder.mail.text).toContain("auf Französisch");
    expect(calendarOf(reminder)).toBeUndefined();
    expect(paulHeard).toEqual([]);
    expect(
      inbox.to(notRegistered.email).filter(({ mail }) => mail.subject?.includes("15")),
    ).toEqual([]);
  });

  it("sends no reminder for a session cancelled before its moment", async () => {
    const body = webinarBody(dates[2]!, "14:00", [standAdminId]);
    const startsAt = Date.parse(body.startsAt);
    const ole = await candidate("en", "Ole Hansen");
    clock.setNow(startsAt - 15 * 60_000 - LEAD_MS);
    const webinar = await scheduleWebinar(app, standAdmin, standId, body);
    await call(app, "POST", `/api/webinars/${webinar.id}/registration`, ole.cookie);
    await call(app, "DELETE", `/api/webinars/${webinar.id}`, standAdmin);
    await sessionMail(ole.email, (s) => s.startsWith("Cancelled"));
    await new Promise((resolve) => setTimeout(resolve, LEAD_MS + 2_500));
    expect(
      inbox.to(ole.email).filter(({ mail }) => (mail.subject ?? "").startsWith("Starting in")),
    ).toEqual([]);
  });
});
