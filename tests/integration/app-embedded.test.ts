/**
 * The embedded default: PGlite under DATA_DIR, the in-process queue store,
 * the demo fair seeded on first start, and the HTTP contract (hall, sign-in,
 * readiness, error shapes) exercised through app.inject.
 */
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiErrorSchema, fairHallSchema, readinessSchema } from "@crossfair/shared";
import { buildTestApp, makeDataDir, type TestApp } from "../support/app.js";
import { DEMO_PASSWORD } from "@crossfair/server/fair/demo-seed";

describe("embedded default (PGlite + in-process queue store)", () => {
  let dataDir: string;
  let app: TestApp;

  beforeAll(async () => {
    dataDir = await makeDataDir();
    app = await buildTestApp({}, dataDir);
  });
  afterAll(async () => {
    await app?.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("uses PGlite and the in-process store and seeds the demo fair on first start", () => {
    expect(app.database.kind).toBe("pglite");
    expect(app.queueStore.kind).toBe("memory");
    expect(app.seeded).toBe(true);
  });

  it("serves the hall of the seeded fair with its stands and multilingual vacancies", async () => {
    const response = await app.http.inject({ method: "GET", url: "/api/fairs/current/hall" });
    expect(response.statusCode).toBe(200);
    const hall = fairHallSchema.parse(response.json());
    expect(hall.fair.status).toBe("live");
    expect(hall.fair.organisers).toEqual(["France Travail", "Le Forem", "VDAB"]);
    expect(hall.stands).toHaveLength(8);
    expect(new Set(hall.stands.map((stand) => stand.kind))).toEqual(
      new Set(["employer", "temp_agency", "information"]),
    );
    const originals = new Set(
      hall.stands.flatMap((stand) => stand.vacancies.map((vacancy) => vacancy.originalLanguage)),
    );
    expect(originals).toEqual(new Set(["nl", "fr", "en"]));
    const info = hall.stands.find((stand) => stand.kind === "information");
    expect(info?.vacancies).toEqual([]);
  });

  it("finds the same hall by slug and answers 404 in the error shape for an unknown fair", async () => {
    const bySlug = await app.http.inject({ url: "/api/fairs/cross-border-job-day/hall" });
    expect(bySlug.statusCode).toBe(200);
    const unknown = await app.http.inject({ url: "/api/fairs/no-such-fair/hall" });
    expect(unknown.statusCode).toBe(404);
    expect(apiErrorSchema.parse(unknown.json()).error.code).toBe("not_found");
    const badSlug = await app.http.inject({ url: "/api/fairs/NOT_A_SLUG!/hall" });
    expect(badSlug.statusCode).toBe(400);
    expect(badSlug.json()).toMatchObject({
      error: { code: "validation_failed", field: "params.slug" },
    });
  });

  it("reports liveness and readiness", async () => {
    const health = await app.http.inject({ url: "/healthz" });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: "ok" });
    const ready = await app.http.inject({ url: "/readyz" });
    expect(ready.statusCode).toBe(200);
    expect(readinessSchema.parse(ready.json())).toEqual({
      status: "ready",
      checks: { database: { ok: true }, queueStore: { ok: true }, media: { ok: true } },
    });
  });

  it("signs a demo account in with an httpOnly SameSite=Lax cookie and knows who it is", async () => {
    const signIn = await app.http.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: "Recruiter@Crossfair.test", password: DEMO_PASSWORD },
    });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json()).toMatchObject({ user: { role: "recruiter", uiLanguage: "nl" } });
    const cookie = signIn.cookies.find((entry) => entry.name === "cf_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });

    const me = await app.http.inject({
      url: "/api/auth/me",
      cookies: { cf_session: cookie?.value ?? "" },
    });
    expect(me.json()).toMatchObject({ user: { email: "recruiter@crossfair.test" } });

    await app.http.inject({
      method: "POST",
      url: "/api/auth/sign-out",
      cookies: { cf_session: cookie?.value ?? "" },
    });
    const after = await app.http.inject({
      url: "/api/auth/me",
      cookies: { cf_session: cookie?.value ?? "" },
    });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ error: { code: "unauthenticated" } });
  });

  it("refuses a wrong password with invalid_credentials", async () => {
    const response = await app.http.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: "candidate@crossfair.test", password: "wrong" },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: { code: "invalid_credentials" } });
  });

  describe("bad input gets a typed 4xx and never crashes the process", () => {
    const cases: {
      name: string;
      payload: string;
      contentType: string;
      code: string;
      field?: string;
    }[] = [
      {
        name: "invalid email",
        payload: JSON.stringify({ email: "not-an-email", password: "x" }),
        contentType: "application/json",
        code: "validation_failed",
        field: "body.email",
      },
      {
        name: "missing password",
        payload: JSON.stringify({ email: "a@b.test" }),
        contentType: "application/json",
        code: "validation_failed",
        field: "body.password",
      },
      {
        name: "wrong type",
        payload: JSON.stringify({ email: 42, password: ["x"] }),
        contentType: "application/json",
        code: "validation_failed",
        field: "body.email",
      },
      {
        name: "array body",
        payload: "[]",
        contentType: "application/json",
        code: "validation_failed",
      },
      {
        name: "malformed JSON",
        payload: '{"email": ',
        contentType: "application/json",
        code: "malformed_body",
      },
      {
        name: "unsupported content type",
        payload: "email=a",
        contentType: "application/x-www-form-urlencoded",
        code: "unsupported_media_type",
      },
      {
        name: "oversized body",
        payload: JSON.stringify({ email: "a@b.test", password: "x".repeat(2_000_000) }),
        contentType: "application/json",
        code: "payload_too_large",
      },
    ];

    for (const testCase of cases) {
      it(`answers ${testCase.code} for ${testCase.name}`, async () => {
        const response = await app.http.inject({
          method: "POST",
          url: "/api/auth/sign-in",
          payload: testCase.payload,
          headers: { "content-type": testCase.contentType },
        });
        expect(response.statusCode).toBeGreaterThanOrEqual(400);
        expect(response.statusCode).toBeLessThan(500);
        const body = apiErrorSchema.parse(response.json());
        expect(body.error.code).toBe(testCase.code);
        if (testCase.field) expect(body.error.field).toBe(testCase.field);
      });
    }

    it("answers unknown routes with 404 in the same error shape", async () => {
      const response = await app.http.inject({ method: "DELETE", url: "/api/nothing/here?x=1" });
      expect(response.statusCode).toBe(404);
      expect(apiErrorSchema.parse(response.json()).error).toMatchObject({
        code: "not_found",
        message: "no route for DELETE /api/nothing/here",
      });
    });

    it("still serves after all of that", async () => {
      const response = await app.http.inject({ url: "/healthz" });
      expect(response.statusCode).toBe(200);
    });
  });

  it("keeps its data across a restart on the same DATA_DIR and does not seed twice", async () => {
    await app.close();
    app = await buildTestApp({}, dataDir);
    expect(app.seeded).toBe(false);
    const hall = fairHallSchema.parse(
      (await app.http.inject({ url: "/api/fairs/current/hall" })).json(),
    );
    expect(hall.stands).toHaveLength(8);
  });
});
