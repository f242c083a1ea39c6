/**
 * Property-based abuse of every write route and every socket event: random
 * and hostile bodies and payloads (fast-check) must get a typed 4xx or a
 * typed failed ack, never a 5xx, never a crash; the server keeps serving.
 * The routes come from the OpenAPI description, so a new route is covered
 * the day it is added.
 */
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiErrorSchema, clientEventSchemas, fairHallSchema } from "@crossfair/shared";
import { buildTestApp, type TestApp } from "../support/app.js";
import { signInCookie } from "../support/session.js";
import { signUpVerified } from "../support/sign-up.js";
import { connectClient, type TestSocket } from "../support/socket-client.js";

const hostileString = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "' OR 1=1 --",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "\u0000",
    "𝕮𝖗𝖔𝖘𝖘𝖋𝖆𝖎𝖗",
    "x".repeat(5_000),
    "__proto__",
    "constructor",
  ),
);
const hostileValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.uuid(),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(hostileString, fc.constantFrom("email", "password", "standId")),
      tie("value"),
      {
        maxKeys: 5,
      },
    ),
  ),
})).value;

/** Who sends the body: every role, so hostile bodies get past the role checks to validation. */
const SENDERS = [
  "anonymous",
  "candidate@crossfair.test",
  "recruiter@crossfair.test",
  "standadmin@crossfair.test",
  "admin@crossfair.test",
] as const;

