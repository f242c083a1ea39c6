/**
 * Sign-up never tells who is registered. On both databases: a new email and a
 * taken one are answered alike (status, body, headers but the date, no
 * cookie); the unverified account cannot sign in (`email_unverified`) until
 * its link is followed, which verifies it and signs in once; "send the link
 * again" answers alike and is limited per address; the development mailbox
 * shows exactly the message a sign-up named. Against a real SMTP server: the
 * answers are byte for byte the same, and the mails differ as they should (a
 * verification link for the newcomer; for the owner, in their language, a
 * notice with links to sign in and to choose a new password). In production
 * no answer names a message.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentMessageSchema } from "@crossfair/shared";
import { buildTestApp, type TestApp } from "../support/app.js";
import { onEveryDatabase } from "../support/every-database.js";
import {
  redisServerAvailable,
  startRedisInstance,
  type RedisInstance,
} from "../support/redis-instance.js";
import { followVerification, signUpVerified, verificationToken } from "../support/sign-up.js";
import { startSmtpInbox, type SmtpInbox } from "../support/smtp-inbox.js";

const PASSWORD = "a long enough password";
let unique = 0;
const freshEmail = (what: string) =>
  `${what}-${randomBytes(4).toString("hex")}-${(unique += 1)}@crossfair.test`;
/** A fresh client address per request: the per-address limit's headers then read the same. */
let addresses = 0;
const freshAddress = () => {
  addresses += 1;
  return `10.17.${Math.floor(addresses / 250)}.${(addresses % 250) + 1}`;
};

const signUp = (app: TestApp, payload: Record<string, string>) =>
  app.http.inject({
    method: "POST",
    url: "/api/auth/sign-up",
    remoteAddress: freshAddress(),
    payload,
  });

const post = (app: TestApp, url: string, payload: Record<string, string>) =>
  app.http.inject({ method: "POST", url, remoteAddress: freshAddress(), payload });

/** What an observer sees of an answer, the date and the named message's id aside. */
function observable(response: {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}) {
  const headers = { ...response.headers };
  delete headers.date;
  const body = response.body.replace(/"messageId":"[0-9a-f-]{36}"/, '"messageId":"…"');
  return { status: response.statusCode, headers, body };
}

