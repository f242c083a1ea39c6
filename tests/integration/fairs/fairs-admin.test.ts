/**
 * Fair management over HTTP: fair admins create, read, list and edit fairs
 * and move them through the status table; everyone else is refused before
 * their body is even read. Runs on the embedded PGlite and again on the real
 * PostgreSQL when it is available.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  FAIR_STATUSES,
  apiErrorSchema,
  fairAdminViewSchema,
  pageSchema,
  type FairStatus,
} from "@crossfair/shared";
import { stands } from "@crossfair/server/stand/stand.schema";
import { buildTestApp, type TestApp } from "../../support/app.js";
import { onEveryDatabase } from "../../support/every-database.js";
import { signInCookie } from "../../support/session.js";
import { createFair, fairInput, moveFair, newCandidate } from "./fair-helpers.js";

const fairPage = pageSchema(fairAdminViewSchema);

/** The contract's table, written out rather than read from the code under test. */
const ALLOWED = new Set([
  "draft->registration_open",
  "draft->live",
  "registration_open->live",
  "registration_open->draft",
  "live->closed",
  "live->registration_open",
  "closed->live",
]);

/** How to bring a new (draft) fair to each status through allowed moves. */
const pathTo: Record<FairStatus, FairStatus[]> = {
  draft: [],
  registration_open: ["registration_open"],
  live: ["live"],
  closed: ["live", "closed"],
};

