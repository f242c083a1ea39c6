/**
 * The people of the role × action matrix and the things they act on, built
 * through the real API on the demo fair:
 * - "home" stand = Hainaut Logistique: standadmin@ is its stand admin, and a
 *   recruiter joins it through an invitation link (homeRecruiter);
 * - recruiter@ staffs another stand (Flanders Food Factory): foreignRecruiter;
 * - candidate@ owns the application and the interview; kandidaat@ is another
 *   candidate who must not see them.
 */
import { expect } from "vitest";
import type { FairHall } from "@crossfair/shared";
import type { TestApp } from "../../support/app.js";
import { interviewThroughQueue } from "../../support/interview-start.js";
import { signInCookie } from "../../support/session.js";
import { registerStand } from "../../support/stands.js";
import { scheduleWebinar } from "../../support/webinar-live.js";

export const ACTORS = [
  "anonymous",
  "candidate",
  "otherCandidate",
  "homeRecruiter",
  "homeStandAdmin",
  "foreignRecruiter",
  "fairAdmin",
] as const;
export type Actor = (typeof ACTORS)[number];

export const ALL = ACTORS;
export const SIGNED_IN = ACTORS.filter((actor) => actor !== "anonymous");
export const CANDIDATES = ["candidate", "otherCandidate"] as const;
export const HOME_STAFF_AND_ADMIN = ["homeRecruiter", "homeStandAdmin", "fairAdmin"] as const;
export const HOME_STAFF = ["homeRecruiter", "homeStandAdmin"] as const;
export const HOME_ADMIN = ["homeStandAdmin", "fairAdmin"] as const;
export const FAIR_ADMIN = ["fairAdmin"] as const;

export interface Fixtures {
  app: TestApp;
  cookies: Record<Actor, string | undefined>;
  userIds: Record<Exclude<Actor, "anonymous">, string>;
  fairSlug: string;
  fairId: string;
  homeStandId: string;
  foreignStandId: string;
  homeVacancyId: string;
  applicationId: string;
  interviewId: string;
  registrationId: string;
  pendingStandId: string;
  /** A group session at the home stand, on now, its stand admin speaking. */
  webinarId: string;
}

interface InjectOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  url: string;
  cookie?: string | undefined;
  payload?: unknown;
}

/** One request; fails the setup loudly when it does not succeed. */
export async function call<T>(app: TestApp, options: InjectOptions): Promise<T> {
  const response = await app.http.inject({
    method: options.method ?? "GET",
    url: options.url,
    headers: options.cookie ? { cookie: options.cookie } : {},
    ...(options.payload === undefined ? {} : { payload: options.payload as object }),
  });
  expect(
    response.statusCode,
    `${options.method ?? "GET"} ${options.url}: ${response.body}`,
  ).toBeLessThan(300);
  return (response.body ? response.json() : undefined) as T;
}

/** The session cookie a response set (sign-up, invitation accept). */
export function sessionCookieOf(setCookie: string | string[] | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const session = all.find((entry) => entry.startsWith("cf_session="));
  if (!session) throw new Error("no session cookie was set");
  return session.split(";")[0] ?? "";
}

let accountCounter = 0;

/** A new recruiter on the home stand, through a fresh invitation link. */
export async function inviteRecruiter(
  app: TestApp,
  standId: string,
  inviterCookie: string,
): Promise<{ cookie: string; userId: string }> {
  const { token } = await call<{ token: string }>(app, {
    method: "POST",
    url: `/api/stands/${standId}/invitations`,
    cookie: inviterCookie,
    payload: { role: "recruiter" },
  });
  accountCounter += 1;
  const response = await app.http.inject({
    method: "POST",
    url: `/api/invitations/${token}/accept`,
    payload: {
      email: `matrix-recruiter-${accountCounter}-${Date.now()}@crossfair.test`,
      password: "a long enough password",
      displayName: `Matrix Recruiter ${accountCounter}`,
      uiLanguage: "fr",
      languages: ["fr"],
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  const body = response.json() as { user: { id: string } };
  return { cookie: sessionCookieOf(response.headers["set-cookie"]), userId: body.user.id };
}

export async function buildFixtures(app: TestApp): Promise<Fixtures> {
  const signedIn = {
    candidate: await signInCookie(app, "candidate@crossfair.test"),
    otherCandidate: await signInCookie(app, "kandidaat@crossfair.test"),
    homeStandAdmin: await signInCookie(app, "standadmin@crossfair.test"),
    foreignRecruiter: await signInCookie(app, "recruiter@crossfair.test"),
    fairAdmin: await signInCookie(app, "admin@crossfair.test"),
  };
  const idOf = async (cookie: string) =>
    (await call<{ user: { id: string } }>(app, { url: "/api/auth/me", cookie })).user.id;

  const hall = await call<FairHall>(app, { url: "/api/fairs/current/hall" });
  const standNamed = (name: string) => {
    const stand = hall.stands.find((entry) => entry.organisationName === name);
    if (!stand) throw new Error(`demo stand ${name} is missing`);
    return stand;
  };
  const home = standNamed("Hainaut Logistique");
  const foreign = standNamed("Flanders Food Factory");
  const homeVacancyId = home.vacancies[0]?.id;
  if (!homeVacancyId) throw new Error("the home stand has no open vacancy");

  const homeRecruiter = await inviteRecruiter(app, home.id, signedIn.homeStandAdmin);

  const applied = await call<{ id?: string; application?: { id: string } }>(app, {
    method: "POST",
    url: `/api/vacancies/${homeVacancyId}/applications`,
    cookie: signedIn.candidate,
    payload: { message: "Bonjour" },
  });
  const applicationId = applied.application?.id ?? applied.id ?? "";
  const interviewId = await interviewThroughQueue(app, {
    recruiterCookie: homeRecruiter.cookie,
    candidateCookie: signedIn.candidate,
    standId: home.id,
  });
  const { registration } = await call<{ registration: { id: string } }>(app, {
    method: "POST",
    url: `/api/fairs/${hall.fair.slug}/registration`,
    cookie: signedIn.candidate,
  });
  const { stand: pendingStand } = await registerStand(app, {
    kind: "employer",
    organisationName: "Matrix Pending Employer",
    description: { en: "Waiting for approval" },
    country: "BE",
    region: "Hainaut",
    languages: ["fr"],
  });

  return {
    app,
    cookies: { anonymous: undefined, homeRecruiter: homeRecruiter.cookie, ...signedIn },
    userIds: {
      candidate: await idOf(signedIn.candidate),
      otherCandidate: await idOf(signedIn.otherCandidate),
      homeRecruiter: homeRecruiter.userId,
      homeStandAdmin: await idOf(signedIn.homeStandAdmin),
      foreignRecruiter: await idOf(signedIn.foreignRecruiter),
      fairAdmin: await idOf(signedIn.fairAdmin),
    },
    fairSlug: hall.fair.slug,
    fairId: hall.fair.id,
    homeStandId: home.id,
    foreignStandId: foreign.id,
    homeVacancyId,
    applicationId,
    interviewId,
    registrationId: registration.id,
    pendingStandId: pendingStand.id,
    webinarId: await scheduleWebinar(app, { speakerEmails: ["standadmin@crossfair.test"] }),
  };
}
