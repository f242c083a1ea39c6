/**
 * The role × action matrix: every HTTP route (from the OpenAPI description)
 * and every client socket event (from the shared protocol), asked by every
 * kind of user — anonymous, two candidates, a recruiter and the stand admin
 * of the "home" stand, a recruiter of another stand, and a fair admin. Each
 * cell asserts allowed or forbidden; the first tests fail when a route or an
 * event has no line in the tables, so nothing new escapes the matrix.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientEventSchemas, screeningQuestionsSchema } from "@crossfair/shared";
import { buildTestApp, type TestApp } from "../../support/app.js";
import { listeningUrl } from "../../support/interview-start.js";
import { connectClient, type TestSocket } from "../../support/socket-client.js";
import { ACTORS, buildFixtures, type Actor, type Fixtures } from "./actors.js";
import { HTTP_ACTIONS } from "./http-actions.js";
import { SOCKET_ACTIONS } from "./socket-actions.js";

/**
 * Routes outside the matrix on purpose: probes for orchestrators and the metrics scrape
 * (a bearer token, not a role: metrics.test.ts), not user actions.
 */
const NOT_USER_ACTIONS = new Set(["GET /healthz", "GET /readyz", "GET /metrics"]);

const expectedRefusal = (actor: Actor) => (actor === "anonymous" ? 401 : 403);
const refusalCode = (actor: Actor) => (actor === "anonymous" ? "unauthenticated" : "forbidden");

describe("role × action matrix", () => {
  let app: TestApp;
  let fx: Fixtures;

  beforeAll(async () => {
    // One media worker, so interview participants can really join the room. Each actor's one
    // socket sends every event of the matrix back to back: the token bucket (tested on its
    // own in socket-limits.test.ts) gets room for all of them.
    app = await buildTestApp({
      SOCKET_EVENT_BURST: "10000",
      MEDIA_WORKERS: "1",
      MEDIA_PORT_MIN: "42600",
      MEDIA_PORT_MAX: "42649",
    });
    fx = await buildFixtures(app);
  }, 60_000);
  afterAll(async () => app?.dispose());

  it("has a line for every HTTP route and every socket event", async () => {
    const spec = (await app.http.inject({ url: "/docs/json" })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(spec.paths)
      .flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
      )
      .filter((route) => !NOT_USER_ACTIONS.has(route))
      .sort();
    expect([...HTTP_ACTIONS.map((action) => action.route)].sort()).toEqual(routes);
    expect(SOCKET_ACTIONS.map((action) => action.event).sort()).toEqual(
      Object.keys(clientEventSchemas).sort(),
    );
  });

  // Sockets first: the last HTTP rows (accepting invitations) change who staffs the home stand.
  describe("socket events", () => {
    const sockets = new Map<Actor, TestSocket>();
    let answers: { questionId: string; answer: string }[] = [];

    beforeAll(async () => {
      // Listening already when the fixtures started their interview through the queue.
      const baseUrl = await listeningUrl(app);
      for (const actor of ACTORS) {
        sockets.set(actor, (await connectClient(baseUrl, fx.cookies[actor])).socket);
      }
      const questions = screeningQuestionsSchema.parse(
        (
          await app.http.inject({ url: `/api/stands/${fx.homeStandId}/screening-questions` })
        ).json(),
      ).questions;
      answers = questions.map((question) => ({
        questionId: question.id,
        answer: "Oui, avec permis",
      }));
    });
    afterAll(() => {
      for (const socket of sockets.values()) socket.close();
    });

    describe.each(SOCKET_ACTIONS.map((action) => [action.event, action] as const))(
      "%s",
      (event, action) => {
        it.each(ACTORS.map((actor) => [actor] as const))("as %s", async (actor) => {
          const socket = sockets.get(actor);
          if (!socket) throw new Error(`no socket for ${actor}`);
          // The tables hold every event, so the payload is typed per row, not per event here.
          const untyped = socket.timeout(10_000) as unknown as {
            emitWithAck(name: string, payload: unknown): Promise<{ ok: boolean; code?: string }>;
          };
          const ack = await untyped.emitWithAck(event, action.payload(fx, answers));
          const label = `${actor}: ${event} → ${JSON.stringify(ack).slice(0, 300)}`;
          if (action.allowed.includes(actor)) {
            expect(["unauthenticated", "forbidden", "internal"], label).not.toContain(ack.code);
          } else {
            expect(ack.ok, label).toBe(false);
            expect(ack.code, label).toBe(refusalCode(actor));
          }
        });
      },
    );
  });
  describe.each(HTTP_ACTIONS.map((action) => [action.route, action] as const))(
    "%s",
    (_, action) => {
      it.each(ACTORS.map((actor) => [actor] as const))("as %s", async (actor) => {
        const request = await action.request(fx, actor);
        const cookie = request.cookie ?? fx.cookies[actor];
        const [method = "GET", url = ""] = action.route.split(" ");
        const response = await app.http.inject({
          method: method as "GET",
          url: request.url,
          headers: { ...(cookie ? { cookie } : {}), ...request.headers },
          ...(request.payload === undefined ? {} : { payload: request.payload as object }),
        });
        const label = `${actor}: ${method} ${request.url} (${url}) → ${response.statusCode} ${response.body.slice(0, 300)}`;
        if (action.allowed.includes(actor)) {
          const ok =
            (response.statusCode >= 200 && response.statusCode < 300) ||
            (action.alsoAllowed ?? []).includes(response.statusCode);
          expect(ok, label).toBe(true);
        } else {
          const hidden = action.hiddenFrom?.includes(actor) === true;
          expect(response.statusCode, label).toBe(hidden ? 404 : expectedRefusal(actor));
          expect(response.json(), label).toMatchObject({
            error: { code: hidden ? "not_found" : refusalCode(actor) },
          });
        }
      });
    },
  );
});
