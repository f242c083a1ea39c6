/**
 * Hostile input on every group-session event: malformed payloads for each
 * (wrong types, unknown or non-UUID ids, empty and oversized text, unknown
 * actions, huge strings under the 64 KB cap), then random interleavings of
 * the events from two viewers, a speaker and a moderator, out of order and
 * replayed. Every ack is typed (never `internal`), nothing crashes, and the
 * session keeps its rules: a question's votes equal its voters, at most two
 * promoted viewers, one open attendance row per socket.
 */
import { randomUUID } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webinarClientEvents } from "@crossfair/shared";
import {
  webinarAttendance,
  webinarQuestions,
  webinarQuestionVotes,
} from "@crossfair/server/webinar/webinar.schema";
import { buildTestApp, type TestApp } from "../../support/app.js";
import { listeningUrl } from "../../support/interview-start.js";
import { signInCookie } from "../../support/session.js";
import { connectClient, type TestSocket } from "../../support/socket-client.js";
import { ask, scheduleWebinar, userIdOf, type Ack } from "../../support/webinar-live.js";

const PEOPLE = [
  "candidate@crossfair.test",
  "kandidaat@crossfair.test",
  "standadmin@crossfair.test",
  "admin@crossfair.test",
];
const EVENTS = Object.keys(webinarClientEvents);

interface Step {
  who: number;
  event: string;
  flag: boolean;
  target: number;
  action: string;
}