function fairAdminSuite(backend: string, env: () => Record<string, string>) {
  describe(`fair management on ${backend}`, () => {
    let app: TestApp;
    let admin: string;

    const inject = (method: "GET" | "POST" | "PATCH", url: string, payload?: unknown) =>
      app.http.inject({ method, url, payload: payload as object, headers: { cookie: admin } });
    const errorOf = (response: { json(): unknown }) => apiErrorSchema.parse(response.json()).error;

    beforeAll(async () => {
      app = await buildTestApp(env());
      admin = await signInCookie(app, "admin@crossfair.test");
    });
    afterAll(async () => app?.dispose());

    it("creates a draft fair with the defaults and reads it back alone and in the list", async () => {
      const input = fairInput({
        registrationOpensAt: new Date(Date.now() - 60_000).toISOString(),
        openingHours: [{ date: "2031-05-06", opens: "09:30", closes: "16:00" }],
      });
      const created = await inject("POST", "/api/admin/fairs", input);
      expect(created.statusCode).toBe(201);
      const view = fairAdminViewSchema.parse(created.json());
      expect(view).toMatchObject({
        slug: input.slug,
        name: input.name,
        timeZone: "Europe/Brussels",
        status: "draft",
        queueCapPerCandidate: 3,
        registrationNeedsApproval: true,
        registrationClosesAt: null,
        openingHours: input.openingHours,
        counts: { stands: 0, pendingStands: 0, registrations: 0, pendingRegistrations: 0 },
      });
      expect(Date.parse(view.startsAt)).toBe(Date.parse(input.startsAt));
      expect(Date.parse(view.registrationOpensAt ?? "")).toBe(
        Date.parse(input.registrationOpensAt ?? ""),
      );

      const read = await inject("GET", `/api/admin/fairs/${input.slug}`);
      expect(fairAdminViewSchema.parse(read.json())).toEqual(view);

      const list = fairPage.parse((await inject("GET", "/api/admin/fairs?pageSize=100")).json());
      expect(list.items.map((fair) => fair.slug)).toEqual(
        expect.arrayContaining([input.slug, "cross-border-job-day"]),
      );
      expect(list.total).toBe(list.items.length);
    });

    it("pages the list without gaps or repeats", async () => {
      for (let index = 0; index < 3; index += 1) await createFair(app, admin);
      const all = fairPage.parse((await inject("GET", "/api/admin/fairs?pageSize=100")).json());
      expect(all.total).toBeGreaterThanOrEqual(4);
      const seen: string[] = [];
      for (let page = 1; page <= Math.ceil(all.total / 2); page += 1) {
        const part = fairPage.parse(
          (await inject("GET", `/api/admin/fairs?page=${page}&pageSize=2`)).json(),
        );
        expect(part).toMatchObject({ page, pageSize: 2, total: all.total });
        seen.push(...part.items.map((fair) => fair.id));
      }
      expect(seen).toEqual(all.items.map((fair) => fair.id));
      const beyond = fairPage.parse((await inject("GET", "/api/admin/fairs?page=999")).json());
      expect(beyond.items).toEqual([]);
    });

    it("refuses a taken slug, an end before the start and unknown time zones, naming the field", async () => {
      const first = await createFair(app, admin);
      const taken = await inject("POST", "/api/admin/fairs", fairInput({ slug: first.slug }));
      expect(taken.statusCode).toBe(409);
      expect(errorOf(taken)).toMatchObject({ code: "conflict", field: "slug" });

      const startsAt = new Date(Date.now() + 86_400_000).toISOString();
      for (const endsAt of [startsAt, new Date(Date.parse(startsAt) - 1).toISOString()]) {
        const wrong = await inject("POST", "/api/admin/fairs", fairInput({ startsAt, endsAt }));
        expect(wrong.statusCode).toBe(400);
        expect(errorOf(wrong)).toMatchObject({ code: "validation_failed", field: "endsAt" });
      }
      const window = await inject(
        "POST",
        "/api/admin/fairs",
        fairInput({ registrationOpensAt: startsAt, registrationClosesAt: startsAt }),
      );
      expect(errorOf(window)).toMatchObject({ field: "registrationClosesAt" });

      const cases: [Record<string, unknown>, string][] = [
        [{ timeZone: "Mars/Olympus_Mons" }, "body.timeZone"],
        [{ timeZone: "+01:00" }, "body.timeZone"],
        [{ slug: "Not A Slug" }, "body.slug"],
        [{ languages: [] }, "body.languages"],
        [{ queueCapPerCandidate: 0 }, "body.queueCapPerCandidate"],
        [{ startsAt: "2031-05-06 09:00" }, "body.startsAt"],
        [{ name: { en: "nul\u0000" } }, "body.name.en"],
        [{ openingHours: [{ date: "2031-05-06", opens: "17:00", closes: "09:00" }] }, ""],
      ];
      for (const [override, field] of cases) {
        const response = await inject("POST", "/api/admin/fairs", { ...fairInput(), ...override });
        expect(response.statusCode, JSON.stringify(override)).toBe(400);
        const error = errorOf(response);
        expect(error.code).toBe("validation_failed");
        if (field) expect(error.field).toBe(field);
      }
    });

    it("edits any field but the slug, checking the dates against the stored ones", async () => {
      const fair = await createFair(app, admin);
      const url = `/api/admin/fairs/${fair.slug}`;
      const edited = await inject("PATCH", url, {
        name: { nl: "Grensbanen" },
        registrationNeedsApproval: false,
        queueCapPerCandidate: 5,
        registrationClosesAt: fair.startsAt,
        openingHours: [{ date: "2031-05-06", opens: "10:00", closes: "15:00" }],
      });
      expect(edited.statusCode).toBe(200);
      expect(fairAdminViewSchema.parse(edited.json())).toMatchObject({
        slug: fair.slug,
        name: { nl: "Grensbanen" },
        description: fair.description,
        registrationNeedsApproval: false,
        queueCapPerCandidate: 5,
        openingHours: [{ date: "2031-05-06", opens: "10:00", closes: "15:00" }],
      });

      const cleared = fairAdminViewSchema.parse(
        (await inject("PATCH", url, { registrationClosesAt: null })).json(),
      );
      expect(cleared.registrationClosesAt).toBeNull();

      const early = await inject("PATCH", url, {
        endsAt: new Date(Date.parse(fair.startsAt) - 60_000).toISOString(),
      });
      expect(errorOf(early)).toMatchObject({ code: "validation_failed", field: "endsAt" });
      const slug = await inject("PATCH", url, { slug: "another-slug" });
      expect(slug.statusCode).toBe(400);
      const unknown = await inject("PATCH", "/api/admin/fairs/no-such-fair", { name: { en: "x" } });
      expect(unknown.statusCode).toBe(404);
    });

    it("follows the status table: every allowed move succeeds, every other is invalid_transition", async () => {
      for (const from of FAIR_STATUSES) {
        for (const to of FAIR_STATUSES) {
          const fair = await createFair(app, admin);
          if (pathTo[from].length > 0) await moveFair(app, admin, fair.slug, ...pathTo[from]);
          const response = await inject("POST", `/api/admin/fairs/${fair.slug}/status`, {
            status: to,
          });
          const after = fairAdminViewSchema.parse(
            (await inject("GET", `/api/admin/fairs/${fair.slug}`)).json(),
          );
          if (ALLOWED.has(`${from}->${to}`)) {
            expect(response.statusCode, `${from} -> ${to}`).toBe(200);
            expect(after.status).toBe(to);
          } else {
            expect(response.statusCode, `${from} -> ${to}`).toBe(409);
            expect(errorOf(response).code).toBe("invalid_transition");
            expect(after.status).toBe(from);
          }
        }
      }
      const bogus = await inject("POST", "/api/admin/fairs/cross-border-job-day/status", {
        status: "paused",
      });
      expect(errorOf(bogus)).toMatchObject({ code: "validation_failed", field: "body.status" });
    });

    it("counts stands and registrations, pending ones apart", async () => {
      const fair = await createFair(app, admin);
      await moveFair(app, admin, fair.slug, "registration_open");
      const stand = {
        fairId: fair.id,
        kind: "employer" as const,
        description: { en: "A stand." },
        sector: "logistics",
        country: "BE",
        region: "Hainaut",
        languages: ["fr" as const],
      };
      await app.database.db.insert(stands).values([
        { ...stand, organisationName: "Approved Ltd", approvalStatus: "approved" },
        { ...stand, organisationName: "Pending Ltd", approvalStatus: "pending" },
        { ...stand, organisationName: "Also Pending Ltd", approvalStatus: "pending" },
      ]);
      for (let index = 0; index < 2; index += 1) {
        const candidate = await newCandidate(app);
        const registered = await app.http.inject({
          method: "POST",
          url: `/api/fairs/${fair.slug}/registration`,
          headers: { cookie: candidate.cookie },
        });
        expect(registered.statusCode).toBe(201);
      }
      const view = fairAdminViewSchema.parse(
        (await inject("GET", `/api/admin/fairs/${fair.slug}`)).json(),
      );
      expect(view.counts).toEqual({
        stands: 3,
        pendingStands: 2,
        registrations: 2,
        pendingRegistrations: 2,
      });
    });

    it("is for fair admins only, who is asking checked before the body", async () => {
      const fair = await createFair(app, admin);
      const routes = [
        { method: "GET", url: "/api/admin/fairs" },
        { method: "POST", url: "/api/admin/fairs", payload: { nonsense: true } },
        { method: "GET", url: `/api/admin/fairs/${fair.slug}` },
        { method: "PATCH", url: `/api/admin/fairs/${fair.slug}`, payload: { slug: 1 } },
        { method: "POST", url: `/api/admin/fairs/${fair.slug}/status`, payload: {} },
      ] as const;
      const recruiter = await signInCookie(app, "recruiter@crossfair.test");
      const candidate = await signInCookie(app, "candidate@crossfair.test");
      for (const route of routes) {
        const anonymous = await app.http.inject(route);
        expect(anonymous.statusCode, `${route.method} ${route.url}`).toBe(401);
        for (const cookie of [recruiter, candidate]) {
          const refused = await app.http.inject({ ...route, headers: { cookie } });
          expect(refused.statusCode, `${route.method} ${route.url}`).toBe(403);
          expect(errorOf(refused).code).toBe("forbidden");
        }
      }
      const unknown = await inject("GET", "/api/admin/fairs/no-such-fair");
      expect(unknown.statusCode).toBe(404);
    });
  });
}

await onEveryDatabase(fairAdminSuite);