await onEveryDatabase((backend, env) => {
  describe(`neutral sign-up on ${backend}`, () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await buildTestApp({ ...env(), SIGN_IN_PER_ACCOUNT: "3" });
    });
    afterAll(async () => app?.dispose());

    it("answers a new email and a taken one alike, and signs nobody in", async () => {
      const taken = freshEmail("taken");
      await signUpVerified(app, { email: taken, password: PASSWORD, displayName: "Owner" });
      const fresh = await signUp(app, {
        email: freshEmail("fresh"),
        password: PASSWORD,
        displayName: "Newcomer",
      });
      const again = await signUp(app, {
        email: taken.toUpperCase(),
        password: "some other password",
        displayName: "Intruder",
      });
      expect(fresh.statusCode).toBe(202);
      expect(fresh.json()).toMatchObject({ status: "check_email" });
      expect(observable(again)).toEqual(observable(fresh));
      expect(fresh.cookies).toEqual([]);
      expect(again.cookies).toEqual([]);
      expect(fresh.headers["set-cookie"]).toBeUndefined();
      // The owner's password is theirs still.
      const signIn = await post(app, "/api/auth/sign-in", { email: taken, password: PASSWORD });
      expect(signIn.statusCode).toBe(200);
    });

    it("refuses an unverified sign-in with email_unverified, after the password only", async () => {
      const email = freshEmail("unverified");
      await signUp(app, { email, password: PASSWORD, displayName: "Waiting" });
      const refused = await post(app, "/api/auth/sign-in", { email, password: PASSWORD });
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ error: { code: "email_unverified" } });
      expect(refused.cookies).toEqual([]);
      const wrong = await post(app, "/api/auth/sign-in", { email, password: "not the password" });
      expect(wrong.json()).toMatchObject({ error: { code: "invalid_credentials" } });
    });

    it("verifies and signs in by the link, once; a replayed link is refused", async () => {
      const email = freshEmail("link");
      await signUp(app, { email, password: PASSWORD, displayName: "Linked", uiLanguage: "nl" });
      const token = await verificationToken(app, email);
      const { user, cookie } = await followVerification(app, token);
      expect(user).toMatchObject({ email, displayName: "Linked", uiLanguage: "nl" });
      const me = await app.http.inject({ url: "/api/auth/me", headers: { cookie } });
      expect(me.json()).toMatchObject({ user: { email } });
      const replayed = await post(app, "/api/auth/email/verify", { token });
      expect(replayed.statusCode).toBe(400);
      expect(replayed.json()).toMatchObject({ error: { code: "invalid_token" } });
      expect(replayed.cookies).toEqual([]);
      expect((await post(app, "/api/auth/sign-in", { email, password: PASSWORD })).statusCode).toBe(
        200,
      );
    });

    it("sends the link again, replacing the old one, and limits asking per address", async () => {
      const email = freshEmail("resend");
      await signUp(app, { email, password: PASSWORD, displayName: "Forgetful" });
      const first = await verificationToken(app, email);
      const resent = await post(app, "/api/auth/email/resend", { email });
      expect(resent.statusCode).toBe(202);
      expect(resent.json()).toMatchObject({ status: "check_email" });
      const second = await verificationToken(app, email);
      expect(second).not.toBe(first);
      expect((await post(app, "/api/auth/email/verify", { token: first })).statusCode).toBe(400);
      // Unknown and verified addresses are answered alike (no message named: none was sent).
      const unknown = await post(app, "/api/auth/email/resend", { email: freshEmail("nobody") });
      const verified = await post(app, "/api/auth/email/resend", {
        email: "candidate@crossfair.test",
      });
      expect(unknown.statusCode).toBe(202);
      expect(observable(verified)).toEqual(observable(unknown));
      // Three asks per address and quarter hour (SIGN_IN_PER_ACCOUNT here), from any client.
      await post(app, "/api/auth/email/resend", { email });
      await post(app, "/api/auth/email/resend", { email });
      const limited = await post(app, "/api/auth/email/resend", { email: email.toUpperCase() });
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toMatchObject({ error: { code: "rate_limited" } });
      // The newest link works; every earlier one was replaced.
      const newest = await verificationToken(app, email);
      expect((await post(app, "/api/auth/email/verify", { token: second })).statusCode).toBe(400);
      expect((await followVerification(app, newest)).user.email).toBe(email);
    });

    it("shows the demo visitor exactly the message their sign-up named", async () => {
      const email = freshEmail("demo");
      const answer = await signUp(app, { email, password: PASSWORD, displayName: "Visitor" });
      const { devMailbox } = answer.json() as { devMailbox?: { messageId: string } };
      expect(devMailbox?.messageId).toMatch(/^[0-9a-f-]{36}$/);
      const shown = await app.http.inject({ url: `/api/dev-mailbox/${devMailbox?.messageId}` });
      expect(shown.statusCode).toBe(200);
      expect(shown.headers["cache-control"]).toBe("no-store");
      const message = sentMessageSchema.parse(shown.json());
      expect(message).toMatchObject({ kind: "emailVerification", to: email });
      const link = message.links.find((path) => path.startsWith("/verify-email/"));
      const token = link?.slice("/verify-email/".length) ?? "";
      expect((await followVerification(app, token)).user.email).toBe(email);

      // A taken email: the notice meant for its owner, with its two links.
      const taken = await signUp(app, { email, password: PASSWORD, displayName: "Again" });
      const attempt = (taken.json() as { devMailbox?: { messageId: string } }).devMailbox;
      const notice = sentMessageSchema.parse(
        (await app.http.inject({ url: `/api/dev-mailbox/${attempt?.messageId}` })).json(),
      );
      expect(notice.kind).toBe("signUpAttempt");
      expect(notice.links).toEqual(["/sign-in", "/forgot-password"]);
      const unknown = await app.http.inject({
        url: "/api/dev-mailbox/00000000-0000-4000-8000-000000000000",
      });
      expect(unknown.statusCode).toBe(404);
    });
  });
});

