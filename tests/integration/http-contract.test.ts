/**
 * The server's route table against the shared HTTP contract: every route the
 * Fastify app has is declared in API_CONTRACT (JSON) or OUTSIDE_CONTRACT (with
 * its reason), and every declaration is a route the app has. A sample of real
 * answers, for each kind of caller, parse with their declared answer schema.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  API_CONTRACT,
  AUTH_API,
  CANDIDATE_API,
  FAIR_API,
  HEALTH_API,
  INTERVIEW_API,
  OUTSIDE_CONTRACT,
  QUEUE_API,
  REPORT_API,
  STAND_API,
  answerSchemaFor,
  encodeQuery,
  fillPath,
  type AnyRoute,
} from "@crossfair/shared";
import { DEMO_PASSWORD } from "@crossfair/server/fair/demo-seed";
import { buildTestApp, type TestApp } from "../support/app.js";

/** "METHOD path" of every route in Fastify's printed tree (HEAD beside GET is Fastify's own). */
function routeTable(printed: string): Set<string> {
  const routes = new Set<string>();
  const ancestors: string[] = [];
  for (const line of printed.split("\n")) {
    const match = /^((?:[│ ] {3})*)[├└]── (.*?) \(([A-Z, ]+)\)$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? "").length / 4;
    ancestors.length = depth;
    ancestors.push(match[2] ?? "");
    const path = ancestors.join("");
    const methods = (match[3] ?? "").split(", ");
    for (const method of methods) {
      if (method === "HEAD" && methods.includes("GET")) continue;
      routes.add(`${method} ${path}`);
    }
  }
  return routes;
}

const key = (route: { method: string; path: string }) => `${route.method} ${route.path}`;

describe("the HTTP contract", () => {
  let app: TestApp;
  let server: Set<string>;

  beforeAll(async () => {
    app = await buildTestApp();
    server = routeTable(app.http.printRoutes({ commonPrefix: false }));
  });
  afterAll(async () => {
    await app?.dispose();
  });

  it("declares each route once", () => {
    const declared = [...API_CONTRACT, ...OUTSIDE_CONTRACT].map(key);
    expect(declared.length).toBe(new Set(declared).size);
  });

  it("covers every route the server has, JSON or outside with a reason", () => {
    const declared = new Set([...API_CONTRACT, ...OUTSIDE_CONTRACT].map(key));
    expect(server.size).toBeGreaterThan(50);
    expect([...server].filter((route) => !declared.has(route))).toEqual([]);
    for (const outside of OUTSIDE_CONTRACT) expect(outside.reason).not.toBe("");
  });

  it("declares only routes the server has", () => {
    const required = [...API_CONTRACT, ...OUTSIDE_CONTRACT.filter((route) => !route.optional)];
    expect(required.map(key).filter((route) => !server.has(route))).toEqual([]);
  });

  it("keeps the OpenAPI document to the JSON routes, with their answers", async () => {
    const spec = (await app.http.inject({ url: "/docs/json" })).json() as {
      paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
    };
    for (const route of API_CONTRACT) {
      const path = route.path.replace(/:([A-Za-z]+)/g, "{$1}");
      const operation = spec.paths[path]?.[route.method.toLowerCase()];
      expect(operation, key(route)).toBeDefined();
      if (route.answer)
        expect(Object.keys(operation?.responses ?? {})).toContain(`${route.status}`);
    }
  });

  describe("answers parse with their declared schema", () => {
    const cookies = new Map<string, string>();
    const signIn = async (email: string) => {
      const known = cookies.get(email);
      if (known) return known;
      const response = await app.http.inject({
        method: "POST",
        url: AUTH_API.signIn.path,
        payload: { email, password: DEMO_PASSWORD },
      });
      expectDeclared(AUTH_API.signIn, response.statusCode, response.json());
      const cookie = String(response.headers["set-cookie"]).split(";")[0] ?? "";
      cookies.set(email, cookie);
      return cookie;
    };
    const call = async (
      route: AnyRoute,
      request: { params?: object; query?: object; body?: object; as?: string } = {},
    ) => {
      const response = await app.http.inject({
        method: route.method,
        url: `${fillPath(route, request.params ?? {})}${encodeQuery(request.query)}`,
        ...(request.body ? { payload: request.body } : {}),
        headers: request.as ? { cookie: await signIn(request.as) } : {},
      });
      const body: unknown = response.statusCode === 204 ? undefined : response.json();
      expectDeclared(route, response.statusCode, body);
      return body;
    };
    const expectDeclared = (route: AnyRoute, status: number, body: unknown) => {
      const schema = answerSchemaFor(route, status);
      expect(schema, `${key(route)} answered ${status}: ${JSON.stringify(body)}`).toBeDefined();
      if (schema) expect(schema.safeParse(body).success, key(route)).toBe(true);
      else expect(body).toBeUndefined();
    };

    it("for anyone", async () => {
      await call(HEALTH_API.liveness);
      await call(HEALTH_API.readiness);
      const hall = FAIR_API.currentHall.answer.parse(await call(FAIR_API.currentHall));
      await call(FAIR_API.hall, { params: { slug: hall.fair.slug } });
      await call(FAIR_API.standList, { params: { slug: hall.fair.slug }, query: { pageSize: 2 } });
      const stand = hall.stands[0];
      expect(stand).toBeDefined();
      await call(STAND_API.stand, { params: { standId: stand?.id } });
      await call(QUEUE_API.screeningQuestions, { params: { standId: stand?.id } });
    });

    it("for a candidate, a recruiter and a fair admin", async () => {
      const candidate = "candidate@crossfair.test";
      await call(AUTH_API.me, { as: candidate });
      await call(CANDIDATE_API.profile, { as: candidate });
      await call(CANDIDATE_API.consents, { as: candidate });
      await call(FAIR_API.myRegistrations, { as: candidate });

      const recruiter = "recruiter@crossfair.test";
      const mine = QUEUE_API.myStands.answer.parse(
        await call(QUEUE_API.myStands, { as: recruiter }),
      );
      const standId = mine.stands[0]?.standId;
      expect(standId).toBeDefined();
      await call(INTERVIEW_API.standInterviews, { params: { standId }, as: recruiter });

      const admin = "admin@crossfair.test";
      const fairs = FAIR_API.listFairs.answer.parse(await call(FAIR_API.listFairs, { as: admin }));
      const slug = fairs.items[0]?.slug;
      await call(FAIR_API.fair, { params: { slug }, as: admin });
      await call(REPORT_API.report, { params: { slug }, as: admin });
      await call(REPORT_API.live, { params: { slug }, as: admin });
      await call(STAND_API.adminStands, { params: { slug }, as: admin });
      await call(STAND_API.staff, { params: { standId }, as: admin });
    });
  });
});
