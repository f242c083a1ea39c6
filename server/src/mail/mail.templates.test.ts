import { describe, expect, it } from "vitest";
import { LANGUAGES } from "@crossfair/shared";
import {
  escapeHtml,
  MAIL_KINDS,
  renderMail,
  type MailKind,
  type MailParams,
} from "./mail.templates.js";
import { maskAddress } from "./mailer.js";

const link = "https://fair.example.org/#/reset-password/abcDEF123_-abcDEF123";
const slot = {
  link,
  standName: "Acme Logistics",
  fairName: "Jobdating Lille–Kortrijk",
  when: "Friday, 12 March 2027, 10:00–10:15 CET",
};
/** Parameters for every kind: each names what its message needs. */
const PARAMS = {
  passwordReset: { name: "Amélie", link },
  emailVerification: { name: "Amélie", link },
  passwordChanged: { name: "Amélie", link },
  signUpAttempt: { name: "Amélie", link, resetLink: "https://fair.example.org/#/forgot-password" },
  bookingConfirmed: { name: "Amélie", ...slot },
  bookingCancelled: { name: "Amélie", ...slot, by: "staff" },
  bookingReminder: { name: "Amélie", ...slot, soon: "day" },
  bookingInvitation: { name: "Amélie", ...slot, message: "" },
  calledAway: { name: "Amélie", link, standName: "Acme Logistics", until: "10:00:30 CET" },
  webinarRegistered: { name: "Amélie", ...slot, title: "Working in Belgium", spoken: "French" },
  webinarChanged: { name: "Amélie", ...slot, title: "Working in Belgium", spoken: "French" },
  webinarCancelled: { name: "Amélie", ...slot, title: "Working in Belgium", spoken: "French" },
  webinarReminder: { name: "Amélie", ...slot, title: "Working in Belgium", spoken: "French" },
} satisfies { [K in MailKind]: MailParams[K] };

describe("mail templates", () => {
  it("has every message in every language, with a subject, a text part and an HTML part", () => {
    const subjects = new Set<string>();
    for (const kind of MAIL_KINDS) {
      for (const language of LANGUAGES) {
        const mail = renderMail(kind, language, PARAMS[kind]);
        expect(mail.subject.trim(), `${kind} ${language}`).not.toBe("");
        expect(mail.text).toContain("Amélie");
        expect(mail.text).toContain(link);
        expect(mail.html).toContain(`<html lang="${language}">`);
        expect(mail.html).toContain("Amélie");
        expect(mail.html).toContain(`href="${link}"`);
        subjects.add(mail.subject);
      }
    }
    // Each language has its own words: no subject is shared by two messages.
    expect(subjects.size).toBe(MAIL_KINDS.length * LANGUAGES.length);
  });

  it("gives a sign-up attempt both links, signing in and choosing a new password", () => {
    const resetLink = "https://fair.example.org/#/forgot-password";
    const mail = renderMail("signUpAttempt", "nl", { name: "Jan", link, resetLink });
    expect(mail.text).toContain(`Aanmelden: ${link}`);
    expect(mail.text).toContain(`Nieuw wachtwoord kiezen: ${resetLink}`);
    expect(mail.html).toContain(`href="${resetLink}"`);
  });

  it("speaks the recipient's language", () => {
    expect(renderMail("passwordReset", "fr", { name: "Léa", link }).text).toMatch(/^Bonjour Léa,/);
    expect(renderMail("passwordReset", "nl", { name: "Jan", link }).subject).toContain(
      "wachtwoord",
    );
    expect(renderMail("emailVerification", "de", { name: "Jan", link }).subject).toContain(
      "E-Mail-Adresse",
    );
  });

  it("escapes what a person typed in the HTML part, and keeps the text part as typed", () => {
    const name = `<script>alert("x")</script> & O'Brien`;
    const mail = renderMail("emailVerification", "en", { name, link: `${link}"><b>` });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).not.toContain('"><b>');
    expect(mail.html).toContain(escapeHtml(name));
    expect(mail.html).toContain(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; O&#39;Brien",
    );
    expect(mail.text).toContain(name);
  });

  it("names the stand, the fair and the slot's time in the booking mails", () => {
    for (const kind of ["bookingConfirmed", "bookingCancelled", "bookingReminder"] as const) {
      for (const language of LANGUAGES) {
        const mail = renderMail(kind, language, PARAMS[kind]);
        expect(mail.subject, `${kind} ${language}`).toContain("Acme Logistics");
        expect(mail.text).toContain("Acme Logistics");
        expect(mail.text).toContain(slot.when);
        if (kind === "bookingConfirmed") expect(mail.text).toContain(slot.fairName);
      }
    }
    expect(renderMail("calledAway", "nl", PARAMS.calledAway).text).toContain(
      "Kom terug voor 10:00:30 CET",
    );
  });

  it("says who cancelled, in the candidate's language", () => {
    const cancelled = (by: "candidate" | "staff" | "slot_withdrawn", language: "en" | "fr") =>
      renderMail("bookingCancelled", language, { ...PARAMS.bookingCancelled, by }).text;
    expect(cancelled("candidate", "en")).toContain("You cancelled your interview with Acme");
    expect(cancelled("staff", "en")).toContain("Acme Logistics cancelled your interview");
    expect(cancelled("slot_withdrawn", "en")).toContain("withdrew the slot");
    expect(cancelled("candidate", "fr")).toContain("Vous avez annulé votre entretien");
    expect(cancelled("staff", "fr")).toContain("Acme Logistics a annulé votre entretien");
    expect(cancelled("slot_withdrawn", "fr")).toContain("a retiré le créneau");
    const reminder = (soon: "day" | "hour") =>
      renderMail("bookingReminder", "de", { ...PARAMS.bookingReminder, soon }).subject;
    expect(reminder("day")).toMatch(/^Morgen:/);
    expect(reminder("hour")).toMatch(/^In einer Stunde:/);
  });

  it("quotes a staff member's message as typed, escaped in HTML, and only when there is one", () => {
    const message = "Bring your <CV> & portfolio,\nsee you!";
    const mail = renderMail("bookingInvitation", "en", { ...PARAMS.bookingInvitation, message });
    expect(mail.text).toContain("> Bring your <CV> & portfolio,\n> see you!");
    expect(mail.html).toContain("Bring your &lt;CV&gt; &amp; portfolio,");
    expect(mail.html).not.toContain("<CV>");
    const bare = renderMail("bookingInvitation", "en", PARAMS.bookingInvitation);
    expect(bare.text).not.toContain("Their message");
    expect(bare.html).not.toContain("<blockquote");
  });

  it("masks addresses for the log", () => {
    expect(maskAddress("candidate@crossfair.test")).toBe("c***@***.test");
    expect(maskAddress("nobody")).toBe("n***@***");
  });
});