describe("neutral sign-up over SMTP", () => {
  let inbox: SmtpInbox;
  let app: TestApp;
  beforeAll(async () => {
    inbox = await startSmtpInbox();
    app = await buildTestApp({ SMTP_URL: inbox.url, PUBLIC_URL: "https://fair.example.org" });
  });
  afterAll(async () => {
    await app?.dispose();
    await inbox?.close();
  });

  it("answers byte for byte alike, and mails the newcomer a link and the owner a notice", async () => {
    const owner = freshEmail("owner");
    await signUpVerified(app, {
      email: owner,
      password: PASSWORD,
      displayName: "Jonas Peeters",
      uiLanguage: "de",
    });
    const newcomer = freshEmail("newcomer");
    const fresh = await signUp(app, {
      email: newcomer,
      password: PASSWORD,
      displayName: "Amélie",
      uiLanguage: "fr",
    });
    const taken = await signUp(app, {
      email: owner,
      password: PASSWORD,
      displayName: "Quelqu'un",
      uiLanguage: "fr",
    });
    expect(fresh.body).toBe('{"status":"check_email"}');
    expect(observable(taken)).toEqual(observable(fresh));
    expect(taken.body).toBe(fresh.body);

    const welcome = await inbox.waitFor(newcomer);
    expect(welcome.mail.subject).toBe("Confirmez votre adresse e-mail pour Crossfair");
    expect(welcome.mail.text).toMatch(/https:\/\/fair\.example\.org\/#\/verify-email\/[\w-]{43}/);

    const notice = await inbox.waitFor(owner, ({ mail }) => !/verify-email/.test(mail.text ?? ""));
    expect(notice.mail.headers.get("content-language")).toBe("de");
    expect(notice.mail.subject).toBe(
      "Jemand wollte sich mit Ihrer E-Mail-Adresse bei Crossfair registrieren",
    );
    expect(notice.mail.text).toContain("Guten Tag Jonas Peeters,");
    expect(notice.mail.text).toContain("Anmelden: https://fair.example.org/#/sign-in");
    expect(notice.mail.text).toContain(
      "Neues Passwort wählen: https://fair.example.org/#/forgot-password",
    );
    expect(notice.mail.html).toContain('href="https://fair.example.org/#/forgot-password"');
    // No link that signs anyone in or resets anything by itself.
    expect(notice.mail.text).not.toMatch(/verify-email|reset-password/);
    // With SMTP there is no development mailbox to read.
    const anyId = "00000000-0000-4000-8000-000000000000";
    expect((await app.http.inject({ url: `/api/dev-mailbox/${anyId}` })).statusCode).toBe(404);
  });
});

const redisAvailable = await redisServerAvailable();

describe.runIf(redisAvailable)("sign-up in production without SMTP", () => {
  let redis: RedisInstance;
  let app: TestApp;
  beforeAll(async () => {
    redis = await startRedisInstance();
    app = await buildTestApp({
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: `crossfair-test-${randomBytes(4).toString("hex")}`,
      NODE_ENV: "production",
    });
  });
  afterAll(async () => {
    await app?.dispose();
    await redis?.stop();
  });

  it("names no message, and serves no development mailbox", async () => {
    const answer = await signUp(app, {
      email: freshEmail("prod"),
      password: PASSWORD,
      displayName: "Prod",
    });
    expect(answer.statusCode).toBe(202);
    expect(answer.body).toBe('{"status":"check_email"}');
    const kept = app.mailbox?.list()[0];
    expect(kept?.kind).toBe("emailVerification");
    expect((await app.http.inject({ url: `/api/dev-mailbox/${kept?.id}` })).statusCode).toBe(404);
  });
});
