/**
 * What the matrix's cells act on: valid bodies and fresh things to consume
 * (a draft fair, an application, an invitation, a throwaway account), made
 * through the real API so each cell starts from a known state.
 */
import { requestSignUp, signUpVerified } from "../../support/sign-up.js";
import { CANDIDATES, call, type Actor, type Fixtures } from "./actors.js";

export interface RouteRequest {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
  /** Sends this cookie instead of the actor's (a throwaway account of the same role). */
  cookie?: string;
}

export interface HttpAction {
  /** "METHOD /path/{param}" as the OpenAPI description names it. */
  route: string;
  allowed: readonly Actor[];
  /** Builds the request for one cell; may first create what the cell consumes. */
  request: (fx: Fixtures, actor: Actor) => RouteRequest | Promise<RouteRequest>;
  /** Answers an allowed actor may also get, e.g. 409 when another cell did it first. */
  alsoAllowed?: readonly number[];
  /** Outsiders told "not found" rather than "forbidden": the thing is not theirs to know of. */
  hiddenFrom?: readonly Actor[];
}

let unique = 0;
export const nextId = () => `${Date.now().toString(36)}-${(unique += 1)}`;

export const candidateProfile = {
  displayName: "Matrix Candidate",
  country: "FR",
  region: "Hauts-de-France",
  languages: [{ language: "fr", level: "C2" }],
  sectors: ["logistics"],
  pitch: "",
  availability: "",
};

/** A draft fair of the fair admin, for cells that change a fair's life. */
export async function draftFair(fx: Fixtures): Promise<string> {
  const slug = `matrix-${nextId()}`;
  await call(fx.app, {
    method: "POST",
    url: "/api/admin/fairs",
    cookie: fx.cookies.fairAdmin,
    payload: fairInput(slug),
  });
  return slug;
}

export function fairInput(slug: string) {
  return {
    slug,
    name: { en: "Matrix fair" },
    description: { en: "A fair made by the authorization test" },
    timeZone: "Europe/Brussels",
    startsAt: "2027-03-01T09:00:00+01:00",
    endsAt: "2027-03-01T17:00:00+01:00",
    languages: ["en", "fr"],
  };
}

/** A fresh open vacancy at the home stand with an application of candidate@. */
export async function freshApplication(fx: Fixtures): Promise<string> {
  const vacancy = await call<{ id: string }>(fx.app, {
    method: "POST",
    url: `/api/stands/${fx.homeStandId}/vacancies`,
    cookie: fx.cookies.homeStandAdmin,
    payload: vacancyInput(),
  });
  const applied = await call<{ id?: string; application?: { id: string } }>(fx.app, {
    method: "POST",
    url: `/api/vacancies/${vacancy.id}/applications`,
    cookie: fx.cookies.candidate,
    payload: {},
  });
  return applied.application?.id ?? applied.id ?? "";
}

/** A fresh candidate who applied to the home stand (so the stand's staff may invite them to book). */
export async function freshApplicantId(fx: Fixtures): Promise<string> {
  const { user, cookie } = await signUpVerified(fx.app, {
    email: `matrix-${nextId()}@crossfair.test`,
    password: "a long enough password",
    displayName: "Applicant",
  });
  await call(fx.app, {
    method: "POST",
    url: `/api/vacancies/${fx.homeVacancyId}/applications`,
    cookie,
    payload: {},
  });
  return user.id;
}

export function vacancyInput() {
  return {
    title: `Matrix driver ${nextId()}`,
    description: "Drives",
    originalLanguage: "fr",
    sector: "logistics",
    country: "BE",
    region: "Hainaut",
    contractType: "permanent",
    openings: 1,
    requiredLanguages: [{ language: "fr", level: "B2" }],
  };
}

export async function freshInvitation(fx: Fixtures): Promise<{ id: string; token: string }> {
  const answer = await call<{ invitation: { id: string }; token: string }>(fx.app, {
    method: "POST",
    url: `/api/stands/${fx.homeStandId}/invitations`,
    cookie: fx.cookies.homeStandAdmin,
    payload: { role: "recruiter" },
  });
  return { id: answer.invitation.id, token: answer.token };
}

/** A throwaway candidate account, for cells that end the account they act with. */
export async function throwawayCandidate(fx: Fixtures): Promise<string> {
  const { cookie } = await signUpVerified(fx.app, {
    email: `matrix-${nextId()}@crossfair.test`,
    password: "a long enough password",
    displayName: "Throwaway",
  });
  return cookie;
}

/** The id of a fresh candidate account, for cells that suspend someone. */
export async function throwawayUserId(fx: Fixtures): Promise<string> {
  const { user } = await signUpVerified(fx.app, {
    email: `matrix-${nextId()}@crossfair.test`,
    password: "a long enough password",
    displayName: "Throwaway",
  });
  return user.id;
}

export const asCandidateThrowaway = async (fx: Fixtures, actor: Actor) =>
  CANDIDATES.includes(actor as never) ? { cookie: await throwawayCandidate(fx) } : {};

/** A fresh candidate account: its email, password and session cookie. */
export async function throwawayAccount(
  fx: Fixtures,
): Promise<{ email: string; password: string; cookie: string }> {
  const email = `matrix-${nextId()}@crossfair.test`;
  const password = "a long enough password";
  const { cookie } = await signUpVerified(fx.app, { email, password, displayName: "Throwaway" });
  return { email, password, cookie };
}

/** A fresh sign-up whose link nobody followed yet: its email (the verification mail is waiting). */
export async function unverifiedAccount(fx: Fixtures): Promise<string> {
  const email = `matrix-${nextId()}@crossfair.test`;
  await requestSignUp(fx.app, { email, password: "a long enough password", displayName: "New" });
  return email;
}

/**
 * The token of the newest link of `kind` mailed to `email`, from the development
 * mailbox (mail goes out behind the answer, so it may take a moment to arrive).
 */
export async function mailedToken(
  fx: Fixtures,
  email: string,
  kind: "passwordReset" | "emailVerification",
): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const mail = fx.app.mailbox?.list().find((entry) => entry.to === email && entry.kind === kind);
    const token = mail?.text.match(/#\/[a-z-]+\/([A-Za-z0-9_-]+)/)?.[1];
    if (token) return token;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no ${kind} mail for ${email}`);
}
