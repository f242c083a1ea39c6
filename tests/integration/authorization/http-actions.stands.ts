/**
 * The matrix rows of stand staff, the candidate's own data, applications and
 * interviews. The last rows change who the actors are, so they stay last.
 */
import {
  ALL,
  CANDIDATES,
  HOME_ADMIN,
  HOME_STAFF,
  HOME_STAFF_AND_ADMIN,
  SIGNED_IN,
  call,
  inviteRecruiter,
} from "./actors.js";
import {
  asCandidateThrowaway,
  candidateProfile,
  freshApplicantId,
  freshApplication,
  freshInvitation,
  nextId,
  vacancyInput,
  type HttpAction,
} from "./cell-requests.js";
import { interviewThroughQueue } from "../../support/interview-start.js";
import { minimalPdf, multipart } from "../../support/uploads.js";

export const HTTP_ACTIONS_OF_STANDS_AND_CANDIDATES: HttpAction[] = [
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
    route: "PUT /api/stands/{standId}/screening-questions",
    allowed: HOME_ADMIN,
    // The same questions sent back: the socket cells answer the home stand's questions too.
    request: async (fx) => ({
      url: `/api/stands/${fx.homeStandId}/screening-questions`,
      payload: await call(fx.app, { url: `/api/stands/${fx.homeStandId}/screening-questions` }),
    }),
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

  {
    // The invitation speaks for the stand: its staff only, not a fair admin who is not on it.
    route: "POST /api/stands/{standId}/booking-invitations",
    allowed: HOME_STAFF,
    request: async (fx) => ({
      url: `/api/stands/${fx.homeStandId}/booking-invitations`,
      payload: { candidateId: await freshApplicantId(fx) },
    }),
  },

  // --- interviews
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
    route: "GET /api/me/interviews",
    allowed: CANDIDATES,
    request: (fx) => ({ url: `/api/me/interviews?fairId=${fx.fairId}` }),
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
      const interviewId = await interviewThroughQueue(fx.app, {
        recruiterCookie: fx.cookies.homeRecruiter!,
        candidateCookie: fx.cookies.candidate!,
        standId: fx.homeStandId,
      });
      return { url: `/api/interviews/${interviewId}/end` };
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
