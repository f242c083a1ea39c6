import { describe, expect, it } from "vitest";
import { MailboxManager } from "./mailbox.manager.js";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

const mail = {
  id: "0f8fad5b-d9cb-469f-a165-70867728950e",
  sentAt: "2026-12-04T18:00:00.000Z",
  kind: "passwordReset",
  to: "candidate@crossfair.test",
  language: "fr",
  subject: "Réinitialisez votre mot de passe Crossfair",
  text: "Bonjour",
};

describe("development mailbox", () => {
  it("lists the kept mails", async () => {
    const manager = new MailboxManager(async () => json({ messages: [mail] }));
    await manager.load();
    expect(manager.state).toEqual({ status: "ready", messages: [mail] });
  });

  it("says there is none when mail goes to an SMTP server", async () => {
    const manager = new MailboxManager(async () =>
      json({ error: { code: "not_found", message: "mail goes to the SMTP server" } }, 404),
    );
    await manager.load();
    expect(manager.state).toEqual({ status: "unavailable" });
  });

  it("keeps the failure's code otherwise", async () => {
    const manager = new MailboxManager(async () =>
      json({ error: { code: "forbidden", message: "only for: fair_admin" } }, 403),
    );
    await manager.load();
    expect(manager.state).toEqual({ status: "failed", code: "forbidden" });
  });
});
