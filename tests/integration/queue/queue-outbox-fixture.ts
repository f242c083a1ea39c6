/**
 * What the queue outbox tests share: a fair of their own in the database
 * (stands, people, questions), a scenario that makes every kind of outbox
 * record through a real queue store, and reads of the rows it should leave.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { expect } from "vitest";
import { users } from "@crossfair/server/auth/auth.schema";
import { profileConsents } from "@crossfair/server/candidate/candidate.schema";
import { fairs } from "@crossfair/server/fair/fair.schema";
import { stands } from "@crossfair/server/stand/stand.schema";
import { interviews } from "@crossfair/server/interview/interview.schema";
import type { Database } from "@crossfair/server/plugins/db";
import type { QueueOutboxDrainer } from "@crossfair/server/queue/queue.outbox";
import { queueEvents, screeningAnswers } from "@crossfair/server/queue/queue.schema";
import { screeningQuestions } from "@crossfair/server/stand/stand.schema";
import type { OutboxEntry, QueueOutbox, QueueStore } from "@crossfair/server/queue/queue.store";

type Logger = ConstructorParameters<typeof QueueOutboxDrainer>[2];
/** The tests package has no pino of its own; a silent stand-in will do. */
export const log = new Proxy(
  {},
  {
    get: (_target, name) => (name === "child" ? () => log : () => undefined),
  },
) as Logger;
export const hex = () => randomBytes(4).toString("hex");
const text = (en: string) => ({ en, fr: en });

/** A live fair of its own per test: two stands, a recruiter, three candidates, two questions. */
export async function seed(db: Database) {
  const [fair] = await db
    .insert(fairs)
    .values({
      slug: `outbox-${hex()}`,
      name: text("Outbox fair"),
      description: text("A fair for the outbox tests."),
      timeZone: "Europe/Brussels",
      startsAt: new Date(Date.now() - 3_600_000),
      endsAt: new Date(Date.now() + 3_600_000),
      languages: ["en", "fr"],
      status: "live",
    })
    .returning({ id: fairs.id });
  const standRows = await db
    .insert(stands)
    .values(
      ["A", "B"].map((name) => ({
        fairId: fair!.id,
        kind: "employer" as const,
        organisationName: `Outbox ${name} ${hex()}`,
        description: text("A stand."),
        sector: "construction",
        country: "BE",
        region: "Hainaut",
        languages: ["en" as const],
        approvalStatus: "approved" as const,
      })),
    )
    .returning({ id: stands.id });
  const person = (role: "recruiter" | "candidate") => ({
    email: `outbox-${role}-${hex()}@crossfair.test`,
    passwordHash: "not a hash",
    displayName: `Outbox ${role}`,
    role,
  });
  const people = await db
    .insert(users)
    .values([person("recruiter"), person("candidate"), person("candidate"), person("candidate")])
    .returning({ id: users.id });
  const [standA, standB] = standRows.map((row) => row.id) as [string, string];
  const questions = await db
    .insert(screeningQuestions)
    .values(
      [0, 1].map((position) => ({ standId: standA, question: text(`Q${position}`), position })),
    )
    .returning({ id: screeningQuestions.id });
  const [recruiter, c1, c2, c3] = people.map((row) => row.id) as [string, string, string, string];
  return {
    fairId: fair!.id,
    standA,
    standB,
    recruiter,
    candidates: [c1, c2, c3] as const,
    questions: questions.map((row) => row.id),
  };
}
export type Seed = Awaited<ReturnType<typeof seed>>;

/** Joins, a call, an interview from start to end, a leave: every kind of record. */
/** The scenario's interview is planned to last this long (the stand's default length). */
export const PLANNED_MS = 15 * 60_000;

