/**
 * Fair registrations over HTTP: a candidate registers while the fair takes
 * registrations and inside its window (edges included), twice is the same
 * registration, and fair admins list them (filtered, paged, with the
 * candidate's profile) and approve or reject them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiErrorSchema,
  myRegistrationAnswerSchema,
  myRegistrationsSchema,
  pageSchema,
  registrationAdminViewSchema,
  type FairInput,
  type FairStatus,
} from "@crossfair/shared";
import { buildTestApp, type TestApp } from "../../support/app.js";
import { signInCookie } from "../../support/session.js";
import { createFair, moveFair, newCandidate } from "./fair-helpers.js";

const registrationPage = pageSchema(registrationAdminViewSchema);
const MINUTE = 60_000;

describe("fair registrations", () => {
  let app: TestApp;
  let admin: string;

  beforeAll(async () => {
    app = await buildTestApp();
    admin = await signInCookie(app, "admin@crossfair.test");
  });
  afterAll(async () => app?.dispose());

  const register = (slug: string, cookie: string) =>
    app.http.inject({
      method: "POST",
      url: `/api/fairs/${slug}/registration`,
      headers: { cookie },
    });
  const errorCode = (response: { json(): unknown }) =>
    apiErrorSchema.parse(response.json()).error.code;

  /** A fair with `overrides`, moved along `path` (by default: open for registration). */
  const openFair = async (
    overrides: Partial<FairInput> = {},
    path: FairStatus[] = ["registration_open"],
  ) => {
    const fair = await createFair(app, admin, overrides);
    if (path.length > 0) await moveFair(app, admin, fair.slug, ...path);
    return fair;
  };

  it("registers a candidate as pending when the fair pre-screens; twice is the same registration", async () => {
    const fair = await openFair();
    const candidate = await newCandidate(app);
    const first = await register(fair.slug, candidate.cookie);
    expect(first.statusCode).toBe(201);
    const { registration } = myRegistrationAnswerSchema.parse(first.json());
    expect(registration).toMatchObject({
      fairId: fair.id,
      fairSlug: fair.slug,
      status: "pending",
      decidedAt: null,
    });

    const again = await register(fair.slug, candidate.cookie);
    expect(again.statusCode).toBe(200);
    expect(myRegistrationAnswerSchema.parse(again.json()).registration).toEqual(registration);

    const mine = await app.http.inject({
      url: "/api/me/registrations",
      headers: { cookie: candidate.cookie },
    });
    expect(myRegistrationsSchema.parse(mine.json()).registrations).toEqual([registration]);
  });

  it("approves at once when the fair does not pre-screen, also while it is live", async () => {
    const fair = await openFair({ registrationNeedsApproval: false }, ["live"]);
    const candidate = await newCandidate(app);
    const response = await register(fair.slug, candidate.cookie);
    expect(response.statusCode).toBe(201);
    const { registration } = myRegistrationAnswerSchema.parse(response.json());
    expect(registration.status).toBe("approved");
    expect(registration.decidedAt).not.toBeNull();
  });

  it("is closed in a draft or closed fair", async () => {
    const candidate = await newCandidate(app);
    const paths: FairStatus[][] = [[], ["live", "closed"]];
    for (const path of paths) {
      const fair = await openFair({}, path);
      const response = await register(fair.slug, candidate.cookie);
      expect(response.statusCode, path.join(">")).toBe(409);
      expect(errorCode(response)).toBe("registration_closed");
    }
    const unknown = await register("no-such-fair", candidate.cookie);
    expect(unknown.statusCode).toBe(404);
  });

  it("keeps to the registration window on both sides", async () => {
    const now = Date.now();
    const iso = (offset: number) => new Date(now + offset).toISOString();
    const cases: [Partial<FairInput>, number][] = [
      [{ registrationOpensAt: iso(MINUTE) }, 409],
      [{ registrationOpensAt: iso(-1_000) }, 201],
      [{ registrationOpensAt: iso(-MINUTE), registrationClosesAt: iso(-1_000) }, 409],
      [{ registrationOpensAt: iso(-MINUTE), registrationClosesAt: iso(MINUTE) }, 201],
      [{ registrationClosesAt: iso(MINUTE) }, 201],
      // No closing date: open until the fair ends; this fair has ended.
      [{ startsAt: iso(-2 * 3_600_000), endsAt: iso(-1_000) }, 409],
      [{ startsAt: iso(-2 * 3_600_000), endsAt: iso(MINUTE) }, 201],
    ];
    for (const [window, status] of cases) {
      const fair = await openFair(window);
      const candidate = await newCandidate(app);
      const response = await register(fair.slug, candidate.cookie);
      expect(response.statusCode, JSON.stringify(window)).toBe(status);
      if (status === 409) expect(errorCode(response)).toBe("registration_closed");
    }
  });

  it("still answers a registration made before the window closed", async () => {
    const fair = await openFair();
    const candidate = await newCandidate(app);
    expect((await register(fair.slug, candidate.cookie)).statusCode).toBe(201);
    await app.http.inject({
      method: "PATCH",
      url: `/api/admin/fairs/${fair.slug}`,
      payload: { registrationClosesAt: new Date(Date.now() - 1_000).toISOString() },
      headers: { cookie: admin },
    });
    expect((await register(fair.slug, candidate.cookie)).statusCode).toBe(200);
    expect((await register(fair.slug, (await newCandidate(app)).cookie)).statusCode).toBe(409);
  });

  it("lists a fair's registrations for its admins, filtered by status and paged, with the profile", async () => {
    const fair = await openFair();
    const camille = await signInCookie(app, "candidate@crossfair.test");
    expect((await register(fair.slug, camille)).statusCode).toBe(201);
    const others = [await newCandidate(app, "Ann"), await newCandidate(app, "Bo")];
    for (const other of others) await register(fair.slug, other.cookie);
    const url = `/api/admin/fairs/${fair.slug}/registrations`;
    const list = async (query: string) => {
      const response = await app.http.inject({
        url: `${url}?${query}`,
        headers: { cookie: admin },
      });
      expect(response.statusCode, query).toBe(200);
      return registrationPage.parse(response.json());
    };

    const all = await list("pageSize=100");
    expect(all.total).toBe(3);
    expect(all.items[0]?.candidate).toMatchObject({
      displayName: "Camille Dubois",
      email: "candidate@crossfair.test",
      country: "FR",
      region: "Hauts-de-France",
      hasCv: false,
    });
    expect(all.items[0]?.candidate.languages.length).toBeGreaterThan(0);
    expect(all.items[1]?.candidate).toMatchObject({
      displayName: "Ann",
      country: null,
      region: null,
      languages: [],
      sectors: [],
    });
    const pages = [await list("page=1&pageSize=2"), await list("page=2&pageSize=2")];
    expect(pages.map((page) => page.items.length)).toEqual([2, 1]);
    expect(pages.flatMap((page) => page.items.map((item) => item.id))).toEqual(
      all.items.map((item) => item.id),
    );

    const decide = (id: string, status: string) =>
      app.http.inject({
        method: "POST",
        url: `/api/admin/registrations/${id}/decision`,
        payload: { status },
        headers: { cookie: admin },
      });
    const approved = await decide(all.items[0]!.id, "approved");
    expect(approved.statusCode).toBe(200);
    expect(registrationAdminViewSchema.parse(approved.json())).toMatchObject({
      id: all.items[0]!.id,
      status: "approved",
    });
    expect((await decide(all.items[1]!.id, "rejected")).statusCode).toBe(200);

    expect((await list("status=pending")).items.map((item) => item.candidate.displayName)).toEqual([
      "Bo",
    ]);
    expect((await list("status=approved")).total).toBe(1);
    expect((await list("status=rejected")).items[0]?.decidedAt).not.toBeNull();

    const mine = myRegistrationsSchema.parse(
      (
        await app.http.inject({ url: "/api/me/registrations", headers: { cookie: camille } })
      ).json(),
    );
    expect(mine.registrations.find((entry) => entry.fairId === fair.id)?.status).toBe("approved");

    expect((await decide(all.items[0]!.id, "pending")).statusCode).toBe(400);
    const missing = await decide("00000000-0000-4000-8000-000000000000", "approved");
    expect(missing.statusCode).toBe(404);
    const badStatus = await app.http.inject({
      url: `${url}?status=maybe`,
      headers: { cookie: admin },
    });
    expect(apiErrorSchema.parse(badStatus.json()).error).toMatchObject({
      code: "validation_failed",
      field: "querystring.status",
    });
  });

  it("lets candidates register and fair admins screen, nobody else", async () => {
    const fair = await openFair();
    const recruiter = await signInCookie(app, "recruiter@crossfair.test");
    const candidate = await newCandidate(app);
    const registered = myRegistrationAnswerSchema.parse(
      (await register(fair.slug, candidate.cookie)).json(),
    ).registration;

    expect(
      (await app.http.inject({ method: "POST", url: `/api/fairs/${fair.slug}/registration` }))
        .statusCode,
    ).toBe(401);
    for (const cookie of [recruiter, admin]) {
      expect((await register(fair.slug, cookie)).statusCode).toBe(403);
      expect(
        (await app.http.inject({ url: "/api/me/registrations", headers: { cookie } })).statusCode,
      ).toBe(403);
    }
    for (const cookie of [recruiter, candidate.cookie]) {
      const list = await app.http.inject({
        url: `/api/admin/fairs/${fair.slug}/registrations?status=nonsense`,
        headers: { cookie },
      });
      expect(list.statusCode).toBe(403);
      const decision = await app.http.inject({
        method: "POST",
        url: `/api/admin/registrations/${registered.id}/decision`,
        payload: { status: "approved" },
        headers: { cookie },
      });
      expect(decision.statusCode).toBe(403);
    }
  });
});
