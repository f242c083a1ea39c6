/**
 * Builds the stand state a test needs through the real HTTP routes: a stand
 * created by the fair admin, an employer's self-registered (pending) stand
 * with its new stand-admin account, and fresh accounts with a session cookie.
 */
import { randomBytes } from "node:crypto";
import type { App } from "@crossfair/server/app";
import { followVerification, signUpVerified, verificationToken } from "./sign-up.js";
import {
  myStandsSchema,
  standDetailsSchema,
  type SessionUser,
  type StandDetails,
  type StandInput,
} from "@crossfair/shared";

export const DEMO_FAIR = "cross-border-job-day";
export const NEW_PASSWORD = "a long enough password";

/** An email no other test uses. */
export const uniqueEmail = (who: string) =>
  `${who}-${randomBytes(4).toString("hex")}@crossfair.test`;

export function standInput(overrides: Partial<StandInput> = {}): StandInput {
  return {
    kind: "employer",
    organisationName: `Test Works ${randomBytes(3).toString("hex")}`,
    description: { en: "We build test stands.", fr: "Nous construisons des stands de test." },
    sector: "construction",
    country: "BE",
    region: "Hainaut",
    languages: ["fr", "en"],
    logoUrl: "https://example.org/logo.png",
    documents: [{ title: "Brochure", url: "https://example.org/brochure.pdf" }],
    ...overrides,
  };
}

/** The `cf_session=…` cookie an answer set, for the next requests. */
export function sessionCookieOf(response: { cookies: { name: string; value: string }[] }): string {
  const cookie = response.cookies.find((entry) => entry.name === "cf_session");
  if (!cookie) throw new Error("the answer set no session cookie");
  return `cf_session=${cookie.value}`;
}

/** A stand the fair admin creates (approved at once). */
export async function createStand(
  app: App,
  adminCookie: string,
  overrides: Partial<StandInput> = {},
): Promise<StandDetails> {
  const response = await app.http.inject({
    method: "POST",
    url: `/api/admin/fairs/${DEMO_FAIR}/stands`,
    headers: { cookie: adminCookie },
    payload: standInput(overrides),
  });
  if (response.statusCode !== 201) throw new Error(`stand creation: ${response.body}`);
  return standDetailsSchema.parse(response.json());
}

/**
 * An employer's self-registration: a pending stand and its stand admin, signed in by following
 * the mailed verification link (the registration itself answers "check your email").
 */
export async function registerStand(
  app: App,
  overrides: Partial<StandInput> = {},
): Promise<{ stand: StandDetails; user: SessionUser; cookie: string }> {
  const email = uniqueEmail("employer");
  const response = await app.http.inject({
    method: "POST",
    url: `/api/fairs/${DEMO_FAIR}/stand-registrations`,
    payload: {
      stand: standInput(overrides),
      contact: { email, password: NEW_PASSWORD, displayName: "Émilie Employer", uiLanguage: "fr" },
    },
  });
  if (response.statusCode !== 202) throw new Error(`stand registration: ${response.body}`);
  const { user, cookie } = await followVerification(app, await verificationToken(app, email));
  const mine = await app.http.inject({ method: "GET", url: "/api/me/stands", headers: { cookie } });
  const standId = myStandsSchema.parse(mine.json()).stands[0]?.standId;
  const stand = await app.http.inject({
    method: "GET",
    url: `/api/stands/${standId}`,
    headers: { cookie },
  });
  if (stand.statusCode !== 200) throw new Error(`the registered stand: ${stand.body}`);
  return { stand: standDetailsSchema.parse(stand.json()), user, cookie };
}

/** A new candidate account, signed in (signed up, then the mailed link followed). */
export async function signUpCandidate(app: App): Promise<{ cookie: string; email: string }> {
  const email = uniqueEmail("candidate");
  const { cookie } = await signUpVerified(app, {
    email,
    password: NEW_PASSWORD,
    displayName: "Casey Candidate",
  });
  return { cookie, email };
}

/** A self-registered stand the fair admin has approved, with its signed-in stand admin. */
export async function approvedEmployerStand(
  app: App,
  adminCookie: string,
  overrides: Partial<StandInput> = {},
): Promise<{ stand: StandDetails; user: SessionUser; cookie: string }> {
  const registered = await registerStand(app, overrides);
  const response = await app.http.inject({
    method: "POST",
    url: `/api/admin/stands/${registered.stand.id}/approval`,
    headers: { cookie: adminCookie },
    payload: { status: "approved" },
  });
  if (response.statusCode !== 200) throw new Error(`approval: ${response.body}`);
  return { ...registered, stand: standDetailsSchema.parse(response.json()) };
}