export async function scenario(store: QueueStore, s: Seed) {
  const [c1, c2] = s.candidates;
  const a = { fairId: s.fairId, standId: s.standA };
  let now = Date.now();
  const tick = () => (now += 5);
  const join = (standId: string, candidateId: string, answers: string[] = []) =>
    store.join({
      fairId: s.fairId,
      standId,
      candidateId,
      languages: ["en"],
      cap: 3,
      now: tick(),
      answers: answers.map((answer, index) => ({ questionId: s.questions[index]!, answer })),
    });
  await store.setStandOpen(a, true, s.recruiter, tick());
  expect(await join(s.standA, c1, ["yes", "Monday"])).toMatchObject({ status: "joined" });
  expect(await join(s.standA, c2)).toMatchObject({ status: "joined" });
  expect(await join(s.standB, c1)).toMatchObject({ status: "joined" });
  const call = await store.callNext({
    ...a,
    recruiterId: s.recruiter,
    languages: [],
    deadline: now + 30_000,
    onlineSince: 0,
    now: tick(),
  });
  expect(call).toMatchObject({ status: "called", candidateId: c1 });
  const interviewId = randomUUID();
  const startedAt = tick();
  expect(
    await store.answerCall({
      ...{ ...a, candidateId: c1, accept: true, now: startedAt, interviewId },
      plannedEndsAt: startedAt + PLANNED_MS,
    }),
  ).toMatchObject({ status: "accepted" });
  const endedAt = tick();
  await store.finishInterview({
    ...a,
    candidateId: c1,
    interviewId,
    recruiterId: s.recruiter,
    startedAt,
    now: endedAt,
  });
  expect(await store.leave({ ...a, candidateId: c2, now: tick() })).not.toBeNull();
  return { interviewId, startedAt, endedAt };
}

export async function rowsOf(db: Database, s: Seed) {
  const standIds = [s.standA, s.standB];
  return {
    events: await db
      .select()
      .from(queueEvents)
      .where(eq(queueEvents.fairId, s.fairId))
      .orderBy(queueEvents.at, queueEvents.id),
    consents: await db
      .select()
      .from(profileConsents)
      .where(inArray(profileConsents.standId, standIds)),
    answers: await db
      .select()
      .from(screeningAnswers)
      .where(inArray(screeningAnswers.questionId, s.questions)),
    interviews: await db.select().from(interviews).where(inArray(interviews.standId, standIds)),
  };
}

/** Every record the entries hold, by kind. */
export function countRecords(entries: OutboxEntry[]) {
  const counts: Record<string, number> = {};
  for (const record of entries.flatMap((entry) => entry.records)) {
    counts[record.kind] = (counts[record.kind] ?? 0) + 1;
  }
  return counts;
}

export async function expectScenarioWritten(
  db: Database,
  s: Seed,
  run: Awaited<ReturnType<typeof scenario>>,
  eventRecords: number,
) {
  const [c1, c2] = s.candidates;
  const rows = await rowsOf(db, s);
  expect(rows.events).toHaveLength(eventRecords);
  expect(rows.events.map((row) => row.type)).toEqual(
    expect.arrayContaining([
      "stand_open",
      "join",
      "call",
      "accept",
      "interview_start",
      "interview_end",
      "leave",
    ]),
  );
  expect(rows.events.every((row) => row.outboxKey?.startsWith(`${s.fairId}:`))).toBe(true);
  const inForce = rows.consents.filter((row) => row.revokedAt === null);
  expect(inForce.map((row) => `${row.candidateId}|${row.standId}`).sort()).toEqual(
    [`${c1}|${s.standA}`, `${c2}|${s.standA}`, `${c1}|${s.standB}`].sort(),
  );
  expect(rows.answers.map((row) => [row.candidateId, row.answer]).sort()).toEqual(
    [
      [c1, "Monday"],
      [c1, "yes"],
    ].sort(),
  );
  expect(rows.interviews).toHaveLength(1);
  expect(rows.interviews[0]).toMatchObject({
    id: run.interviewId,
    standId: s.standA,
    recruiterId: s.recruiter,
    candidateId: c1,
    status: "ended",
  });
  expect(rows.interviews[0]!.startedAt.getTime()).toBe(run.startedAt);
  expect(rows.interviews[0]!.plannedEndsAt?.getTime()).toBe(run.startedAt + PLANNED_MS);
  expect(rows.interviews[0]!.endedAt?.getTime()).toBe(run.endedAt);
}

/** The outbox as seen by a consumer that commits and then dies before acknowledging. */
export const neverAcks = (outbox: QueueOutbox): QueueOutbox => ({
  fairs: () => outbox.fairs(),
  read: (...args) => outbox.read(...args),
  ack: async () => undefined,
  lag: (...args) => outbox.lag(...args),
});