describe("hostile group-session sockets", () => {
  let app: TestApp;
  let baseUrl: string;
  let webinarId: string;
  let sockets: TestSocket[] = [];
  let userIds: string[] = [];
  const codes = new Map<string, number>();
  const questionIds: string[] = [];

  const connectAs = async (email: string) =>
    (await connectClient(baseUrl, await signInCookie(app, email))).socket;
  const send = async (socket: TestSocket, event: string, payload: unknown): Promise<Ack> => {
    const answer = await ask(socket, event, payload);
    const label = `${event} ${JSON.stringify(payload).slice(0, 200)}`;
    if (!answer.ok) {
      expect(answer.code, label).toMatch(/^[a-z_]+$/);
      expect(answer.code, label).not.toBe("internal");
      codes.set(answer.code!, (codes.get(answer.code!) ?? 0) + 1);
    }
    const question = answer.question as { id?: string } | undefined;
    if (question?.id && !questionIds.includes(question.id)) questionIds.push(question.id);
    return answer;
  };

  beforeAll(async () => {
    app = await buildTestApp({
      MEDIA_WORKERS: "1",
      MEDIA_PORT_MIN: "45500",
      MEDIA_PORT_MAX: "45549",
      // The sequences send far faster than a person; the buckets have their own tests.
      SOCKET_EVENT_BURST: "100000",
      USER_EVENT_BURST: "100000",
    });
    baseUrl = await listeningUrl(app);
    webinarId = await scheduleWebinar(app);
    sockets = await Promise.all(PEOPLE.map(connectAs));
    userIds = await Promise.all(PEOPLE.map((email) => userIdOf(app, email)));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await app?.dispose();
  });

  it("answers malformed payloads of every event validation_failed", async () => {
    const socket = sockets[0]!;
    const huge = "x".repeat(30_000);
    const bad: unknown[] = [
      null,
      "webinar",
      42,
      [],
      {},
      { webinarId: "not-a-uuid" },
      { webinarId: 12 },
      { webinarId: huge },
    ];
    for (const event of EVENTS) {
      for (const payload of bad) {
        expect(await send(socket, event, payload), event).toMatchObject({
          ok: false,
          code: "validation_failed",
        });
      }
    }
    await send(socket, "webinar:join", { webinarId });
    const specific: [string, unknown][] = [
      ["webinar:ask", { webinarId, text: "" }],
      ["webinar:ask", { webinarId, text: "   " }],
      ["webinar:ask", { webinarId, text: "x".repeat(501) }],
      ["webinar:ask", { webinarId, text: { $ne: "" } }],
      ["webinar:chat", { webinarId, text: "x".repeat(1_001) }],
      ["webinar:vote", { webinarId, questionId: "1", voted: true }],
      ["webinar:vote", { webinarId, questionId: randomUUID(), voted: "yes" }],
      ["webinar:moderateQuestion", { webinarId, questionId: randomUUID(), action: "delete" }],
      ["webinar:moderateChat", { webinarId, messageId: randomUUID(), action: "pin" }],
      ["webinar:block", { webinarId, userId: "someone", blocked: true }],
      ["webinar:raiseHand", { webinarId, raised: 1 }],
      ["webinar:promote", { webinarId, userId: randomUUID(), promoted: null }],
      ["webinar:preferLayers", { webinarId, consumerId: "c", spatialLayer: 7 }],
      ["webinar:createTransport", { webinarId, direction: "sideways" }],
      ["webinar:produce", { webinarId, transportId: "t", kind: "smell", rtpParameters: {} }],
    ];
    for (const [event, payload] of specific) {
      expect(await send(socket, event, payload), event).toMatchObject({
        ok: false,
        code: "validation_failed",
      });
    }
    // A session that is not there, asked by a member of another: typed, never internal.
    expect(await send(socket, "webinar:ask", { webinarId: randomUUID(), text: "?" })).toMatchObject(
      { ok: false, code: "not_found" },
    );
  });

  const step = fc.record({
    who: fc.integer({ min: 0, max: PEOPLE.length - 1 }),
    event: fc.constantFrom(
      "webinar:join",
      "webinar:leave",
      "webinar:start",
      "webinar:ask",
      "webinar:vote",
      "webinar:moderateQuestion",
      "webinar:chat",
      "webinar:block",
      "webinar:raiseHand",
      "webinar:promote",
      "webinar:createTransport",
    ),
    flag: fc.boolean(),
    target: fc.integer({ min: 0, max: PEOPLE.length - 1 }),
    action: fc.constantFrom("hide", "show", "answer", "reopen", "pin", "unpin"),
  });

  it("answers random interleavings with typed acks and keeps the session's rules", async () => {
    const payloadOf = (s: Step) => {
      const questionId = questionIds.at(s.flag ? -1 : 0) ?? randomUUID();
      switch (s.event) {
        case "webinar:ask":
        case "webinar:chat":
          return { webinarId, text: `message ${s.who}` };
        case "webinar:vote":
          return { webinarId, questionId, voted: s.flag };
        case "webinar:moderateQuestion":
          return { webinarId, questionId, action: s.action };
        case "webinar:block":
          return { webinarId, userId: userIds[s.target], blocked: s.flag && s.target === 1 };
        case "webinar:raiseHand":
          return { webinarId, raised: s.flag };
        case "webinar:promote":
          return { webinarId, userId: userIds[s.target], promoted: s.flag };
        case "webinar:createTransport":
          return { webinarId, direction: "recv" };
        default:
          return { webinarId };
      }
    };
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 15, maxLength: 40 }), async (steps) => {
        for (const s of steps) await send(sockets[s.who]!, s.event, payloadOf(s));
        await checkRules();
      }),
      { numRuns: 15 },
    );
    // The sequences reached the rules, not only the validation.
    for (const code of ["forbidden", "not_found"]) {
      expect(codes.get(code) ?? 0, code).toBeGreaterThan(0);
    }
    expect((await app.http.inject({ url: "/readyz" })).statusCode).toBe(200);
  }, 120_000);

  async function checkRules(): Promise<void> {
    const { db } = app.database;
    const tallies = await db
      .select({
        id: webinarQuestions.id,
        votes: webinarQuestions.votes,
        voters: sql<number>`(select count(*)::int from ${webinarQuestionVotes} where ${webinarQuestionVotes.questionId} = ${webinarQuestions.id})`,
      })
      .from(webinarQuestions)
      .where(eq(webinarQuestions.webinarId, webinarId));
    for (const tally of tallies) expect(tally.votes, tally.id).toBe(tally.voters);
    const open = await db
      .select({ socketId: webinarAttendance.socketId })
      .from(webinarAttendance)
      .where(and(eq(webinarAttendance.webinarId, webinarId), isNull(webinarAttendance.leftAt)));
    expect(new Set(open.map((row) => row.socketId)).size).toBe(open.length);
    const joined = await ask(sockets[2]!, "webinar:join", { webinarId });
    const stage = (joined.stage as { kind: string }[] | undefined) ?? [];
    expect(stage.filter((member) => member.kind === "promoted").length).toBeLessThanOrEqual(2);
  }
});
