import { Writable } from "node:stream";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { DevMailbox, Mailer, type MailTransport, type OutgoingMail } from "./mailer.js";

const captured = () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, log: pino({ level: "info" }, stream) };
};

const mail = (index: number): OutgoingMail => ({
  kind: "passwordReset",
  to: `person-${index}@example.org`,
  language: "en",
  subject: `Subject ${index}`,
  text: `secret link ${index}`,
  html: `<p>secret link ${index}</p>`,
});

describe("development mailbox", () => {
  it("keeps the last 200 mails, newest first, and logs one line without personal data", async () => {
    const { lines, log } = captured();
    const mailbox = new DevMailbox(log);
    for (let index = 0; index < 205; index += 1) await mailbox.deliver(mail(index));
    expect(mailbox.list()).toHaveLength(200);
    expect(mailbox.list()[0]?.to).toBe("person-204@example.org");
    expect(mailbox.list()[199]?.to).toBe("person-5@example.org");
    expect(lines).toHaveLength(205);
    const last = JSON.parse(lines.at(-1) ?? "{}") as Record<string, unknown>;
    expect(last).toMatchObject({ mail: "passwordReset", to: "p***@***.org" });
    expect(lines.join("")).not.toMatch(/person-|secret link|Subject/);
  });
});

describe("mailer", () => {
  it("logs a failed delivery without the address or the server's words, and does not throw", async () => {
    const { lines, log } = captured();
    const failing: MailTransport = {
      deliver: () =>
        Promise.reject(
          Object.assign(new Error("550 person-1@example.org: no such user"), {
            code: "EENVELOPE",
            responseCode: 550,
          }),
        ),
      close: async () => undefined,
    };
    const mailer = new Mailer(failing, log);
    await expect(mailer.send(mail(1))).resolves.toBeUndefined();
    await mailer.close();
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({ code: "EENVELOPE", responseCode: 550 });
    expect(lines[0]).not.toContain("person-1");
  });
});