describe("hostile input", () => {
  let app: TestApp;
  const cookies = new Map<string, string>();
  /** Real values for path parameters, so bodies also reach existing fairs, stands and vacancies. */
  const realParams = new Map<string, string>();

  beforeAll(async () => {
    // Hundreds of events from two sockets in a few seconds would mostly be answered
    // `rate_limited`: raised, so hostile payloads reach validation and the handlers.
    app = await buildTestApp({
      MEDIA_WORKERS: "0",
      SOCKET_EVENT_BURST: "100000",
      USER_EVENT_BURST: "100000",
    });
    for (const email of SENDERS.slice(1)) cookies.set(email, await signInCookie(app, email));
    const hall = fairHallSchema.parse(
      (await app.http.inject({ url: "/api/fairs/current/hall" })).json(),
    );
    const stand = hall.stands.find((entry) => entry.organisationName === "Hainaut Logistique");
    realParams.set("slug", hall.fair.slug);
    realParams.set("standId", stand?.id ?? "");
    realParams.set("vacancyId", stand?.vacancies[0]?.id ?? "");
    realParams.set("language", "de");
  });
  afterAll(async () => app?.dispose());

  it("answers every write route with a typed 4xx for random bodies, from every role", async () => {
    const spec = (await app.http.inject({ url: "/docs/json" })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const writes = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((method) => ["post", "put", "patch", "delete"].includes(method))
        .map((method) => ({
          path,
          method: method.toUpperCase() as "POST" | "PUT" | "PATCH" | "DELETE",
        })),
    );
    expect(writes.length).toBeGreaterThanOrEqual(3);
    // Signing out (here or everywhere) or deleting the account would end the sessions the other
    // runs use; none of them reads a body.
    const targets = writes.filter(
      (route) =>
        !["/api/auth/sign-out", "/api/auth/sign-out-everywhere", "/api/me"].includes(route.path),
    );

    // Routes whose validation a hostile body reached (past authentication and role checks).
    const validated = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...targets),
        hostileValue,
        fc.constantFrom("uuid", "garbage", "real"),
        fc.constantFrom(...SENDERS),
        async (route, body, paramKind, sender) => {
          const url = route.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
            paramKind === "garbage"
              ? "%00..%2F"
              : ((paramKind === "real" ? realParams.get(name) : undefined) ??
                "00000000-0000-4000-8000-000000000000"),
          );
          const cookie = cookies.get(sender);
          const response = await app.http.inject({
            method: route.method,
            url,
            payload: JSON.stringify(body),
            headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
          });
          expect(response.statusCode, `${route.method} ${url}`).toBeLessThan(500);
          if (response.statusCode >= 400) {
            const answer = apiErrorSchema.safeParse(response.json());
            expect(answer.success).toBe(true);
            if (answer.data?.error.code === "validation_failed") validated.add(route.path);
          }
        },
      ),
      { numRuns: 600 },
    );
    expect(validated.size, [...validated].join(", ")).toBeGreaterThan(targets.length / 2);
    expect((await app.http.inject({ url: "/healthz" })).statusCode).toBe(200);
  });

  it("shows a development-mailbox message only for an id a sign-up handed out, whatever the id", async () => {
    const handedOut = await app.http.inject({
      method: "POST",
      url: "/api/auth/sign-up",
      payload: {
        email: "hostile-demo@example.org",
        password: "long enough password",
        displayName: "D",
      },
    });
    const { devMailbox } = handedOut.json() as { devMailbox?: { messageId: string } };
    expect(devMailbox?.messageId).toBeDefined();
    // A message nobody was told the id of: the fair admins' mailbox holds it, this route does not.
    await app.http.inject({
      method: "POST",
      url: "/api/auth/password/forgot",
      payload: { email: "candidate@crossfair.test" },
    });
    const reset = () => app.mailbox?.list().find((mail) => mail.kind === "passwordReset");
    await expect.poll(reset).toBeDefined();
    const kept = reset();
    await fc.assert(
      fc.asyncProperty(
        // Past 100 characters Fastify's own guard answers (414, untyped) for every route alike.
        fc.oneof(
          hostileString.filter((id) => encodeURIComponent(id).length <= 100),
          fc.uuid(),
          fc.constant(kept?.id ?? ""),
        ),
        async (id) => {
          const response = await app.http.inject({
            url: `/api/dev-mailbox/${encodeURIComponent(id)}`,
          });
          expect(response.statusCode, id).toBeGreaterThanOrEqual(400);
          expect(response.statusCode, id).toBeLessThan(500);
          expect(apiErrorSchema.safeParse(response.json()).success).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
    const shown = await app.http.inject({ url: `/api/dev-mailbox/${devMailbox?.messageId}` });
    expect(shown.statusCode).toBe(200);
  });

  it("answers the account lifecycle's bodies with a typed 4xx when their fields are hostile", async () => {
    const lifecycle = [
      { url: "/api/auth/password/forgot", fields: ["email"] },
      { url: "/api/auth/password/reset", fields: ["token", "password"] },
      { url: "/api/auth/password/change", fields: ["currentPassword", "newPassword"] },
      { url: "/api/auth/email/verify", fields: ["token"] },
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...lifecycle),
        fc.array(hostileValue, { minLength: 2, maxLength: 2 }),
        fc.constantFrom(...SENDERS),
        async ({ url, fields }, values, sender) => {
          const body = Object.fromEntries(fields.map((field, index) => [field, values[index]]));
          const cookie = cookies.get(sender);
          const response = await app.http.inject({
            method: "POST",
            url,
            payload: JSON.stringify(body),
            headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
          });
          // A hostile email that happens to be valid is answered 204, like every email.
          expect(response.statusCode, url).toBeLessThan(500);
          if (response.statusCode >= 400) {
            expect(apiErrorSchema.safeParse(response.json()).success).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
    // Nobody's password changed: every sender still signs in.
    for (const email of SENDERS.slice(1)) await signInCookie(app, email);
  });

  it("answers the people search and the suspension with a typed 4xx for hostile input", async () => {
    const admin = cookies.get("admin@crossfair.test") ?? "";
    const signedUp = await signUpVerified(app, {
      email: "hostile-target@example.org",
      password: "long enough password",
      displayName: "T",
    });
    const targetId = signedUp.user.id;
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          { query: hostileString, page: hostileValue, pageSize: hostileValue },
          {
            requiredKeys: [],
          },
        ),
        fc.record({ suspended: hostileValue, reason: hostileValue }, { requiredKeys: [] }),
        async (query, body) => {
          const search = new URLSearchParams(
            Object.entries(query).map(([key, value]) => [
              key,
              typeof value === "string" ? value : (JSON.stringify(value) ?? ""),
            ]),
          );
          const listed = await app.http.inject({
            url: `/api/admin/people?${search.toString()}`,
            headers: { cookie: admin },
          });
          expect(listed.statusCode, search.toString()).toBeLessThan(500);
          if (listed.statusCode >= 400) {
            expect(apiErrorSchema.safeParse(listed.json()).success).toBe(true);
          }
          const decided = await app.http.inject({
            method: "POST",
            url: `/api/admin/people/${targetId}/suspension`,
            payload: JSON.stringify(body),
            headers: { "content-type": "application/json", cookie: admin },
          });
          expect(decided.statusCode, JSON.stringify(body)).toBeLessThan(500);
          if (decided.statusCode >= 400) {
            expect(apiErrorSchema.safeParse(decided.json()).success).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
    // The admins and the demo accounts were never the target: every sender still signs in.
    for (const email of SENDERS.slice(1)) await signInCookie(app, email);
  });

  it("answers hostile invitations to book with a typed 4xx, and stores hostile text as typed", async () => {
    const standId = realParams.get("standId") ?? "";
    const staff = cookies.get("standadmin@crossfair.test") ?? "";
    // A candidate who applied to the stand: valid invitations to them get past the rules.
    const signedUp = await signUpVerified(app, {
      email: "hostile-applicant@example.org",
      password: "long enough password",
      displayName: "A",
    });
    const applicant = signedUp.user.id;
    const applicantCookie = signedUp.cookie;
    await app.http.inject({
      method: "POST",
      url: `/api/vacancies/${realParams.get("vacancyId") ?? ""}/applications`,
      payload: {},
      headers: { cookie: applicantCookie },
    });
    const codes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant(applicant), fc.uuid(), hostileValue),
        fc.oneof(hostileString, hostileValue),
        async (candidateId, message) => {
          const response = await app.http.inject({
            method: "POST",
            url: `/api/stands/${standId}/booking-invitations`,
            payload: JSON.stringify({ candidateId, message }),
            headers: { "content-type": "application/json", cookie: staff },
            // Its own address: the rate limit (30 a minute) counts apart from the other suites'.
            remoteAddress: "10.13.13.13",
          });
          expect(response.statusCode, JSON.stringify({ candidateId, message })).toBeLessThan(500);
          if (response.statusCode >= 400) {
            const answer = apiErrorSchema.parse(response.json());
            codes.add(answer.error.code);
          } else {
            expect(response.statusCode).toBe(201);
            expect((response.json() as { message: string }).message).toBe(
              typeof message === "string" ? message.trim() : message,
            );
          }
        },
      ),
      // Under the route's rate limit (30 a minute per address), so every run reaches the rules.
      { numRuns: 25 },
    );
    expect([...codes].every((code) => /^[a-z_]+$/.test(code) && code !== "internal")).toBe(true);
    expect(codes.has("validation_failed")).toBe(true);
    expect(codes.has("rate_limited")).toBe(false);
  });

  it("answers the boot session check with nobody, never an error, for hostile cookies", async () => {
    await fc.assert(
      fc.asyncProperty(hostileString, async (value) => {
        const response = await app.http.inject({
          url: "/api/auth/session",
          headers: { cookie: `cf_session=${encodeURIComponent(value)}` },
        });
        expect(response.statusCode).toBe(200);
        expect(response.json()).toEqual({ user: null });
      }),
      { numRuns: 100 },
    );
  });

  it("answers every socket event with a typed failed ack for random payloads", async () => {
    await app.http.listen({ host: "127.0.0.1", port: 0 });
    const baseUrl = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
    const sockets: TestSocket[] = [
      (await connectClient(baseUrl)).socket,
      (await connectClient(baseUrl, await signInCookie(app, "candidate@crossfair.test"))).socket,
    ];
    const events = Object.keys(clientEventSchemas);
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...events),
          hostileValue,
          fc.constantFrom(0, 1),
          async (event, payload, which) => {
            const socket = sockets[which] as unknown as {
              timeout(ms: number): {
                emitWithAck(event: string, payload: unknown): Promise<unknown>;
              };
            };
            const answer = (await socket.timeout(5_000).emitWithAck(event, payload)) as {
              ok: boolean;
              code?: string;
            };
            if (!answer.ok) {
              expect(answer.code).toMatch(/^[a-z_]+$/);
              expect(answer.code).not.toBe("internal");
            }
          },
        ),
        { numRuns: 300 },
      );
    } finally {
      for (const socket of sockets) socket.close();
    }
    expect((await app.http.inject({ url: "/readyz" })).statusCode).toBe(200);
  });
});
