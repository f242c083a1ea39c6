/**
 * The queue outbox reaches PostgreSQL whatever happens between the live
 * change and the drain: a consumer crashing before it acknowledges, an entry
 * drained twice, an interview's end drained before its start, a consent
 * revoked or an account or stand deleted while the records waited, a
 * database refusing writes for a while. On both databases, with the
 * in-process store's outbox and the Redis one (each test under its own key
 * prefix).
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, isNull, like, sql } from "drizzle-orm";
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { users } from "@crossfair/server/auth/auth.schema";
import { profileConsents } from "@crossfair/server/candidate/candidate.schema";
import { ConsentService } from "@crossfair/server/candidate/consent.service";
import { DomainEvents } from "@crossfair/server/events/domain-events";
import { recordConsent } from "@crossfair/server/candidate/consents";
import { stands } from "@crossfair/server/stand/stand.schema";
import { openDatabase, type Database, type DatabaseHandle } from "@crossfair/server/plugins/db";
import { MemoryQueueStore } from "@crossfair/server/queue/queue.memory";
import { QueueOutboxDrainer } from "@crossfair/server/queue/queue.outbox";
import { RedisQueueStore } from "@crossfair/server/queue/queue.redis";
import { queueEvents } from "@crossfair/server/queue/queue.schema";
import type { OutboxEntry, QueueStore } from "@crossfair/server/queue/queue.store";
import { onEveryDatabase } from "../../support/every-database.js";
import { REDIS_TEST_URL, redisAvailable } from "../../support/services.js";
import {
  countRecords,
  expectScenarioWritten,
  hex,
  log,
  neverAcks,
  PLANNED_MS,
  rowsOf,
  scenario,
  seed,
  type Seed,
} from "./queue-outbox-fixture.js";

const redisClients: Redis[] = [];
const prefixes: string[] = [];
afterAll(async () => {
  const cleaner = redisClients[0];
  for (const prefix of prefixes) {
    const keys = cleaner ? await cleaner.keys(`${prefix}:*`) : [];
    if (keys.length > 0) await cleaner?.del(...keys);
  }
  await Promise.all(redisClients.map((client) => client.quit()));
});

const storeKinds: { name: string; create(): QueueStore }[] = [
  { name: "in-process outbox", create: () => new MemoryQueueStore() },
];
if (await redisAvailable()) {
  storeKinds.push({
    name: "Redis outbox",
    create() {
      const prefix = `crossfair-test:${hex()}`;
      prefixes.push(prefix);
      const client = new Redis(REDIS_TEST_URL);
      redisClients.push(client);
      return new RedisQueueStore(client, prefix);
    },
  });
}

await onEveryDatabase((backend, env) => {
  describe(`queue outbox drain on ${backend}`, () => {
    let handle: DatabaseHandle;
    let db: Database;
    let dataDir: string;
    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), "crossfair-outbox-"));
      handle = await openDatabase({ url: env().DATABASE_URL, dataDir, log });
      db = handle.db;
    });
    afterAll(async () => {
      await handle?.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    for (const kind of storeKinds) {
      describe(kind.name, () => {
        let store: QueueStore;
        let s: Seed;
        const drainer = (consumer: string, claimIdleMs = 0, outbox = store.outbox) =>
          new QueueOutboxDrainer(outbox, db, log, { consumer, claimIdleMs, intervalMs: 20 });
        beforeEach(async () => {
          store = kind.create();
          s = await seed(db);
          return () => store.close();
        });

        it("loses nothing when a consumer crashes between reading and acknowledging", async () => {
          const run = await scenario(store, s);
          const read = await store.outbox.read(s.fairId, "crashed", 500, 0);
          expect(read.length).toBeGreaterThan(0);
          // The crashed consumer never acknowledges; another one claims its entries.
          const survivor = drainer("survivor", 0);
          await survivor.drainOnce();
          await expectScenarioWritten(db, s, run, countRecords(read).event!);
          expect(await survivor.lag(Date.now())).toEqual({ pending: 0, oldestAgeMs: null });
          expect(survivor.stats()).toMatchObject({ entries: read.length, skipped: 0 });
        });

        it("writes a record drained twice once", async () => {
          const run = await scenario(store, s);
          const first = drainer("first", 0, neverAcks(store.outbox));
          await first.drainOnce();
          const before = await rowsOf(db, s);
          expect(await store.outbox.lag(s.fairId, Date.now())).toMatchObject({
            pending: first.stats().entries,
          });
          await drainer("second", 0).drainOnce();
          expect(await rowsOf(db, s)).toEqual(before);
          await expectScenarioWritten(db, s, run, before.events.length);
        });

        it("ends an interview whose end is drained before its start", async () => {
          const [c1] = s.candidates;
          const a = { fairId: s.fairId, standId: s.standA };
          let now = Date.now();
          await store.join({
            ...a,
            candidateId: c1,
            languages: [],
            cap: 3,
            now: ++now,
            answers: [],
          });
          await store.callNext({
            ...a,
            recruiterId: s.recruiter,
            languages: [],
            deadline: now + 30_000,
            onlineSince: 0,
            now: ++now,
          });
          const interviewId = randomUUID();
          const startedAt = ++now;
          await store.answerCall({
            ...a,
            candidateId: c1,
            accept: true,
            now: startedAt,
            interviewId,
            plannedEndsAt: startedAt + PLANNED_MS,
          });
          // The start is read by a consumer that crashes; the end comes after it.
          expect(await store.outbox.read(s.fairId, "crashed", 500, 0)).not.toHaveLength(0);
          const endedAt = ++now;
          await store.finishInterview({
            ...a,
            candidateId: c1,
            interviewId,
            recruiterId: s.recruiter,
            startedAt,
            now: endedAt,
          });
          await drainer("live", 60_000).drainOnce();
          const ended = { id: interviewId, status: "ended", candidateId: c1 };
          expect((await rowsOf(db, s)).interviews).toMatchObject([ended]);
          await drainer("claimer", 0).drainOnce(); // the start, claimed late
          const [interview, ...others] = (await rowsOf(db, s)).interviews;
          expect(others).toEqual([]);
          expect(interview).toMatchObject(ended);
          expect(interview!.startedAt.getTime()).toBe(startedAt);
          expect(interview!.endedAt?.getTime()).toBe(endedAt);
          // The end did not know the plan; the late start still records it.
          expect(interview!.plannedEndsAt?.getTime()).toBe(startedAt + PLANNED_MS);
        });

        it("keeps a consent revoked after the join but before the drain revoked", async () => {
          const [c1, c2] = s.candidates;
          const consents = new ConsentService(db, new DomainEvents(log));
          // c1 had consented before; c2 had consented and revoked before joining.
          await recordConsent(db, s.standA, c1);
          await recordConsent(db, s.standA, c2);
          await consents.revoke(c2, s.standA);
          await new Promise((resolve) => setTimeout(resolve, 5));
          for (const candidateId of [c1, c2]) {
            await store.join({
              fairId: s.fairId,
              standId: s.standA,
              candidateId,
              languages: [],
              cap: 3,
              now: Date.now(),
              answers: [],
            });
          }
          await new Promise((resolve) => setTimeout(resolve, 5));
          await consents.revoke(c1, s.standA); // while the join's consent waits in the outbox
          await drainer("drainer").drainOnce();
          const inForce = await db
            .select({ candidateId: profileConsents.candidateId })
            .from(profileConsents)
            .where(and(eq(profileConsents.standId, s.standA), isNull(profileConsents.revokedAt)));
          // c1's revocation came after the join and wins; c2 joined after revoking, and consented again.
          expect(inForce).toEqual([{ candidateId: c2 }]);
        });

        it("writes a deleted account's rows without the person, and skips a deleted stand's", async () => {
          const run = await scenario(store, s);
          const [c1, c2] = s.candidates;
          await db.delete(users).where(eq(users.id, c1));
          const survivor = drainer("drainer");
          await survivor.drainOnce();
          const rows = await rowsOf(db, s);
          expect(rows.events.filter((row) => row.candidateId === c1)).toEqual([]);
          expect(
            rows.events.filter((row) => row.candidateId === null).map((row) => row.type),
          ).toEqual(
            expect.arrayContaining(["join", "call", "accept", "interview_start", "interview_end"]),
          );
          expect(rows.consents.map((row) => row.candidateId)).toEqual([c2]);
          expect(rows.answers).toEqual([]);
          expect(rows.interviews).toMatchObject([
            { id: run.interviewId, candidateId: null, status: "ended" },
          ]);
          expect(survivor.stats().skipped).toBeGreaterThan(0);

          // A stand deleted before the drain: its records are left out, the others written.
          const c3 = s.candidates[2];
          for (const standId of [s.standB, s.standA]) {
            await store.join({
              fairId: s.fairId,
              standId,
              candidateId: c3,
              languages: [],
              cap: 3,
              now: Date.now(),
              answers: [],
            });
          }
          await db.delete(stands).where(eq(stands.id, s.standB));
          await survivor.drainOnce();
          expect(await survivor.lag(Date.now())).toMatchObject({ pending: 0 });
          const after = await rowsOf(db, s);
          expect(
            after.events.filter((row) => row.candidateId === c3).map((row) => row.standId),
          ).toEqual([s.standA]);
        });

        it("keeps a batch the database refuses, then writes it", async () => {
          await scenario(store, s);
          const pending = (await store.outbox.lag(s.fairId, Date.now())).pending;
          const retrying = drainer("retrying");
          await db.execute(sql`alter table queue_events rename to queue_events_away`);
          try {
            await expect(retrying.drainOnce()).rejects.toThrow();
            expect(retrying.stats()).toMatchObject({ failures: 1, entries: 0 });
            expect(retrying.stats().lastError).toMatch(/queue_events/);
            expect((await store.outbox.lag(s.fairId, Date.now())).pending).toBe(pending);
          } finally {
            await db.execute(sql`alter table queue_events_away rename to queue_events`);
          }
          await retrying.drainOnce();
          expect(retrying.stats()).toMatchObject({ entries: pending, batches: 1 });
          expect((await rowsOf(db, s)).events.length).toBeGreaterThan(0);
        });

        it("counts what waits and what was drained; the loop drains and tells listeners", async () => {
          const [c1, c2, c3] = s.candidates;
          const joinedAt = Date.now();
          for (const [index, candidateId] of [c1, c2, c3].entries()) {
            await store.join({
              fairId: s.fairId,
              standId: s.standA,
              candidateId,
              languages: [],
              cap: 3,
              now: joinedAt + index,
              answers: [{ questionId: s.questions[0]!, answer: `answer ${index}` }],
            });
          }
          const loop = new QueueOutboxDrainer(store.outbox, db, log, {
            consumer: "loop",
            batchSize: 2,
            intervalMs: 10,
          });
          await new Promise((resolve) => setTimeout(resolve, 60));
          const lag = await loop.lag(Date.now());
          expect(lag.pending).toBe(3);
          expect(lag.oldestAgeMs).toBeGreaterThanOrEqual(50);
          const heard: OutboxEntry[] = [];
          const heardFairs = new Set<string>();
          loop.onDrained((fairId, entries) => {
            heardFairs.add(fairId);
            heard.push(...entries);
          });
          loop.start();
          await expect.poll(() => heard.length, { timeout: 5_000 }).toBe(3);
          await loop.stop();
          expect([...heardFairs]).toEqual([s.fairId]);
          expect(loop.stats()).toMatchObject({
            drained: 9,
            entries: 3,
            batches: 2,
            skipped: 0,
            failures: 0,
          });
          expect(await loop.lag(Date.now())).toEqual({ pending: 0, oldestAgeMs: null });
          const rows = await rowsOf(db, s);
          const answerKeys = heard.map((entry) => {
            const index = entry.records.findIndex((record) => record.kind === "answers");
            return `${s.fairId}:${entry.id}:${index}:0`;
          });
          expect(rows.answers.map((row) => row.outboxKey).sort()).toEqual(answerKeys.sort());
          expect(rows.events.filter((row) => row.type === "join")).toHaveLength(3);
          expect(
            await db
              .select()
              .from(queueEvents)
              .where(like(queueEvents.outboxKey, `${s.fairId}:%`)),
          ).toHaveLength(3);
        });
      });
    }
  });
});
