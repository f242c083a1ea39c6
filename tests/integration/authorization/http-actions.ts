/**
 * Every HTTP route of the API with who may use it. The runner asks each route
 * as each actor: an allowed actor must get what they asked for (2xx, or one of
 * the answers listed in `alsoAllowed`), anyone else 401 when anonymous and
 * 403 when signed in. A route missing here fails the coverage test, so a new
 * route cannot ship without its line in the matrix.
 */
import { ALL, FAIR_ADMIN, CANDIDATES, SIGNED_IN } from "./actors.js";
import { HTTP_ACTIONS_OF_AVAILABILITY } from "./http-actions.availability.js";
import { HTTP_ACTIONS_OF_WEBINARS } from "./http-actions.webinars.js";
import { HTTP_ACTIONS_OF_STANDS_AND_CANDIDATES } from "./http-actions.stands.js";
import {
  draftFair,
  fairInput,
  mailedToken,
  nextId,
  throwawayAccount,
  unverifiedAccount,
  throwawayCandidate,
  throwawayUserId,
  type HttpAction,
} from "./cell-requests.js";

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
  // The boot check: anyone asks, and the anonymous are told "nobody" with a 200, not a 401.
  { route: "GET /api/auth/session", allowed: ALL, request: () => ({ url: "/api/auth/session" }) },
  {
    // Everyone signed in changes their own account (here: to the language they already use).
    route: "PATCH /api/auth/me",
    allowed: SIGNED_IN,
    request: async (fx, actor) => {
      const me = await fx.app.http.inject({
        url: "/api/auth/me",
        headers: { cookie: fx.cookies[actor] ?? "" },
      });
      const uiLanguage =
        me.statusCode === 200
          ? (me.json() as { user: { uiLanguage: string } }).user.uiLanguage
          : "en";
      return { url: "/api/auth/me", payload: { uiLanguage } };
    },
  },
  {
    // Every signed-in actor signs out a session of their own kind made for this cell.
    route: "POST /api/auth/sign-out",
    allowed: ALL,
    request: async (fx, actor) => ({
      url: "/api/auth/sign-out",
      ...(actor === "anonymous" ? {} : { cookie: await throwawayCandidate(fx) }),
    }),
  },
  {
    // Every signed-in actor signs a throwaway account of their own out everywhere.
    route: "POST /api/auth/sign-out-everywhere",
    allowed: SIGNED_IN,
    request: async (fx, actor) => ({
      url: "/api/auth/sign-out-everywhere",
      ...(actor === "anonymous" ? {} : { cookie: await throwawayCandidate(fx) }),
    }),
  },
  {
    // Anyone may ask, and is answered the same whether or not the email has an account.
    route: "POST /api/auth/password/forgot",
    allowed: ALL,
    request: () => ({
      url: "/api/auth/password/forgot",
      payload: { email: `matrix-${nextId()}@crossfair.test` },
    }),
  },
  {
    // Whoever holds a reset link's token may use it, signed in or not.
    route: "POST /api/auth/password/reset",
    allowed: ALL,
    request: async (fx) => {
      const { email } = await throwawayAccount(fx);
      await fx.app.http.inject({
        method: "POST",
        url: "/api/auth/password/forgot",
        payload: { email },
      });
      const token = await mailedToken(fx, email, "passwordReset");
      return {
        url: "/api/auth/password/reset",
        payload: { token, password: "another long password" },
      };
    },
  },
  {
    // Every signed-in actor changes the password of a throwaway account of their own.
    route: "POST /api/auth/password/change",
    allowed: SIGNED_IN,
    request: async (fx, actor) => {
      const account = await throwawayAccount(fx);
      return {
        url: "/api/auth/password/change",
        payload: { currentPassword: account.password, newPassword: "another long password" },
        ...(actor === "anonymous" ? {} : { cookie: account.cookie }),
      };
    },
  },
  {
    // The verification link works for whoever follows it (often a phone, not signed in).
    route: "POST /api/auth/email/verify",
    allowed: ALL,
    request: async (fx) => {
      const email = await unverifiedAccount(fx);
      return {
        url: "/api/auth/email/verify",
        payload: { token: await mailedToken(fx, email, "emailVerification") },
      };
    },
  },
  {
    // Anyone may ask for the link again, and is answered the same whoever the email is.
    route: "POST /api/auth/email/resend",
    allowed: ALL,
    request: async (fx) => ({
      url: "/api/auth/email/resend",
      payload: { email: await unverifiedAccount(fx) },
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
    route: "GET /api/admin/operations",
    allowed: FAIR_ADMIN,
    request: () => ({ url: "/api/admin/operations" }),
  },
  {
    // Whoever holds a sign-up answer's message id reads that one message (embedded, not production).
    route: "GET /api/dev-mailbox/{messageId}",
    allowed: ALL,
    request: async (fx) => {
      const response = await fx.app.http.inject({
        method: "POST",
        url: "/api/auth/sign-up",
        payload: {
          email: `matrix-${nextId()}@crossfair.test`,
          password: "a long enough password",
          displayName: "Demo visitor",
        },
      });
      const { devMailbox } = response.json() as { devMailbox?: { messageId: string } };
      return { url: `/api/dev-mailbox/${devMailbox?.messageId ?? "none"}` };
    },
  },
  {
    // The matrix runs embedded (no SMTP_URL), where the development mailbox exists.
    route: "GET /api/admin/mailbox",
    allowed: FAIR_ADMIN,
    request: () => ({ url: "/api/admin/mailbox" }),
  },
  {
    route: "GET /api/admin/people",
    allowed: FAIR_ADMIN,
    request: () => ({ url: "/api/admin/people?query=crossfair.test&pageSize=5" }),
  },
  {
    // Each cell suspends a throwaway account, so no actor of the matrix loses their sessions.
    route: "POST /api/admin/people/{userId}/suspension",
    allowed: FAIR_ADMIN,
    request: async (fx) => ({
      url: `/api/admin/people/${await throwawayUserId(fx)}/suspension`,
      payload: { suspended: true, reason: "Matrix cell" },
    }),
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

  // Interview slots and bookings.
  ...HTTP_ACTIONS_OF_AVAILABILITY,

  // Group sessions: scheduling, registration, the figures.
  ...HTTP_ACTIONS_OF_WEBINARS,

  // Stands, the candidate's data, applications and interviews; last, the rows that change who the actors are.
  ...HTTP_ACTIONS_OF_STANDS_AND_CANDIDATES,
];
