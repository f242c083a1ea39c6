/**
 * The queue's cached facts at fair-time load: an expired fact is answered at
 * once with the old value while one read refreshes it behind, a refresh that
 * fails keeps the old value, and a forgotten fact is read fresh by its next
 * caller. On the embedded database, with the cache's lifetime shortened.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stands } from "@crossfair/server/stand/stand.schema";
import { QueueRepository } from "@crossfair/server/queue/queue.repository";
import { buildTestApp, type TestApp } from "../../support/app.js";

const TTL_MS = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("queue repository caches", () => {
  let app: TestApp;
  let standId: string;

  beforeAll(async () => {
    app = await buildTestApp({ SEED_DEMO: "true" });
    const [stand] = await app.database.db
      .select({ id: stands.id })
      .from(stands)
      .where(eq(stands.approvalStatus, "approved"))
      .limit(1);
    standId = stand!.id;
  });
  afterAll(async () => app?.dispose());

  const setApproval = (approvalStatus: "approved" | "pending") =>
    app.database.db.update(stands).set({ approvalStatus }).where(eq(stands.id, standId));

  it("answers an expired stand at once with the old facts, then with the refreshed ones", async () => {
    const repository = new QueueRepository(app.database.db, TTL_MS);
    expect((await repository.standInfo(standId))?.approved).toBe(true);
    await setApproval("pending");
    await sleep(TTL_MS + 20);
    // Expired: the old facts now, the refresh behind.
    expect((await repository.standInfo(standId))?.approved).toBe(true);
    await sleep(50);
    expect((await repository.standInfo(standId))?.approved).toBe(false);
    await setApproval("approved");
  });

  it("reads a missing stand once for every concurrent caller", async () => {
    const repository = new QueueRepository(app.database.db, TTL_MS);
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => repository.standInfo(standId)),
    );
    // One load: every caller holds the very same object.
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]?.standId).toBe(standId);
  });

  it("reads a forgotten stand fresh, without serving the old facts", async () => {
    const repository = new QueueRepository(app.database.db, 60_000);
    expect((await repository.standInfo(standId))?.approved).toBe(true);
    await setApproval("pending");
    repository.forgetStand(standId);
    expect((await repository.standInfo(standId))?.approved).toBe(false);
    await setApproval("approved");
  });

  it("keeps the old facts when their refresh fails (the database gone)", async () => {
    const other = await buildTestApp({ SEED_DEMO: "true" });
    try {
      const repository = new QueueRepository(other.database.db, TTL_MS);
      const [stand] = await other.database.db.select({ id: stands.id }).from(stands).limit(1);
      const before = await repository.standInfo(stand!.id);
      await other.database.close();
      await sleep(TTL_MS + 20);
      expect(await repository.standInfo(stand!.id)).toEqual(before);
      await sleep(50);
      expect(await repository.standInfo(stand!.id)).toEqual(before);
    } finally {
      await other.dispose().catch(() => undefined);
    }
  });
});
