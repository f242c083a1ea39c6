/**
 * The account's lifecycle by email, against a real SMTP server started here
 * (`smtp-server`, on a random port) and two server processes sharing
 * PostgreSQL and Redis that send to it: the reset mail reaches the right
 * person in their language with both parts, its link works once; an unknown
 * email is answered the same and gets no mail; a password change or reset
 * ends sessions and cuts their sockets in both processes; the verification
 * link verifies the account and signs the person in, once (sign-in asks for it).
 */
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@crossfair/server/auth/auth.schema";
import { startAppPair, type AppPair } from "../support/shared-stores.js";
import type { TestSocket } from "../support/socket-client.js";
import { buildTestApp, type TestApp } from "../support/app.js";
import { signInCookie } from "../support/session.js";

interface Received {
  /** The envelope's recipients: where the SMTP server was told to deliver. */
  to: string[];
  mail: ParsedMail;
}

const PASSWORD = "a long enough password";

const disconnected = (socket: TestSocket, timeoutMs = 5_000) =>
  new Promise<string>((resolve, reject) => {
    if (socket.disconnected) return resolve("already");
    const timer = setTimeout(() => reject(new Error("still connected")), timeoutMs);
    socket.once("disconnect", (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });

const cookieOf = (response: { cookies: { name: string; value: string }[] }) =>
  `cf_session=${response.cookies.find((entry) => entry.name === "cf_session")?.value ?? ""}`;

describe("account mail over SMTP", () => {
  const received: Received[] = [];
  let smtp: SMTPServer;
  let pair: AppPair;
  let unique = 0;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream).then(
          (mail) => {
            received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), mail });
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    const { port } = smtp.server.address() as AddressInfo;
    pair = await startAppPair({
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_FROM: "Crossfair <no-reply@fair.example.org>",
      MAIL_REPLY_TO: "help@fair.example.org",
      PUBLIC_URL: "https://fair.example.org/",
    });
  });
  afterAll(async () => {
    await pair?.close();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  });

  /** A sign-up whose verification link nobody followed yet. */
  const signUpUnverified = async (app: TestApp, uiLanguage: string, displayName: string) => {
    const email = `mail-${Date.now().toString(36)}-${(unique += 1)}@crossfair.test`;
    const response = await app.http.inject({
      method: "POST",
      url: "/api/auth/sign-up",
      payload: { email, password: PASSWORD, displayName, uiLanguage },
    });
    expect(response.statusCode).toBe(202);
    return email;
  };

  /** A signed-up account whose mailed link was followed: its email and session. */
  const signUp = async (app: TestApp, uiLanguage: string, displayName = "Camille Martin") => {
    const email = await signUpUnverified(app, uiLanguage, displayName);
    const { token } = await mailTo(email, "verify-email");
    const verified = await post(app, "/api/auth/email/verify", { token });
    expect(verified.statusCode).toBe(200);
    return { email, cookie: cookieOf(verified) };
  };

  const signIn = async (app: TestApp, email: string, password: string) =>
    app.http.inject({ method: "POST", url: "/api/auth/sign-in", payload: { email, password } });

  /** The mail to `email` whose link opens `page`, once it has arrived. */
  const mailTo = async (email: string, page: string, timeoutMs = 5_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = received.find(
        ({ to, mail }) => to.includes(email) && (mail.text ?? "").includes(`/#/${page}`),
      );
      if (found) {
        const token = (found.mail.text ?? "").match(new RegExp(`/#/${page}/([A-Za-z0-9_-]+)`))?.[1];
        return { ...found, token: token ?? "" };
      }
      if (Date.now() > deadline) throw new Error(`no ${page} mail to ${email}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  const post = (app: TestApp, url: string, payload?: Record<string, string>, cookie?: string) =>
    app.http.inject({
      method: "POST",
      url,
      ...(payload === undefined ? {} : { payload }),
      ...(cookie ? { headers: { cookie } } : {}),
    });

  it("mails a reset link in the person's language, with both parts, that works once", async () => {
    const { email } = await signUp(pair.first, "fr", "Léa <b>Dubois</b>");
    const asked = await post(pair.second, "/api/auth/password/forgot", { email });
    expect(asked.statusCode).toBe(204);

    const { to, mail, token } = await mailTo(email, "reset-password");
    expect(to).toEqual([email]);
    expect(mail.to && "value" in mail.to ? mail.to.value.map((a) => a.address) : []).toEqual([
      email,
    ]);
    expect(mail.from?.value[0]?.address).toBe("no-reply@fair.example.org");
    expect(mail.replyTo?.value[0]?.address).toBe("help@fair.example.org");
    expect(mail.headers.get("content-language")).toBe("fr");
    expect(mail.subject).toBe("Réinitialisez votre mot de passe Crossfair");
    expect(mail.text).toContain("Bonjour Léa <b>Dubois</b>,");
    expect(mail.html).toContain('<html lang="fr">');
    expect(mail.html).toContain("Léa &lt;b&gt;Dubois&lt;/b&gt;");
    expect(mail.html).toContain(`href="https://fair.example.org/#/reset-password/${token}"`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const reset = await post(pair.first, "/api/auth/password/reset", {
      token,
      password: "a brand new password",
    });
    expect(reset.statusCode).toBe(204);
    expect((await signIn(pair.first, email, "a brand new password")).statusCode).toBe(200);
    expect((await signIn(pair.first, email, PASSWORD)).statusCode).toBe(401);

    const again = await post(pair.second, "/api/auth/password/reset", {
      token,
      password: "yet another password",
    });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ error: { code: "invalid_token" } });
    expect((await signIn(pair.first, email, "a brand new password")).statusCode).toBe(200);
  });

  it("answers an unknown email exactly as a known one, and mails nobody", async () => {
    const { email } = await signUp(pair.first, "en");
    const unknown = `nobody-${(unique += 1)}@crossfair.test`;
    const known = await post(pair.first, "/api/auth/password/forgot", { email });
    const stranger = await post(pair.first, "/api/auth/password/forgot", { email: unknown });
    expect(stranger.statusCode).toBe(known.statusCode);
    expect(stranger.body).toBe(known.body);
    expect(stranger.headers["content-type"]).toBe(known.headers["content-type"]);
    // The known one's mail arriving means the unknown one's would have too, had there been one.
    await mailTo(email, "reset-password");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received.filter(({ to }) => to.includes(unknown))).toEqual([]);
  });

  it("ends every session and cuts their sockets in both processes on a reset", async () => {
    const { email, cookie } = await signUp(pair.first, "nl");
    const here = await pair.connect(pair.first, cookie);
    const there = await pair.connect(pair.second, cookie);
    const cut = Promise.all([disconnected(here), disconnected(there)]);
    await post(pair.first, "/api/auth/password/forgot", { email });
    const { mail, token } = await mailTo(email, "reset-password");
    expect(mail.subject).toBe("Stel uw Crossfair-wachtwoord opnieuw in");
    expect(
      (
        await post(pair.second, "/api/auth/password/reset", {
          token,
          password: "nieuw wachtwoord!",
        })
      ).statusCode,
    ).toBe(204);
    expect(await cut).toEqual(["io server disconnect", "io server disconnect"]);
    const me = await pair.first.http.inject({ url: "/api/auth/me", headers: { cookie } });
    expect(me.statusCode).toBe(401);
  });

  it("a password change ends the other sessions and cuts their sockets, and keeps this one", async () => {
    const { email, cookie } = await signUp(pair.first, "de");
    const other = cookieOf(await signIn(pair.second, email, PASSWORD));
    const kept = await pair.connect(pair.first, cookie);
    const otherHere = await pair.connect(pair.first, other);
    const otherThere = await pair.connect(pair.second, other);
    const cut = Promise.all([disconnected(otherHere), disconnected(otherThere)]);

    const wrong = await post(
      pair.second,
      "/api/auth/password/change",
      { currentPassword: "not my password", newPassword: "ein neues Passwort" },
      cookie,
    );
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({
      error: { code: "invalid_credentials", field: "currentPassword" },
    });

    const changed = await post(
      pair.second,
      "/api/auth/password/change",
      { currentPassword: PASSWORD, newPassword: "ein neues Passwort" },
      cookie,
    );
    expect(changed.statusCode).toBe(204);
    expect(await cut).toEqual(["io server disconnect", "io server disconnect"]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(kept.connected).toBe(true);
    const me = (session: string) =>
      pair.first.http.inject({ url: "/api/auth/me", headers: { cookie: session } });
    expect((await me(cookie)).statusCode).toBe(200);
    expect((await me(other)).statusCode).toBe(401);
    expect((await signIn(pair.first, email, "ein neues Passwort")).statusCode).toBe(200);

    const notice = await mailTo(email, "sign-in");
    expect(notice.mail.subject).toBe("Ihr Crossfair-Passwort wurde geändert");
    expect(notice.mail.html).toContain('<html lang="de">');
  });

  it("signs out everywhere: every session ends and every socket is cut", async () => {
    const { email, cookie } = await signUp(pair.first, "en");
    const other = cookieOf(await signIn(pair.second, email, PASSWORD));
    const sockets = [
      await pair.connect(pair.first, cookie),
      await pair.connect(pair.second, other),
    ];
    const cut = Promise.all(sockets.map((socket) => disconnected(socket)));
    const answer = await post(pair.second, "/api/auth/sign-out-everywhere", undefined, cookie);
    expect(answer.statusCode).toBe(204);
    expect(await cut).toEqual(["io server disconnect", "io server disconnect"]);
    for (const session of [cookie, other]) {
      const me = await pair.first.http.inject({
        url: "/api/auth/me",
        headers: { cookie: session },
      });
      expect(me.statusCode).toBe(401);
    }
  });

  it("mails a verification link on sign-up that verifies the account and signs in, once", async () => {
    const email = await signUpUnverified(pair.first, "fr", "Camille Martin");
    const verifiedAt = async () =>
      (
        await pair.first.database.db
          .select({ at: users.emailVerifiedAt })
          .from(users)
          .where(eq(users.email, email))
      )[0]?.at ?? null;
    expect(await verifiedAt()).toBeNull();
    const { mail, token } = await mailTo(email, "verify-email");
    expect(mail.subject).toBe("Confirmez votre adresse e-mail pour Crossfair");
    expect(mail.text).toBeTruthy();
    expect(mail.html).toBeTruthy();

    // Until the link is followed, the right password is told apart only from a verified one.
    const early = await signIn(pair.first, email, PASSWORD);
    expect(early.statusCode).toBe(403);
    expect(early.json()).toMatchObject({ error: { code: "email_unverified" } });
    expect(early.cookies).toEqual([]);
    expect((await signIn(pair.first, email, "not the password")).json()).toMatchObject({
      error: { code: "invalid_credentials" },
    });

    // Followed in the other process: verified, and signed in there.
    const followed = await post(pair.second, "/api/auth/email/verify", { token });
    expect(followed.statusCode).toBe(200);
    expect(followed.json()).toMatchObject({ user: { email, role: "candidate", uiLanguage: "fr" } });
    expect(await verifiedAt()).toBeInstanceOf(Date);
    const cookie = cookieOf(followed);
    const me = await pair.first.http.inject({ url: "/api/auth/me", headers: { cookie } });
    expect(me.json()).toMatchObject({ user: { email } });
    // A replayed link opens nothing.
    const again = await post(pair.second, "/api/auth/email/verify", { token });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ error: { code: "invalid_token" } });
    expect(again.cookies).toEqual([]);
    expect((await signIn(pair.first, email, PASSWORD)).statusCode).toBe(200);
  });

  it("keeps a reset link to its own use: a verification token does not reset a password", async () => {
    const email = await signUpUnverified(pair.first, "en", "Camille Martin");
    const { token } = await mailTo(email, "verify-email");
    const misuse = await post(pair.first, "/api/auth/password/reset", {
      token,
      password: "a hijacked password",
    });
    expect(misuse.json()).toMatchObject({ error: { code: "invalid_token" } });
    expect((await post(pair.first, "/api/auth/email/verify", { token })).statusCode).toBe(200);
    expect((await signIn(pair.first, email, PASSWORD)).statusCode).toBe(200);
  });

  it("has no development mailbox when mail goes to an SMTP server", async () => {
    const admin = await signInCookie(pair.first, "admin@crossfair.test");
    const answer = await pair.first.http.inject({
      url: "/api/admin/mailbox",
      headers: { cookie: admin },
    });
    expect(answer.statusCode).toBe(404);
  });
});

describe("the development mailbox (no SMTP_URL)", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => app?.dispose());

  it("shows fair admins the mail this process sent, newest first", async () => {
    await app.http.inject({
      method: "POST",
      url: "/api/auth/password/forgot",
      payload: { email: "candidate@crossfair.test" },
    });
    const admin = await signInCookie(app, "admin@crossfair.test");
    let messages: { to: string; kind: string; text: string; language: string }[] = [];
    for (let attempt = 0; attempt < 100 && messages.length === 0; attempt += 1) {
      const answer = await app.http.inject({
        url: "/api/admin/mailbox",
        headers: { cookie: admin },
      });
      expect(answer.statusCode).toBe(200);
      messages = (answer.json() as { messages: typeof messages }).messages;
      if (messages.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(messages[0]).toMatchObject({ to: "candidate@crossfair.test", kind: "passwordReset" });
    expect(messages[0]?.text).toContain("/#/reset-password/");
  });
});

describe("in production without SMTP_URL", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await buildTestApp({ NODE_ENV: "production", SEED_DEMO: "true" });
  });
  afterAll(async () => app?.dispose());

  it("serves no mailbox: reading others' reset links would take their accounts", async () => {
    await app.http.inject({
      method: "POST",
      url: "/api/auth/password/forgot",
      payload: { email: "candidate@crossfair.test" },
    });
    const admin = await signInCookie(app, "admin@crossfair.test");
    const answer = await app.http.inject({ url: "/api/admin/mailbox", headers: { cookie: admin } });
    expect(answer.statusCode).toBe(404);
    expect(answer.body).not.toContain("reset-password");
  });
});
