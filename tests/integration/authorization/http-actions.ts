/**
 * Every HTTP route of the API with who may use it. The runner asks each route
 * as each actor: an allowed actor must get what they asked for (2xx, or one of
 * the answers listed in `alsoAllowed`), anyone else 401 when anonymous and
 * 403 when signed in. A route missing here fails the coverage test, so a new
 * route cannot ship without its line in the matrix.
 */
import { ACTORS, call, inviteRecruiter, type Actor, type Fixtures } from "./actors.js";
import { minimalPdf, multipart } from "../../support/uploads.js";

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

const ALL = ACTORS;
const SIGNED_IN = ACTORS.filter((actor) => actor !== "anonymous");
const CANDIDATES = ["candidate", "otherCandidate"] as const;
const HOME_STAFF_AND_ADMIN = ["homeRecruiter", "homeStandAdmin", "fairAdmin"] as const;
const HOME_STAFF = ["homeRecruiter", "homeStandAdmin"] as const;
const HOME_ADMIN = ["homeStandAdmin", "fairAdmin"] as const;
const FAIR_ADMIN = ["fairAdmin"] as const;

let unique = 0;
const nextId = () => `${Date.now().toString(36)}-${(unique += 1)}`;

const candidateProfile = {
  displayName: "Matrix Candidate",
  country: "FR",
  region: "Hauts-de-France",
  languages: [{ language: "fr", level: "C2" }],
  sectors: ["logistics"],
  pitch: "",
  availability: "",
};

/** A draft fair of the fair admin, for cells that change a fair's life. */
async function draftFair(fx: Fixtures): Promise<string> {
  const slug = `matrix-${nextId()}`;
  await call(fx.app, {
    method: "POST",
    url: "/api/admin/fairs",
    cookie: fx.cookies.fairAdmin,
    payload: fairInput(slug),
  });
  return slug;
}

