/**
 * Stands over HTTP: creation by the fair admin, an employer's self-registration
 * (pending, hidden until approved), approval, a stand admin's edits limited to
 * their own stand, and the staff list. Runs on PGlite and again on the real
 * PostgreSQL when it is available.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiErrorSchema,
  fairHallSchema,
  pageSchema,
  sessionUserSchema,
  standDetailsSchema,
  standStaffListSchema,
  standStaffMemberSchema,
} from "@crossfair/shared";
import { buildTestApp, type TestApp } from "../support/app.js";
import { onEveryDatabase } from "../support/every-database.js";
import { signInCookie } from "../support/session.js";
import {
  DEMO_FAIR,
  NEW_PASSWORD,
  createStand,
  registerStand,
  signUpCandidate,
  standInput,
  uniqueEmail,
} from "../support/stands.js";

const ADMIN = "admin@crossfair.test";
const RECRUITER = "recruiter@crossfair.test";

function errorOf(response: { json(): unknown }) {
  return apiErrorSchema.parse(response.json()).error;
}

function standsSuite(backend: string, env: () => Record<string, string>) {
  describe(`stands on ${backend}`, () => {
    let app: TestApp;
    let adminCookie: string;

    beforeAll(async () => {
      app = await buildTestApp(env());
      adminCookie = await signInCookie(app, ADMIN);
    });
    afterAll(async () => app?.dispose());

    const hallNames = async () =>
      fairHallSchema
        .parse((await app.http.inject({ url: `/api/fairs/${DEMO_FAIR}/hall` })).json())
        .stands.map((stand) => stand.organisationName);
    const publicPage = (standId: string, cookie?: string) =>
      app.http.inject({
        url: `/api/stands/${standId}`,
        ...(cookie ? { headers: { cookie } } : {}),
      });
    const decide = (standId: string, status: "approved" | "rejected", cookie = adminCookie) =>
      app.http.inject({
        method: "POST",
        url: `/api/admin/stands/${standId}/approval`,
        headers: { cookie },
        payload: { status },
      });

    it("a fair admin creates a stand: approved, public at once, with its logo and documents", async () => {
      const stand = await createStand(app, adminCookie, { organisationName: "Admin Made NV" });
      expect(stand).toMatchObject({
        organisationName: "Admin Made NV",
        approvalStatus: "approved",
        logoUrl: "https://example.org/logo.png",
        documents: [{ title: "Brochure", url: "https://example.org/brochure.pdf" }],
        vacancies: [],
      });
      const page = await publicPage(stand.id);
      expect(page.statusCode).toBe(200);
      expect(standDetailsSchema.parse(page.json())).toEqual(stand);
      expect(await hallNames()).toContain("Admin Made NV");
    });

    it("a self-registered stand is pending and hidden until approved; rejecting hides it again", async () => {
      const { stand, user, cookie } = await registerStand(app, {
        organisationName: "Pending Partners",
      });
      expect(stand.approvalStatus).toBe("pending");
      expect(user.role).toBe("stand_admin");
      // Signed in by the mailed link, as the registration itself signs nobody in.
      const me = await app.http.inject({ url: "/api/auth/me", headers: { cookie } });
      expect(sessionUserSchema.parse((me.json() as { user: unknown }).user).id).toBe(user.id);

      expect(await hallNames()).not.toContain("Pending Partners");
      expect((await publicPage(stand.id)).statusCode).toBe(404);
      expect((await publicPage(stand.id, cookie)).statusCode).toBe(200);
      // The queue asks its (cached) stand facts: unknown to visitors while pending.
      const questions = () =>
        app.http.inject({ url: `/api/stands/${stand.id}/screening-questions` });
      expect((await questions()).statusCode).toBe(404);

      const pending = await app.http.inject({
        url: `/api/admin/fairs/${DEMO_FAIR}/stands?approvalStatus=pending&pageSize=100`,
        headers: { cookie: adminCookie },
      });
      expect(pending.statusCode).toBe(200);
      const page = pageSchema(standDetailsSchema).parse(pending.json());
      expect(page.items.map((item) => item.id)).toContain(stand.id);
      expect(page.items.every((item) => item.approvalStatus === "pending")).toBe(true);

      // Its own admin cannot approve it.
      expect((await decide(stand.id, "approved", cookie)).statusCode).toBe(403);
      const approved = await decide(stand.id, "approved");
      expect(approved.statusCode).toBe(200);
      expect(standDetailsSchema.parse(approved.json()).approvalStatus).toBe("approved");
      expect(await hallNames()).toContain("Pending Partners");
      expect((await publicPage(stand.id)).statusCode).toBe(200);
      // The queue's cached "not approved" was dropped, not left to expire.
      expect((await questions()).statusCode).toBe(200);

      expect((await decide(stand.id, "rejected")).statusCode).toBe(200);
      expect(await hallNames()).not.toContain("Pending Partners");
      expect((await publicPage(stand.id)).statusCode).toBe(404);
      expect((await questions()).statusCode).toBe(404);
    });

    it("answers a taken email as a new one, tells the owner and creates nothing", async () => {
      const register = (organisationName: string, email: string) =>
        app.http.inject({
          method: "POST",
          url: `/api/fairs/${DEMO_FAIR}/stand-registrations`,
          payload: {
            stand: standInput({ organisationName }),
            contact: { email, password: NEW_PASSWORD, displayName: "Someone", uiLanguage: "en" },
          },
        });
      const name = "Duplicate Email BV";
      const taken = await register(name, "Candidate@crossfair.test");
      const fresh = await register("Fresh Email BV", uniqueEmail("employer"));
      for (const response of [taken, fresh]) {
        expect(response.statusCode).toBe(202);
        expect(response.json()).toMatchObject({ status: "check_email" });
        expect(Object.keys(response.json() as object).sort()).toEqual(
          Object.keys(fresh.json() as object).sort(),
        );
        expect(response.cookies.find((cookie) => cookie.name === "cf_session")).toBeUndefined();
      }
      // The owner hears of it, in their language, with the organisation that was typed.
      const mails = app.mailbox!.list().filter((mail) => mail.to === "candidate@crossfair.test");
      const attempt = mails.find((mail) => mail.kind === "standRegistrationAttempt");
      expect(attempt?.text).toContain(name);
      const all = await app.http.inject({
        url: `/api/admin/fairs/${DEMO_FAIR}/stands?pageSize=100`,
        headers: { cookie: adminCookie },
      });
      const names = pageSchema(standDetailsSchema)
        .parse(all.json())
        .items.map((item) => item.organisationName);
      expect(names).not.toContain(name);
      expect(names).toContain("Fresh Email BV");
    });

    it("a stand admin edits their own stand only; a recruiter edits none", async () => {
      const own = await registerStand(app);
      const other = await registerStand(app);
      const patch = (standId: string, cookie: string | undefined, payload: object) =>
        app.http.inject({
          method: "PATCH",
          url: `/api/stands/${standId}`,
          headers: cookie ? { cookie } : {},
          payload,
        });

      const edited = await patch(own.stand.id, own.cookie, {
        description: { fr: "Nouvelle description", nl: "Nieuwe beschrijving" },
        logoUrl: null,
        documents: [{ title: "Site", url: "https://example.org/" }],
      });
      expect(edited.statusCode).toBe(200);
      expect(standDetailsSchema.parse(edited.json())).toMatchObject({
        description: { fr: "Nouvelle description", nl: "Nieuwe beschrijving" },
        logoUrl: null,
        documents: [{ title: "Site", url: "https://example.org/" }],
        organisationName: own.stand.organisationName,
      });

      const foreign = await patch(other.stand.id, own.cookie, { sector: "hijacked" });
      expect(foreign.statusCode).toBe(403);
      expect(errorOf(foreign).code).toBe("forbidden");
      const recruiter = await signInCookie(app, RECRUITER);
      const food = (await recruiterStandId(app, recruiter))!;
      expect((await patch(food, recruiter, { sector: "hijacked" })).statusCode).toBe(403);
      expect((await patch(own.stand.id, undefined, { sector: "x" })).statusCode).toBe(401);
      const script = await patch(own.stand.id, own.cookie, { logoUrl: "javascript:alert(1)" });
      expect(script.statusCode).toBe(400);
      expect(errorOf(script).field).toBe("body.logoUrl");

      // A fair admin may edit every stand.
      const byAdmin = await patch(other.stand.id, adminCookie, { region: "Namur" });
      expect(standDetailsSchema.parse(byAdmin.json()).region).toBe("Namur");
      const untouched = standDetailsSchema.parse(
        (await publicPage(other.stand.id, adminCookie)).json(),
      );
      expect(untouched.sector).toBe(other.stand.sector);
    });

    it("refuses NUL characters, which the database cannot store, as invalid rather than failing", async () => {
      const register = (contactName: string, documentTitle: string, logoUrl: string) =>
        app.http.inject({
          method: "POST",
          url: `/api/fairs/${DEMO_FAIR}/stand-registrations`,
          payload: {
            stand: standInput({ logoUrl, documents: [{ title: documentTitle, url: logoUrl }] }),
            contact: {
              email: "nul@crossfair.test",
              password: NEW_PASSWORD,
              displayName: contactName,
            },
          },
        });
      const cases: [Parameters<typeof register>, string][] = [
        [["a\u0000b", "Brochure", "https://example.org/"], "body.contact.displayName"],
        [["Ann", "x\u0000y", "https://example.org/"], "body.stand.documents.0.title"],
        [["Ann", "Brochure", "https://example.org/\u0000"], "body.stand.logoUrl"],
      ];
      for (const [args, field] of cases) {
        const response = await register(...args);
        expect(response.statusCode, field).toBe(400);
        expect(errorOf(response)).toMatchObject({ code: "validation_failed", field });
      }
    });

    it("only fair admins create and list stands", async () => {
      const employer = await registerStand(app);
      const candidate = await signUpCandidate(app);
      for (const cookie of [employer.cookie, candidate.cookie]) {
        const created = await app.http.inject({
          method: "POST",
          url: `/api/admin/fairs/${DEMO_FAIR}/stands`,
          headers: { cookie },
          payload: standInput(),
        });
        expect(created.statusCode).toBe(403);
        const listed = await app.http.inject({
          url: `/api/admin/fairs/${DEMO_FAIR}/stands`,
          headers: { cookie },
        });
        expect(listed.statusCode).toBe(403);
      }
      const unknownFair = await app.http.inject({
        method: "POST",
        url: "/api/admin/fairs/no-such-fair/stands",
        headers: { cookie: adminCookie },
        payload: standInput(),
      });
      expect(unknownFair.statusCode).toBe(404);
    });

    it("lists the staff to stand admins, edits one's own languages, keeps the last stand admin", async () => {
      const { stand, user, cookie } = await registerStand(app, { languages: ["fr", "nl"] });
      const other = await registerStand(app);
      const staffOf = (standId: string, who: string) =>
        app.http.inject({ url: `/api/stands/${standId}/staff`, headers: { cookie: who } });

      const listed = standStaffListSchema.parse((await staffOf(stand.id, cookie)).json());
      expect(listed.staff).toEqual([
        {
          userId: user.id,
          displayName: user.displayName,
          email: user.email,
          role: "stand_admin",
          languages: ["fr", "nl"],
        },
      ]);
      expect((await staffOf(other.stand.id, cookie)).statusCode).toBe(403);
      expect((await staffOf(stand.id, adminCookie)).statusCode).toBe(200);

      const languages = await app.http.inject({
        method: "PATCH",
        url: `/api/stands/${stand.id}/staff/me`,
        headers: { cookie },
        payload: { languages: ["de"] },
      });
      expect(standStaffMemberSchema.parse(languages.json()).languages).toEqual(["de"]);
      const notMine = await app.http.inject({
        method: "PATCH",
        url: `/api/stands/${other.stand.id}/staff/me`,
        headers: { cookie },
        payload: { languages: ["de"] },
      });
      expect(notMine.statusCode).toBe(403);

      const removeSelf = await app.http.inject({
        method: "DELETE",
        url: `/api/stands/${stand.id}/staff/${user.id}`,
        headers: { cookie },
      });
      expect(removeSelf.statusCode).toBe(409);
      expect(errorOf(removeSelf).code).toBe("conflict");
      const removeForeign = await app.http.inject({
        method: "DELETE",
        url: `/api/stands/${other.stand.id}/staff/${other.user.id}`,
        headers: { cookie },
      });
      expect(removeForeign.statusCode).toBe(403);
      expect(
        standStaffListSchema.parse((await staffOf(other.stand.id, adminCookie)).json()).staff,
      ).toHaveLength(1);
    });
  });
}

/** The stand the demo recruiter works at, through their own console list. */
async function recruiterStandId(app: TestApp, cookie: string): Promise<string | undefined> {
  const response = await app.http.inject({ url: "/api/me/stands", headers: { cookie } });
  return (response.json() as { stands: { standId: string }[] }).stands[0]?.standId;
}

await onEveryDatabase(standsSuite);

describe("account-creating stand routes are rate-limited like sign-up", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await buildTestApp({ SIGN_IN_PER_MINUTE: "2" });
  });
  afterAll(async () => app?.dispose());

  it.each([
    [`/api/fairs/${DEMO_FAIR}/stand-registrations`],
    ["/api/invitations/not-a-real-token/accept"],
  ])("%s answers 429 rate_limited after the limit", async (url) => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await app.http.inject({ method: "POST", url, payload: {} });
      statuses.push(response.statusCode);
      if (response.statusCode === 429) expect(errorOf(response).code).toBe("rate_limited");
    }
    expect(statuses[2]).toBe(429);
    expect(statuses.slice(0, 2)).not.toContain(429);
  });
});
