/**
 * A stand admin edits the stand's screening questions: the list is replaced
 * in the order sent, questions that stay keep their ids, bad bodies are
 * refused on the field at fault, only the stand's admins (and fair admins)
 * may edit, a removed question's answers still show to staff, and a
 * candidate joining over a real socket right after a change is asked the new
 * questions. Runs on PGlite, and one case again on the real PostgreSQL.
 */
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiErrorSchema,
  screeningQuestionsSchema,
  type LocalizedText,
  type ScreeningQuestions,
} from "@crossfair/shared";
import type { App } from "@crossfair/server/app";
import { buildTestApp, type TestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";
import { postgresAvailable } from "../support/services.js";
import { signInCookie } from "../support/session.js";
import { connectClient, type TestSocket } from "../support/socket-client.js";
import { approvedEmployerStand, registerStand } from "../support/stands.js";
import { signUpCandidate } from "./application-fixture.js";
import { newRecruiterAt } from "./queue/staff-helpers.js";
import { startQueueFixture, type QueueFixture } from "./queue/queue-fixture.js";

const ADMIN = "admin@crossfair.test";

type Questions = ScreeningQuestions["questions"];
type QuestionBody = { id?: string; question: LocalizedText }[];

const putQuestions = (app: App, standId: string, cookie: string | undefined, payload: unknown) =>
  app.http.inject({
    method: "PUT",
    url: `/api/stands/${standId}/screening-questions`,
    headers: cookie ? { cookie } : {},
    payload: payload as object,
  });

async function replace(app: App, standId: string, cookie: string, questions: QuestionBody) {
  const response = await putQuestions(app, standId, cookie, { questions });
  expect(response.statusCode, response.body).toBe(200);
  return screeningQuestionsSchema.parse(response.json()).questions;
}

async function asked(app: App, standId: string, cookie?: string): Promise<Questions> {
  const response = await app.http.inject({
    url: `/api/stands/${standId}/screening-questions`,
    headers: cookie ? { cookie } : {},
  });
  expect(response.statusCode, response.body).toBe(200);
  return screeningQuestionsSchema.parse(response.json()).questions;
}

const text = (en: string): LocalizedText => ({ en, fr: `${en} (fr)` });
const answersTo = (questions: Questions) =>
  questions.map((question) => ({ questionId: question.id, answer: "Oui" }));
const join = (socket: TestSocket, standId: string, answers: ReturnType<typeof answersTo>) =>
  socket.emitWithAck("queue:join", { standId, consentToShareProfile: true, answers });

/** After a change, a join without the new question's answer is refused and one with it admitted. */
async function expectAskedAfterChange(
  app: App,
  socket: TestSocket,
  standId: string,
  admin: string,
) {
  const before = await replace(app, standId, admin, [{ question: text("Driving licence?") }]);
  // The queue now caches the one-question list.
  expect(await asked(app, standId)).toEqual(before);
  const after = await replace(app, standId, admin, [
    { id: before[0]!.id, question: text("Driving licence?") },
    { question: text("Night shifts?") },
  ]);
  expect(after.map((question) => question.question.en)).toEqual([
    "Driving licence?",
    "Night shifts?",
  ]);
  const refused = await join(socket, standId, answersTo(before));
  expect(refused).toMatchObject({ ok: false, code: "screening_incomplete" });
  const admitted = await join(socket, standId, answersTo(after));
  expect(admitted.ok, JSON.stringify(admitted)).toBe(true);
}

describe("screening questions on PGlite", () => {
  let fixture: QueueFixture;
  let app: TestApp;
  let adminCookie: string;

  beforeAll(async () => {
    fixture = await startQueueFixture();
    app = fixture.app;
    adminCookie = await signInCookie(app, ADMIN);
  });
  afterAll(async () => fixture?.dispose());

  it("replaces the list in the order sent, keeping the ids of the questions that stay", async () => {
    const { stand, cookie } = await approvedEmployerStand(app, adminCookie);
    expect(await asked(app, stand.id)).toEqual([]);
    const first = await replace(app, stand.id, cookie, [
      { question: text("Driving licence?") },
      { question: text("Forklift certificate?") },
      { question: { nl: "Nachtdiensten?" } },
    ]);
    expect(first.map((question) => question.question)).toEqual([
      text("Driving licence?"),
      text("Forklift certificate?"),
      { nl: "Nachtdiensten?" },
    ]);
    const [licence, forklift, nights] = first;

    const second = await replace(app, stand.id, cookie, [
      { id: nights!.id, question: { nl: "Nachtdiensten?", en: "  Night shifts?  " } },
      { question: text("Available from?") },
      { id: licence!.id, question: text("Driving licence B?") },
    ]);
    expect(second).toHaveLength(3);
    expect(second[0]).toEqual({
      id: nights!.id,
      question: { nl: "Nachtdiensten?", en: "Night shifts?" },
    });
    expect(second[1]?.question).toEqual(text("Available from?"));
    expect([licence!.id, forklift!.id, nights!.id]).not.toContain(second[1]?.id);
    expect(second[2]).toEqual({ id: licence!.id, question: text("Driving licence B?") });
    // What candidates are asked follows at once, in the same order.
    expect(await asked(app, stand.id)).toEqual(second);

    // An empty list asks nothing; a fair admin may edit any stand.
    expect(await replace(app, stand.id, adminCookie, [])).toEqual([]);
    expect(await asked(app, stand.id)).toEqual([]);
  });

  it("refuses bad lists on the field at fault, changing nothing", async () => {
    const { stand, cookie } = await approvedEmployerStand(app, adminCookie);
    const other = await approvedEmployerStand(app, adminCookie);
    const [kept] = await replace(app, stand.id, cookie, [{ question: text("Kept?") }]);
    const [foreign] = await replace(app, other.stand.id, other.cookie, [
      { question: text("Own?") },
    ]);
    const valid = { question: text("Fine?") };
    const cases: [unknown, string][] = [
      [{ questions: Array.from({ length: 11 }, () => valid) }, "body.questions"],
      [{ questions: [valid, { question: { en: "   " } }] }, "body.questions.1.question.en"],
      [{ questions: [{ question: { fr: "x".repeat(301) } }] }, "body.questions.0.question.fr"],
      [{ questions: [{ question: {} }] }, "body.questions.0.question"],
      [{ questions: [{ question: { xx: "Which?" } }] }, "body.questions.0.question"],
      [{ questions: [{ id: "q1", question: text("Id?") }] }, "body.questions.0.id"],
      [
        {
          questions: [
            { id: kept!.id, ...valid },
            { id: kept!.id, ...valid },
          ],
        },
        "body.questions.1.id",
      ],
      [{ questions: [valid, { id: foreign!.id, ...valid }] }, "body.questions.1.id"],
      [{ questions: [{ question: { en: "a\u0000b" } }] }, "body.questions.0.question.en"],
      [{}, "body.questions"],
    ];
    for (const [payload, field] of cases) {
      const response = await putQuestions(app, stand.id, cookie, payload);
      expect(response.statusCode, `${field}: ${response.body}`).toBe(400);
      expect(apiErrorSchema.parse(response.json()).error).toMatchObject({
        code: "validation_failed",
        field,
      });
    }
    expect(await asked(app, stand.id)).toEqual([kept]);
    expect(await asked(app, other.stand.id)).toEqual([foreign]);
  });

  it("lets only the stand's admins and fair admins edit", async () => {
    const { stand, cookie } = await approvedEmployerStand(app, adminCookie);
    const [question] = await replace(app, stand.id, cookie, [{ question: text("Kept?") }]);
    const recruiter = await newRecruiterAt(app, stand.id, cookie);
    const otherAdmin = await approvedEmployerStand(app, adminCookie);
    const candidate = await signUpCandidate(app);
    const body = { questions: [{ question: text("Taken over?") }] };
    for (const [who, caller, status] of [
      ["a recruiter of the stand", recruiter.cookie, 403],
      ["another stand's admin", otherAdmin.cookie, 403],
      ["a candidate", candidate.cookie, 403],
      ["nobody signed in", undefined, 401],
    ] as const) {
      const response = await putQuestions(app, stand.id, caller, body);
      expect(response.statusCode, who).toBe(status);
      expect(apiErrorSchema.parse(response.json()).error.code, who).toBe(
        status === 401 ? "unauthenticated" : "forbidden",
      );
    }
    expect(await asked(app, stand.id)).toEqual([question]);
    const unknown = await putQuestions(
      app,
      "00000000-0000-4000-8000-000000000000",
      adminCookie,
      body,
    );
    expect(unknown.statusCode).toBe(404);
  });

  it("shows a pending stand's questions to its staff only", async () => {
    const { stand, cookie } = await registerStand(app);
    const prepared = await replace(app, stand.id, cookie, [{ question: text("Ready?") }]);
    expect(await asked(app, stand.id, cookie)).toEqual(prepared);
    expect(await asked(app, stand.id, adminCookie)).toEqual(prepared);
    const candidate = await signUpCandidate(app);
    for (const caller of [undefined, candidate.cookie]) {
      const hidden = await app.http.inject({
        url: `/api/stands/${stand.id}/screening-questions`,
        headers: caller ? { cookie: caller } : {},
      });
      expect(hidden.statusCode).toBe(404);
    }
  });

  it("asks a candidate joining after a change the new questions", async () => {
    const { stand, cookie } = await approvedEmployerStand(app, adminCookie);
    const candidate = await signUpCandidate(app);
    const socket = await fixture.connectWithCookie(candidate.cookie);
    await expectAskedAfterChange(app, socket, stand.id, cookie);
  });

  it("stops asking a removed question but keeps the answers given to it before the staff", async () => {
    const { stand, cookie } = await approvedEmployerStand(app, adminCookie);
    const [licence, nights] = await replace(app, stand.id, cookie, [
      { question: text("Driving licence?") },
      { question: text("Night shifts?") },
    ]);
    const candidate = await signUpCandidate(app);
    const socket = await fixture.connectWithCookie(candidate.cookie);
    // The answers reach PostgreSQL through the queue's outbox, held back here until the question
    // is removed: an answer written after its question went is kept all the same.
    await app.outbox.stop();
    let remaining: Questions;
    try {
      const joined = await socket.emitWithAck("queue:join", {
        standId: stand.id,
        consentToShareProfile: true,
        answers: [
          { questionId: licence!.id, answer: "Permis B" },
          { questionId: nights!.id, answer: "Volontiers" },
        ],
      });
      expect(joined.ok, JSON.stringify(joined)).toBe(true);

      remaining = await replace(app, stand.id, cookie, [
        { id: licence!.id, question: text("Driving licence?") },
      ]);
      expect(remaining).toEqual([licence]);
      await app.outbox.drainOnce();
    } finally {
      app.outbox.start();
    }
    const staff = await fixture.connectWithCookie(cookie);
    const opened = await staff.emitWithAck("staff:console", { standId: stand.id });
    if (!opened.ok) throw new Error(JSON.stringify(opened));
    const entry = opened.queue.entries.find((line) => line.candidateId === candidate.id);
    // The stand admin reads French (their account's language).
    expect(entry?.answers).toEqual([
      { question: "Driving licence? (fr)", answer: "Permis B" },
      { question: "Night shifts? (fr)", answer: "Volontiers" },
    ]);

    // A later candidate is not asked the removed question, and may not answer it.
    const later = await signUpCandidate(app);
    const laterSocket = await fixture.connectWithCookie(later.cookie);
    const stale = await join(laterSocket, stand.id, answersTo([licence!, nights!]));
    expect(stale).toMatchObject({ ok: false, code: "validation_failed" });
    expect((await join(laterSocket, stand.id, answersTo(remaining))).ok).toBe(true);

    // Sending its id again asks it again.
    const restored = await replace(app, stand.id, cookie, [
      { id: nights!.id, question: text("Night shifts?") },
      { id: licence!.id, question: text("Driving licence?") },
    ]);
    expect(restored.map((question) => question.id)).toEqual([nights!.id, licence!.id]);
  });
});

const postgres = await postgresAvailable();

describe.runIf(postgres)("screening questions on PostgreSQL", () => {
  let database: TestDatabase;
  let app: TestApp;
  let socket: TestSocket | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await buildTestApp({ DATABASE_URL: database.url, SEED_DEMO: "true" });
    await app.http.listen({ host: "127.0.0.1", port: 0 });
  });
  afterAll(async () => {
    socket?.close();
    await app?.dispose();
    await database?.drop();
  });

  it("replaces the list in one transaction and asks a joining candidate the new questions", async () => {
    const adminCookie = await signInCookie(app, ADMIN);
    const { stand, cookie } = await approvedEmployerStand(app, adminCookie);
    const candidate = await signUpCandidate(app);
    const port = (app.http.server.address() as AddressInfo).port;
    socket = (await connectClient(`http://127.0.0.1:${port}`, candidate.cookie)).socket;
    await expectAskedAfterChange(app, socket, stand.id, cookie);
    // A refused list (an unknown id after a new question) changes nothing.
    const before = await asked(app, stand.id);
    const refused = await putQuestions(app, stand.id, cookie, {
      questions: [{ question: text("New?") }, { id: crypto.randomUUID(), question: text("?") }],
    });
    expect(refused.statusCode).toBe(400);
    expect(await asked(app, stand.id)).toEqual(before);
  });
});
