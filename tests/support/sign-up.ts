/**
 * Signing up through the real flow, for every suite that needs a new account:
 * sign up (answered "check your email", no cookie), read the verification
 * link from where the app's mail went (the development mailbox `app.mailbox`,
 * or an SMTP inbox this test process started), follow it, and keep the
 * session cookie that answer sets.
 */
import type { App } from "@crossfair/server/app";
import { sessionUserSchema, type SessionUser } from "@crossfair/shared";
import { openSmtpInboxes } from "./smtp-inbox.js";

export interface SignUpPayload {
  email: string;
  password: string;
  displayName: string;
  uiLanguage?: string;
}

export interface SignedUp {
  user: SessionUser;
  /** `cf_session=…`, for a `cookie` header. */
  cookie: string;
}

const VERIFY_LINK = /\/#\/verify-email\/([A-Za-z0-9_-]+)/;

/** The cookie a response set, as a `cookie` header. */
export function sessionCookieFrom(response: { cookies: { name: string; value: string }[] }) {
  return `cf_session=${response.cookies.find((entry) => entry.name === "cf_session")?.value ?? ""}`;
}

/** Sends the sign-up itself; throws unless it was answered "check your email". */
export async function requestSignUp(app: App, payload: SignUpPayload): Promise<void> {
  const response = await app.http.inject({ method: "POST", url: "/api/auth/sign-up", payload });
  if (response.statusCode !== 202) throw new Error(`sign-up failed: ${response.body}`);
}

/**
 * The token of the newest verification link mailed to `email`: from the app's development
 * mailbox, or else from the SMTP inboxes this process started (waiting for it to arrive).
 */
export async function verificationToken(app: App, email: string, timeoutMs = 5_000) {
  const address = email.trim().toLowerCase();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const texts = app.mailbox
      ? app.mailbox
          .list()
          .filter((mail) => mail.to === address && mail.kind === "emailVerification")
          .map((mail) => mail.text)
      : [...openSmtpInboxes()]
          .flatMap((inbox) => inbox.to(address))
          .map((entry) => entry.mail.text ?? "")
          .filter((text) => VERIFY_LINK.test(text))
          .reverse();
    const token = texts[0]?.match(VERIFY_LINK)?.[1];
    if (token) return token;
    if (Date.now() > deadline) throw new Error(`no verification mail to ${address}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Follows a verification link's token: the account's user and the session it opened. */
export async function followVerification(app: App, token: string): Promise<SignedUp> {
  const response = await app.http.inject({
    method: "POST",
    url: "/api/auth/email/verify",
    payload: { token },
  });
  if (response.statusCode !== 200) throw new Error(`verification failed: ${response.body}`);
  const user = sessionUserSchema.parse((response.json() as { user: unknown }).user);
  return { user, cookie: sessionCookieFrom(response) };
}

/** A new account, verified and signed in: sign-up, then the mailed link. */
export async function signUpVerified(app: App, payload: SignUpPayload): Promise<SignedUp> {
  await requestSignUp(app, payload);
  return followVerification(app, await verificationToken(app, payload.email));
}
