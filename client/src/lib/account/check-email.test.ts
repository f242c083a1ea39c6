import { describe, expect, it } from "vitest";
import type { CheckEmailAnswer } from "@crossfair/shared";
import type { HttpResult } from "../http/http.client.js";
import { CheckEmail, DevMessage } from "./check-email.js";

const MESSAGE_ID = "0d9c2c4e-4a53-4b8f-9d4c-2f1f3b7c9a10";
const OTHER_ID = "6b1a7e2f-3c4d-4e5f-8a9b-0c1d2e3f4a5b";

describe("check your email", () => {
  it("keeps the address and the development message, and asks for a new link", async () => {
    const asked: string[] = [];
    const answers: HttpResult<CheckEmailAnswer>[] = [
      { ok: false, code: "rate_limited", message: "slow down" },
      { ok: true, data: { status: "check_email", devMailbox: { messageId: OTHER_ID } } },
    ];
    const check = new CheckEmail(async (email) => {
      asked.push(email);
      return answers.shift()!;
    });
    check.start("amira@example.org", {
      status: "check_email",
      devMailbox: { messageId: MESSAGE_ID },
    });
    expect(check.state).toEqual({
      email: "amira@example.org",
      devMessageId: MESSAGE_ID,
      resend: "idle",
      error: null,
    });
    await check.resend();
    expect(check.state).toMatchObject({ resend: "idle", error: "rate_limited" });
    await check.resend();
    expect(check.state).toMatchObject({ resend: "sent", error: null, devMessageId: OTHER_ID });
    expect(asked).toEqual(["amira@example.org", "amira@example.org"]);
  });

  it("shows no development message when the server names none", () => {
    const check = new CheckEmail(async () => ({ ok: true, data: { status: "check_email" } }));
    check.start("amira@example.org", { status: "check_email" });
    expect(check.state.devMessageId).toBeNull();
  });

  it("loads the named message from the development mailbox", async () => {
    const urls: string[] = [];
    const message = {
      id: MESSAGE_ID,
      kind: "emailVerification",
      to: "amira@example.org",
      subject: "Confirm",
      text: "Confirm: https://x/#/verify-email/abc",
      links: ["/verify-email/abc"],
    };
    const dev = new DevMessage(async (url) => {
      urls.push(String(url));
      return new Response(JSON.stringify(message), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    });
    await dev.load(MESSAGE_ID);
    expect(urls).toEqual([`/api/dev-mailbox/${MESSAGE_ID}`]);
    expect(dev.state).toEqual({ status: "shown", message });
    await dev.load(MESSAGE_ID);
    expect(urls).toHaveLength(1);
  });
});
