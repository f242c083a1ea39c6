/**
 * Guards the register of every mail: formal in Dutch (u/uw), French (vous)
 * and German (Sie), as the UI (see ARCHITECTURE.md, "Copy"). Each message is
 * rendered in each of its variants, so words chosen by a parameter count too.
 */
import { describe, expect, it } from "vitest";
import { informalWordsIn, LANGUAGES } from "@crossfair/shared";
import { MAIL_KINDS, renderMail, type MailKind, type MailParams } from "./mail.templates.js";

const link = "https://fair.example.org/#/stand/1";
const slot = {
  name: "Amélie",
  link,
  standName: "Acme",
  fairName: "Jobdating",
  when: "12 March 2027, 10:00",
};
const webinar = { ...slot, title: "Frontaliers", spoken: "français" };
/** Every variant of every kind's parameters. */
const VARIANTS = {
  passwordReset: [{ name: "Amélie", link }],
  emailVerification: [{ name: "Amélie", link }],
  passwordChanged: [{ name: "Amélie", link }],
  bookingConfirmed: [slot],
  bookingCancelled: [
    { ...slot, by: "candidate" },
    { ...slot, by: "staff" },
    { ...slot, by: "slot_withdrawn" },
  ],
  bookingReminder: [
    { ...slot, soon: "day" },
    { ...slot, soon: "hour" },
  ],
  bookingInvitation: [
    { ...slot, message: "" },
    { ...slot, message: "Welkom" },
  ],
  calledAway: [{ name: "Amélie", link, standName: "Acme", until: "10:00:30" }],
  signUpAttempt: [{ name: "Amélie", link, resetLink: link }],
  webinarRegistered: [{ ...webinar }],
  webinarChanged: [{ ...webinar }],
  webinarCancelled: [{ ...webinar }],
  webinarReminder: [{ ...webinar }],
} satisfies { [K in MailKind]: MailParams[K][] };

describe("mail copy register", () => {
  it.each(LANGUAGES.filter((language) => language !== "en"))(
    "%s speaks formally in every mail",
    (language) => {
      const informal: string[] = [];
      for (const kind of MAIL_KINDS) {
        for (const params of VARIANTS[kind] as MailParams[typeof kind][]) {
          const mail = renderMail(kind, language, params as never);
          const words = informalWordsIn(language, `${mail.subject}\n${mail.text}`);
          const variant = "by" in params ? params.by : "soon" in params ? params.soon : "";
          if (words.length > 0) informal.push(`${kind} ${variant}: ${words.join(", ")}`);
        }
      }
      expect(informal).toEqual([]);
    },
  );
});
