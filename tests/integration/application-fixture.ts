/**
 * What the application, assessment, interview, consent and live-dashboard
 * suites share: a fresh candidate account per test (signed up through the
 * real route, so no test depends on another's applications), the demo fair's
 * stands and vacancies by name, interviews started through the queue,
 * and short request helpers on `app.inject`.
 */
import { randomBytes } from "node:crypto";
import type { App } from "@crossfair/server/app";
import { DEMO_PASSWORD } from "@crossfair/server/fair/demo-seed";
import { interviewThroughQueue } from "../support/interview-start.js";
import { fairHallSchema, sessionUserSchema, type FairHall } from "@crossfair/shared";
import { signUpVerified } from "../support/sign-up.js";

export const RECRUITER = "recruiter@crossfair.test"; // recruiter at Flanders Food Factory
export const STAND_ADMIN = "standadmin@crossfair.test"; // stand admin at Hainaut Logistique
export const ADMIN = "admin@crossfair.test";
export const FOOD = "Flanders Food Factory";
export const LOGISTICS = "Hainaut Logistique";

export interface Account {
  id: string;
  cookie: string;
  displayName: string;
}

/** A new candidate account with its session cookie (signed up, then the mailed link followed). */
export async function signUpCandidate(app: App, displayName = "Test Candidate"): Promise<Account> {
  const { user, cookie } = await signUpVerified(app, {
    email: `candidate-${randomBytes(6).toString("hex")}@crossfair.test`,
    password: DEMO_PASSWORD,
    displayName,
    uiLanguage: "fr",
  });
  return { id: user.id, cookie, displayName };
}

export async function hallOf(app: App): Promise<FairHall> {
  return fairHallSchema.parse((await app.http.inject({ url: "/api/fairs/current/hall" })).json());
}

export function standIn(hall: FairHall, name: string) {
  const stand = hall.stands.find((entry) => entry.organisationName === name);
  if (!stand) throw new Error(`no stand ${name}`);
  return stand;
}

/** The id of the stand's n-th open vacancy. */
export function vacancyIn(hall: FairHall, standName: string, index = 0): string {
  const vacancy = standIn(hall, standName).vacancies[index];
  if (!vacancy) throw new Error(`${standName} has no vacancy #${index}`);
  return vacancy.id;
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** One JSON request as the given session (anonymous without a cookie). */
export function call(app: App, method: Method, url: string, cookie?: string, payload?: object) {
  return app.http.inject({
    method,
    url,
    ...(cookie ? { headers: { cookie } } : {}),
    ...(payload ? { payload } : {}),
  });
}

/** The id of the account a session cookie belongs to. */
export async function userIdOf(app: App, cookie: string): Promise<string> {
  const response = await call(app, "GET", "/api/auth/me", cookie);
  return sessionUserSchema.parse((response.json() as { user: unknown }).user).id;
}

/** A live interview a candidate accepted at the recruiter's stand (through the queue); its id. */
export async function startInterview(
  app: App,
  recruiterCookie: string,
  standId: string,
  candidate: Account,
): Promise<string> {
  return interviewThroughQueue(app, {
    recruiterCookie,
    candidateCookie: candidate.cookie,
    standId,
  });
}
