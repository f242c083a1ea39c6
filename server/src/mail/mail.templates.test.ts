import { describe, expect, it } from "vitest";
import { LANGUAGES } from "@crossfair/shared";
import { escapeHtml, MAIL_KINDS, renderMail } from "./mail.templates.js";
import { maskAddress } from "./mailer.js";

const link = "https://fair.example.org/#/reset-password/abcDEF123_-abcDEF123";

describe("mail templates", () => {
  it("has every message in every language, with a subject, a text part and an HTML part", () => {
    const subjects = new Set<string>();
    for (const kind of MAIL_KINDS) {
      for (const language of LANGUAGES) {
        const mail = renderMail(kind, language, { name: "Amélie", link });
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

  it("masks addresses for the log", () => {
    expect(maskAddress("candidate@crossfair.test")).toBe("c***@***.test");
    expect(maskAddress("nobody")).toBe("n***@***");
  });
});
