/**
 * The job scheduler (server/src/jobs/job-scheduler.ts, pg-boss) on both
 * databases: a job runs at its moment and once, even with two processes'
 * schedulers on one PostgreSQL; the same key is stored once; a cancelled job
 * never runs; a job stored before a restart runs after it; `RetryLater` runs
 * the job again. Moments are a second or two ahead: the scheduler works on
 * the database's clock, which is the point of the test.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JobScheduler, RetryLater } from "@crossfair/server/jobs/job-scheduler";
import { openDatabase, type DatabaseHandle } from "@crossfair/server/plugins/db";
import { createTestDatabase } from "../support/databases.js";
import { onEveryDatabase } from "../support/every-database.js";
import { log } from "./queue/queue-outbox-fixture.js";

const soon = (ms: number) => new Date(Date.now() + ms);
const until = async (check: () => boolean, timeoutMs = 8_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return check();
};

await onEveryDatabase((backend, env) => {
  describe(`job scheduler (${backend})`, () => {
    let dataDir: string;
    const open: { handle: DatabaseHandle; jobs: JobScheduler }[] = [];
    const start = async () => {
      const handle = await openDatabase({ url: env().DATABASE_URL, dataDir, log });
      const jobs = await JobScheduler.start(handle, log);
      open.push({ handle, jobs });
      return { handle, jobs };
    };
    const stop = async (which: { handle: DatabaseHandle; jobs: JobScheduler }) => {
      await which.jobs.stop();
      await which.handle.close();
      open.splice(open.indexOf(which), 1);
    };

    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), "crossfair-jobs-"));
    });
    afterAll(async () => {
      for (const which of [...open]) await stop(which);
      await rm(dataDir, { recursive: true, force: true });
    });

    it("runs a job at its moment, once; the same key is stored once", async () => {
      const schedulers = [await start()];
      // Two processes on one PostgreSQL both work the queue; PGlite has one process.
      if (env().DATABASE_URL) schedulers.push(await start());
      const name = `test-once-${randomUUID().slice(0, 8)}`;
      const runs: { value: number; at: number }[] = [];
      for (const { jobs } of schedulers) {
        await jobs.work<{ value: number }>(name, async ({ value }) => {
          runs.push({ value, at: Date.now() });
        });
      }
      const at = soon(1_500);
      const { jobs } = schedulers[0]!;
      expect(await jobs.schedule(name, { value: 1 }, { at, key: "k" })).toBe(true);
      expect(await jobs.schedule(name, { value: 2 }, { at, key: "k" })).toBe(false);
      expect(await until(() => runs.length > 0)).toBe(true);
      await new Promise((r) => setTimeout(r, 2_500));
      expect(runs.map((run) => run.value)).toEqual([1]);
      expect(runs[0]!.at).toBeGreaterThanOrEqual(at.getTime());
      expect(await jobs.state(name, "k")).toBe("completed");
      for (const which of schedulers) await stop(which);
    });

    it.runIf(backend === "PostgreSQL")(
      "starts several processes at once on a database new to it",
      async () => {
        const fresh = await createTestDatabase();
        try {
          const handles = await Promise.all(
            [0, 1, 2].map(() => openDatabase({ url: fresh.url, dataDir, log })),
          );
          const started = await Promise.all(handles.map((h) => JobScheduler.start(h, log)));
          for (const jobs of started) await jobs.stop();
          for (const handle of handles) await handle.close();
        } finally {
          await fresh.drop();
        }
      },
    );

    it("lets processes starting together create the same queues", async () => {
      const schedulers = [await start(), await start(), await start()];
      const names = Array.from(
        { length: 4 },
        (_, i) => `test-race-${i}-${randomUUID().slice(0, 8)}`,
      );
      await Promise.all(
        schedulers.flatMap(({ jobs }) => names.map((name) => jobs.work(name, async () => {}))),
      );
      for (const which of schedulers) await stop(which);
    });

    it("never runs a cancelled job", async () => {
      const which = await start();
      const name = `test-cancel-${randomUUID().slice(0, 8)}`;
      let ran = 0;
      await which.jobs.work(name, async () => {
        ran += 1;
      });
      await which.jobs.schedule(name, {}, { at: soon(1_000), key: "gone" });
      await which.jobs.schedule(name, {}, { at: soon(1_000), key: "kept" });
      await which.jobs.cancel(name, "gone");
      expect(await until(() => ran === 1)).toBe(true);
      await new Promise((r) => setTimeout(r, 1_500));
      expect(ran).toBe(1);
      expect(await which.jobs.state(name, "gone")).toBe("cancelled");
      await stop(which);
    });

    it("runs after a restart a job stored before it", async () => {
      const before = await start();
      const name = `test-restart-${randomUUID().slice(0, 8)}`;
      await before.jobs.schedule(name, { booking: "b1" }, { at: soon(1_500), key: "b1" });
      await stop(before);
      const after = await start();
      const runs: string[] = [];
      await after.jobs.work<{ booking: string }>(name, async ({ booking }) => {
        runs.push(booking);
      });
      expect(await until(() => runs.length > 0)).toBe(true);
      expect(runs).toEqual(["b1"]);
      await stop(after);
    });

    it("runs a job again after RetryLater", async () => {
      const which = await start();
      const name = `test-retry-${randomUUID().slice(0, 8)}`;
      let tries = 0;
      await which.jobs.work(name, async () => {
        tries += 1;
        if (tries === 1) throw new RetryLater("not yet");
      });
      await which.jobs.schedule(
        name,
        {},
        { at: soon(0), key: "r", retries: 2, retryDelaySeconds: 1 },
      );
      expect(await until(() => tries === 2)).toBe(true);
      await new Promise((r) => setTimeout(r, 1_500));
      expect(await which.jobs.state(name, "r")).toBe("completed");
      expect(tries).toBe(2);
      await stop(which);
    });
  });
});
