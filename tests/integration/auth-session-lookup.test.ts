/**
 * Session lookups in batches (server/src/auth/session-lookup.ts), on both
 * databases: lookups asked together share one query and each still gets its
 * own answer (live, expired, suspended, unknown, asked twice), and nothing is
 * cached, so a session ended a moment ago is not found again.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions, users } from "@crossfair/server/auth/auth.schema";
import { SessionLookup } from "@crossfair/server/auth/session-lookup";
import { openDatabase, type DatabaseHandle } from "@crossfair/server/plugins/db";
import { onEveryDatabase } from "../support/every-database.js";
import { log } from "./queue/queue-outbox-fixture.js";

const hash = () => randomBytes(32).toString("hex");

await onEveryDatabase((backend, env) => {
  describe(`session lookups in batches (${backend})`, () => {
    let handle: DatabaseHandle;
    let dataDir: string;
    let selects = 0;
    let lookup: SessionLookup;
    const live: { hash: string; userId: string }[] = [];
    const expired: string[] = [];
    const suspended: string[] = [];

    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), "crossfair-lookup-"));
      handle = await openDatabase({
        url: env().DATABASE_URL,
        dataDir,
        log,
      });
      const db = handle.db;
      // The real database, with its reads counted.
      lookup = new SessionLookup({
        select: ((...args: Parameters<typeof db.select>) => {
          selects += 1;
          return db.select(...args);
        }) as typeof db.select,
      });
      const makeUser = async (suspendedAt: Date | null) => {
        const [user] = await db
          .insert(users)
          .values({
            email: `lookup-${hash().slice(0, 12)}@crossfair.test`,
            passwordHash: "not-a-hash",
            displayName: "Lookup",
            role: "candidate",
            suspendedAt,
          })
          .returning({ id: users.id });
        return user!.id;
      };
      const active = await makeUser(null);
      const barred = await makeUser(new Date());
      const later = new Date(Date.now() + 3_600_000);
      const earlier = new Date(Date.now() - 1_000);
      for (let index = 0; index < 120; index += 1) live.push({ hash: hash(), userId: active });
      for (let index = 0; index < 40; index += 1) expired.push(hash());
      for (let index = 0; index < 40; index += 1) suspended.push(hash());
      await db
        .insert(sessions)
        .values([
          ...live.map((session) => ({ tokenHash: session.hash, userId: active, expiresAt: later })),
          ...expired.map((tokenHash) => ({ tokenHash, userId: active, expiresAt: earlier })),
          ...suspended.map((tokenHash) => ({ tokenHash, userId: barred, expiresAt: later })),
        ]);
    });

    afterAll(async () => {
      await handle?.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it("answers lookups asked together with one query, each with its own session", async () => {
      const unknown = Array.from({ length: 40 }, hash);
      const asked = [
        ...live.map((session) => session.hash),
        ...expired,
        ...suspended,
        ...unknown,
        live[0]!.hash,
      ];
      selects = 0;
      const found = await Promise.all(asked.map((tokenHash) => lookup.find(tokenHash)));
      expect(selects).toBe(1);
      expect(found.slice(0, 120).map((row) => [row?.sessionId, row?.user.id])).toEqual(
        live.map((session) => [session.hash, session.userId]),
      );
      expect(found.slice(120, 240).every((row) => row === null)).toBe(true);
      expect(found.at(-1)?.sessionId).toBe(live[0]!.hash);
    });

    it("splits a herd into batches of at most 500", async () => {
      selects = 0;
      const asked = Array.from({ length: 1_200 }, (_, index) => live[index % live.length]!.hash);
      const found = await Promise.all(asked.map((tokenHash) => lookup.find(tokenHash)));
      expect(selects).toBe(3);
      expect(found.every((row, index) => row?.sessionId === asked[index])).toBe(true);
    });

    it("caches nothing: a session ended a moment ago is not found", async () => {
      const ended = live.pop()!;
      expect(await lookup.find(ended.hash)).not.toBeNull();
      await handle.db.delete(sessions).where(eq(sessions.tokenHash, ended.hash));
      expect(await lookup.find(ended.hash)).toBeNull();
    });
  });
});
