/**
 * Hostile input where the general hostile-input suite cannot reach: signed in
 * as the fair admin and as a candidate, so bodies get past the role checks.
 * Valid fair bodies with some fields swapped for hostile values (fast-check)
 * must get a typed 4xx or a success, never a 5xx; on PGlite and PostgreSQL.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiErrorSchema } from "@crossfair/shared";
import { buildTestApp, type TestApp } from "../../support/app.js";
import { onEveryDatabase } from "../../support/every-database.js";
import { signInCookie } from "../../support/session.js";
import { createFair, fairInput, moveFair, newCandidate } from "./fair-helpers.js";

const hostile = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "\u0000",
    "nul\u0000inside",
    "' OR 1=1 --",
    "%_\\",
    "x".repeat(20_000),
    "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:59+14:00",
    "2031-02-30",
    "Etc/GMT+12",
    "+01:00",
    "__proto__",
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom("en", "fr", "xx", "date", "opens"), fc.string(), { maxKeys: 3 }),
);

/** A valid body with each field kept, swapped for a hostile value, or left out. */
function mutated(valid: Record<string, unknown>) {
  return fc
    .tuple(
      ...Object.keys(valid).map((key) =>
        fc.oneof(
          { weight: 3, arbitrary: fc.constant(valid[key]) },
          { weight: 2, arbitrary: hostile },
          { weight: 1, arbitrary: fc.constant(undefined) },
        ),
      ),
    )
    .map((values) => Object.fromEntries(Object.keys(valid).map((key, at) => [key, values[at]])));
}

function hostileSuite(backend: string, env: () => Record<string, string>) {
  describe(`hostile fair bodies on ${backend}`, () => {
    let app: TestApp;
    let admin: string;

    beforeAll(async () => {
      app = await buildTestApp(env());
      admin = await signInCookie(app, "admin@crossfair.test");
    });
    afterAll(async () => app?.dispose());

    const expectTyped = (response: { statusCode: number; json(): unknown }, what: string) => {
      expect(response.statusCode, what).toBeLessThan(500);
      if (response.statusCode >= 400) {
        expect(apiErrorSchema.safeParse(response.json()).success, what).toBe(true);
      }
    };

    it("answers creates, edits and status moves by a fair admin with a typed answer", async () => {
      const fair = await createFair(app, admin);
      const valid = {
        ...fairInput(),
        registrationOpensAt: new Date().toISOString(),
        registrationClosesAt: null,
        openingHours: [{ date: "2031-05-06", opens: "09:00", closes: "17:00" }],
        queueCapPerCandidate: 4,
        registrationNeedsApproval: false,
      };
      await fc.assert(
        fc.asyncProperty(
          mutated(valid),
          fc.constantFrom("POST", "PATCH", "STATUS"),
          async (body, kind) => {
            const { slug: _slug, ...patch } = body;
            const response =
              kind === "POST"
                ? await app.http.inject({
                    method: "POST",
                    url: "/api/admin/fairs",
                    payload: body,
                    headers: { cookie: admin },
                  })
                : kind === "PATCH"
                  ? await app.http.inject({
                      method: "PATCH",
                      url: `/api/admin/fairs/${fair.slug}`,
                      payload: patch,
                      headers: { cookie: admin },
                    })
                  : await app.http.inject({
                      method: "POST",
                      url: `/api/admin/fairs/${fair.slug}/status`,
                      payload: { status: body.name },
                      headers: { cookie: admin },
                    });
            expectTyped(response, `${kind} ${JSON.stringify(body).slice(0, 300)}`);
          },
        ),
        { numRuns: 150 },
      );
    });

    it("refuses a moment in a year no timestamp column holds, with the field", async () => {
      for (const moment of ["0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z"]) {
        const response = await app.http.inject({
          method: "POST",
          url: "/api/admin/fairs",
          payload: { ...fairInput(), registrationClosesAt: moment },
          headers: { cookie: admin },
        });
        expect(response.statusCode, moment).toBe(400);
        expect(response.json(), moment).toMatchObject({
          error: { code: "validation_failed", field: "body.registrationClosesAt" },
        });
      }
    });

    it("answers hostile registration and stand-list queries with a typed answer", async () => {
      const fair = await createFair(app, admin, { registrationNeedsApproval: true });
      await moveFair(app, admin, fair.slug, "registration_open");
      const candidate = await newCandidate(app);
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(
            fc.constantFrom(
              "q",
              "sector",
              "region",
              "language",
              "kind",
              "page",
              "pageSize",
              "status",
            ),
            fc.oneof(fc.string(), fc.constantFrom("%", "_", "\\", "\u0000", "-1", "1e9", "true")),
            { maxKeys: 4 },
          ),
          async (query) => {
            const search = new URLSearchParams(query).toString();
            expectTyped(
              await app.http.inject({ url: `/api/fairs/${fair.slug}/stands?${search}` }),
              `stands ${search}`,
            );
            expectTyped(
              await app.http.inject({
                url: `/api/admin/fairs/${fair.slug}/registrations?${search}`,
                headers: { cookie: admin },
              }),
              `registrations ${search}`,
            );
          },
        ),
        { numRuns: 100 },
      );
      const registered = await app.http.inject({
        method: "POST",
        url: `/api/fairs/${fair.slug}/registration`,
        payload: { anything: "\u0000" },
        headers: { cookie: candidate.cookie },
      });
      expect(registered.statusCode).toBe(201);
    });
  });
}

await onEveryDatabase(hostileSuite);