function fairInput(slug: string) {
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
async function freshApplication(fx: Fixtures): Promise<string> {
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

function vacancyInput() {
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

async function freshInvitation(fx: Fixtures): Promise<{ id: string; token: string }> {
  const answer = await call<{ invitation: { id: string }; token: string }>(fx.app, {
    method: "POST",
    url: `/api/stands/${fx.homeStandId}/invitations`,
    cookie: fx.cookies.homeStandAdmin,
    payload: { role: "recruiter" },
  });
  return { id: answer.invitation.id, token: answer.token };
}

/** A throwaway candidate account, for cells that end the account they act with. */
async function throwawayCandidate(fx: Fixtures): Promise<string> {
  const response = await fx.app.http.inject({
    method: "POST",
    url: "/api/auth/sign-up",
    payload: {
      email: `matrix-${nextId()}@crossfair.test`,
      password: "a long enough password",
      displayName: "Throwaway",
    },
  });
  const cookie = response.cookies.find((entry) => entry.name === "cf_session");
  return `cf_session=${cookie?.value ?? ""}`;
}

const asCandidateThrowaway = async (fx: Fixtures, actor: Actor) =>
  CANDIDATES.includes(actor as never) ? { cookie: await throwawayCandidate(fx) } : {};

export const HTTP_ACTIONS: HttpAction[] = [
  // --- accounts
  {
    route: "POST /api/auth/sign-in",
    allowed: ALL,
    request: () => ({
      url: "/api/auth/sign-in",
      payload: { email: "kandidaat@crossfair.test", password: "crossfair-demo" },
    }),
  },
  {
    route: "POST /api/auth/sign-up",
    allowed: ALL,
    request: () => ({
      url: "/api/auth/sign-up",
      payload: {
        email: `matrix-${nextId()}@crossfair.test`,
        password: "a long enough password",
        displayName: "Someone",
      },
    }),
  },
  { route: "GET /api/auth/me", allowed: SIGNED_IN, request: () => ({ url: "/api/auth/me" }) },
  {
    // Every signed-in actor signs out a session of their own kind made for this cell.
    route: "POST /api/auth/sign-out",
    allowed: ALL,
    request: async (fx, actor) => ({
      url: "/api/auth/sign-out",
      ...(actor === "anonymous" ? {} : { cookie: await throwawayCandidate(fx) }),
    }),
  },

  // --- fair hall (public)
  {
    route: "GET /api/fairs/current/hall",
    allowed: ALL,
    request: () => ({ url: "/api/fairs/current/hall" }),
  },
  {
    route: "GET /api/fairs/{slug}/hall",
    allowed: ALL,
    request: (fx) => ({ url: `/api/fairs/${fx.fairSlug}/hall` }),
  },
  {
    route: "GET /api/fairs/{slug}/stands",
    allowed: ALL,
    request: (fx) => ({ url: `/api/fairs/${fx.fairSlug}/stands?language=fr&pageSize=5` }),
  },
  {
    route: "GET /api/stands/{standId}",
    allowed: ALL,
    request: (fx) => ({ url: `/api/stands/${fx.homeStandId}` }),
  },
  {
    route: "GET /api/stands/{standId}/screening-questions",
    allowed: ALL,
    request: (fx) => ({ url: `/api/stands/${fx.homeStandId}/screening-questions` }),
  },

  // --- fair administration
  {
    route: "GET /api/admin/fairs",
    allowed: FAIR_ADMIN,
    request: () => ({ url: "/api/admin/fairs" }),
  },
  {
    route: "POST /api/admin/fairs",
    allowed: FAIR_ADMIN,
    request: () => ({ url: "/api/admin/fairs", payload: fairInput(`matrix-${nextId()}`) }),
  },
  {
    route: "GET /api/admin/fairs/{slug}",
    allowed: FAIR_ADMIN,
    request: (fx) => ({ url: `/api/admin/fairs/${fx.fairSlug}` }),
  },
  {
    route: "PATCH /api/admin/fairs/{slug}",
    allowed: FAIR_ADMIN,
    request: (fx) => ({
      url: `/api/admin/fairs/${fx.fairSlug}`,
      payload: { queueCapPerCandidate: 3 },
    }),
  },
  {
    route: "POST /api/admin/fairs/{slug}/status",
    allowed: FAIR_ADMIN,
    request: async (fx) => ({
      url: `/api/admin/fairs/${await draftFair(fx)}/status`,
      payload: { status: "registration_open" },
    }),
  },
  {
    route: "GET /api/admin/fairs/{slug}/registrations",
    allowed: FAIR_ADMIN,
    request: (fx) => ({ url: `/api/admin/fairs/${fx.fairSlug}/registrations` }),
  },
  {
    route: "POST /api/admin/registrations/{id}/decision",
    allowed: FAIR_ADMIN,
    request: (fx) => ({
      url: `/api/admin/registrations/${fx.registrationId}/decision`,
      payload: { status: "approved" },
    }),
  },
  {
    route: "GET /api/admin/fairs/{slug}/stands",
    allowed: FAIR_ADMIN,
    request: (fx) => ({ url: `/api/admin/fairs/${fx.fairSlug}/stands?approvalStatus=pending` }),
  },
  {
    route: "POST /api/admin/fairs/{slug}/stands",
    allowed: FAIR_ADMIN,
    request: (fx) => ({
      url: `/api/admin/fairs/${fx.fairSlug}/stands`,
      payload: {
        kind: "information",
        organisationName: `Matrix info stand ${nextId()}`,
        description: { en: "Frontier work" },
        sector: "public",
        country: "BE",
        region: "Hainaut",
        languages: ["fr", "nl"],
      },
    }),
  },
  {
    route: "POST /api/admin/stands/{standId}/approval",
    allowed: FAIR_ADMIN,
    request: (fx) => ({
      url: `/api/admin/stands/${fx.pendingStandId}/approval`,
      payload: { status: "approved" },
    }),
  },
  {
    route: "GET /api/admin/fairs/{slug}/report",
    allowed: FAIR_ADMIN,
    request: (fx) => ({ url: `/api/admin/fairs/${fx.fairSlug}/report` }),
  },
  {
    route: "GET /api/admin/fairs/{slug}/report.csv",
    allowed: FAIR_ADMIN,
    request: (fx) => ({ url: `/api/admin/fairs/${fx.fairSlug}/report.csv` }),
  },
  {
    route: "GET /api/admin/fairs/{slug}/report/applications.csv",
    allowed: FAIR_ADMIN,
    request: (fx) => ({ url: `/api/admin/fairs/${fx.fairSlug}/report/applications.csv` }),
  },
  {
    route: "GET /api/admin/fairs/{slug}/live",
    allowed: FAIR_ADMIN,
    request: (fx) => ({ url: `/api/admin/fairs/${fx.fairSlug}/live` }),
  },
  {
    // No media workers in this test, so an allowed admin learns there is no room.
    route: "GET /api/admin/media/rooms/{id}",
    allowed: FAIR_ADMIN,
    alsoAllowed: [404],
    request: (fx) => ({ url: `/api/admin/media/rooms/${fx.interviewId}` }),
  },

  // --- registration to the fair
  {
    route: "POST /api/fairs/{slug}/registration",
    allowed: CANDIDATES,
    request: (fx) => ({ url: `/api/fairs/${fx.fairSlug}/registration` }),
  },
  {
    route: "GET /api/me/registrations",
    allowed: CANDIDATES,
    request: () => ({ url: "/api/me/registrations" }),
  },

  // --- stands run by their staff
  {
    route: "POST /api/fairs/{slug}/stand-registrations",
    allowed: ALL,
    request: (fx) => ({
      url: `/api/fairs/${fx.fairSlug}/stand-registrations`,
      payload: {
        stand: {
          kind: "temp_agency",
          organisationName: `Matrix agency ${nextId()}`,
          description: { fr: "Intérim" },
          sector: "logistics",
          country: "FR",
          region: "Nord",
          languages: ["fr"],
        },
        contact: {
          email: `matrix-agency-${nextId()}@crossfair.test`,
          password: "a long enough password",
          displayName: "Agency",
          uiLanguage: "fr",
        },
      },
    }),
  },
  {
    route: "PATCH /api/stands/{standId}",
    allowed: HOME_ADMIN,
    request: (fx) => ({ url: `/api/stands/${fx.homeStandId}`, payload: { region: "Hainaut" } }),
  },
  {
    route: "POST /api/stands/{standId}/vacancies",
    allowed: HOME_ADMIN,
    request: (fx) => ({ url: `/api/stands/${fx.homeStandId}/vacancies`, payload: vacancyInput() }),
  },
  {
    route: "PATCH /api/vacancies/{vacancyId}",
    allowed: HOME_ADMIN,
    request: (fx) => ({ url: `/api/vacancies/${fx.homeVacancyId}`, payload: { openings: 2 } }),
  },
  {
    route: "PUT /api/vacancies/{vacancyId}/translations/{language}",
    allowed: HOME_ADMIN,
    request: (fx) => ({
      url: `/api/vacancies/${fx.homeVacancyId}/translations/de`,
      payload: { title: "Lagerist (m/w/d)", description: "Lager in Charleroi" },
    }),
  },
  {
    route: "GET /api/stands/{standId}/staff",
    allowed: HOME_ADMIN,
    request: (fx) => ({ url: `/api/stands/${fx.homeStandId}/staff` }),
  },
  {
    route: "DELETE /api/stands/{standId}/staff/{userId}",
    allowed: HOME_ADMIN,
    request: async (fx) => {
      const colleague = await inviteRecruiter(
        fx.app,
        fx.homeStandId,
        fx.cookies.homeStandAdmin ?? "",
      );
      return { url: `/api/stands/${fx.homeStandId}/staff/${colleague.userId}` };
    },
  },
  {
    route: "PATCH /api/stands/{standId}/staff/me",
    allowed: HOME_STAFF,
    request: (fx) => ({
      url: `/api/stands/${fx.homeStandId}/staff/me`,
      payload: { languages: ["fr"] },
    }),
  },
  {
    route: "POST /api/stands/{standId}/invitations",
    allowed: HOME_ADMIN,
    request: (fx) => ({
      url: `/api/stands/${fx.homeStandId}/invitations`,
      payload: { role: "recruiter" },
    }),
  },
  {
    route: "GET /api/stands/{standId}/invitations",
    allowed: HOME_ADMIN,
    request: (fx) => ({ url: `/api/stands/${fx.homeStandId}/invitations` }),
  },
  {
    route: "DELETE /api/stands/{standId}/invitations/{id}",
    allowed: HOME_ADMIN,
    request: async (fx) => ({
      url: `/api/stands/${fx.homeStandId}/invitations/${(await freshInvitation(fx)).id}`,
    }),
  },
  {
    route: "GET /api/invitations/{token}",
    allowed: ALL,
    request: async (fx) => ({ url: `/api/invitations/${(await freshInvitation(fx)).token}` }),
  },
  { route: "GET /api/me/stands", allowed: SIGNED_IN, request: () => ({ url: "/api/me/stands" }) },

  // --- the candidate's own data
  {
    route: "GET /api/me/profile",
    allowed: CANDIDATES,
    request: () => ({ url: "/api/me/profile" }),
  },
  {
    route: "PUT /api/me/profile",
    allowed: CANDIDATES,
    request: () => ({ url: "/api/me/profile", payload: candidateProfile }),
  },
  {
    route: "POST /api/me/cv",
    allowed: CANDIDATES,
    request: () => {
      const body = multipart(minimalPdf());
      return { url: "/api/me/cv", payload: body.payload, headers: body.headers };
    },
  },
  { route: "GET /api/me/cv", allowed: CANDIDATES, request: () => ({ url: "/api/me/cv" }) },
  { route: "GET /api/me/export", allowed: CANDIDATES, request: () => ({ url: "/api/me/export" }) },
  {
    route: "GET /api/me/consents",
    allowed: CANDIDATES,
    request: () => ({ url: "/api/me/consents" }),
  },
  {
    route: "POST /api/me/consents",
    allowed: CANDIDATES,
    request: (fx) => ({ url: "/api/me/consents", payload: { standId: fx.foreignStandId } }),
  },
  {
    route: "DELETE /api/me/consents/{standId}",
    allowed: CANDIDATES,
    alsoAllowed: [404],
    request: (fx) => ({ url: `/api/me/consents/${fx.foreignStandId}` }),
  },
  {
    route: "GET /api/stands/{standId}/candidates/{candidateId}/cv",
    allowed: HOME_STAFF,
    request: (fx) => ({
      url: `/api/stands/${fx.homeStandId}/candidates/${fx.userIds.candidate}/cv`,
    }),
  },

  // --- applications
  {
    route: "POST /api/vacancies/{vacancyId}/applications",
    allowed: CANDIDATES,
    alsoAllowed: [409],
    request: (fx) => ({ url: `/api/vacancies/${fx.homeVacancyId}/applications`, payload: {} }),
  },
  {
    route: "GET /api/me/applications",
    allowed: CANDIDATES,
    request: () => ({ url: "/api/me/applications" }),
  },
  {
    route: "POST /api/applications/{id}/withdraw",
    allowed: ["candidate"],
    // Another candidate's application does not exist for them; staff accounts are refused outright.
    hiddenFrom: ["otherCandidate"],
    request: async (fx) => ({ url: `/api/applications/${await freshApplication(fx)}/withdraw` }),
  },
  {
    route: "GET /api/stands/{standId}/applications",
    allowed: HOME_STAFF_AND_ADMIN,
    request: (fx) => ({ url: `/api/stands/${fx.homeStandId}/applications` }),
  },
  {
    route: "GET /api/stands/{standId}/candidates/{candidateId}/applications",
    allowed: HOME_STAFF_AND_ADMIN,
    request: (fx) => ({
      url: `/api/stands/${fx.homeStandId}/candidates/${fx.userIds.candidate}/applications`,
    }),
  },
  {
    route: "POST /api/applications/{id}/status",
    allowed: HOME_STAFF_AND_ADMIN,
    request: async (fx) => ({
      url: `/api/applications/${await freshApplication(fx)}/status`,
      payload: { status: "preselected" },
    }),
  },

  // --- interviews
  {
    route: "POST /api/interviews",
    allowed: HOME_STAFF,
    request: (fx) => ({
      url: "/api/interviews",
      payload: { standId: fx.homeStandId, candidateId: fx.userIds.candidate },
    }),
  },
  {
    route: "GET /api/interviews/{id}",
    allowed: ["candidate", "homeRecruiter"],
    request: (fx) => ({ url: `/api/interviews/${fx.interviewId}` }),
  },
  {
    route: "GET /api/interviews/{id}/assessment",
    allowed: HOME_STAFF_AND_ADMIN,
    request: (fx) => ({ url: `/api/interviews/${fx.interviewId}/assessment` }),
  },
  {
    route: "PUT /api/interviews/{id}/assessment",
    allowed: HOME_STAFF_AND_ADMIN,
    request: (fx) => ({
      url: `/api/interviews/${fx.interviewId}/assessment`,
      payload: { outcome: "advance", rating: 4, privateNotes: "Strong forklift experience" },
    }),
  },
  {
    route: "GET /api/stands/{standId}/interviews",
    allowed: HOME_STAFF_AND_ADMIN,
    request: (fx) => ({ url: `/api/stands/${fx.homeStandId}/interviews` }),
  },
  {
    // Participants and the stand's staff may end it; ending twice is harmless.
    route: "POST /api/interviews/{id}/end",
    allowed: ["candidate", "homeRecruiter", "homeStandAdmin"],
    request: async (fx) => {
      const { interview } = await call<{ interview: { id: string } }>(fx.app, {
        method: "POST",
        url: "/api/interviews",
        cookie: fx.cookies.homeRecruiter,
        payload: { standId: fx.homeStandId, candidateId: fx.userIds.candidate },
      });
      return { url: `/api/interviews/${interview.id}/end` };
    },
  },

  // --- last: these change who the actors are
  {
    // Accepting adds the actor to the home stand's staff (a recruiter already on it may be told so).
    route: "POST /api/invitations/{token}/accept",
    allowed: ["anonymous", "homeRecruiter", "homeStandAdmin", "foreignRecruiter", "fairAdmin"],
    alsoAllowed: [409],
    request: async (fx, actor) => ({
      url: `/api/invitations/${(await freshInvitation(fx)).token}/accept`,
      payload:
        actor === "anonymous"
          ? {
              email: `matrix-invited-${nextId()}@crossfair.test`,
              password: "a long enough password",
              displayName: "Invited",
              uiLanguage: "nl",
              languages: ["nl"],
            }
          : { languages: ["fr"] },
    }),
  },
  {
    // Candidates delete a throwaway account of their own; staff accounts are refused.
    route: "DELETE /api/me",
    allowed: CANDIDATES,
    request: async (fx, actor) => ({ url: "/api/me", ...(await asCandidateThrowaway(fx, actor)) }),
  },
];
