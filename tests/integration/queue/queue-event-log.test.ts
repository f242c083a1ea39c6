/**
 * The queue event log is written behind the live change: when the database
 * refuses the insert, the operation still succeeds, the events wait, and they
 * are all written, in order, once the database accepts again.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fairHallSchema } from "@crossfair/shared";
import { queueEvents } from "@crossfair/server/queue/queue.schema";
import { buildTestApp, type TestApp } from "../../support/app.js";
import { signInCookie } from "../../support/session.js";
import type { AddressInfo } from "node:net";
import { connectClient, type TestSocket } from "../../support/socket-client.js";

describe("queue event log", () => {
  let app: TestApp;
  let socket: TestSocket;
  let standIds: string[];

  beforeAll(async () => {
    app = await buildTestApp();
    await app.http.listen({ host: "127.0.0.1", port: 0 });
    const baseUrl = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
    ({ socket } = await connectClient(
      baseUrl,
      await signInCookie(app, "kandidaat@crossfair.test"),
    ));
    const hall = fairHallSchema.parse(
      (await app.http.inject({ url: "/api/fairs/current/hall" })).json(),
    );
    standIds = ["Tournai Construction", "Dunkerque Énergie"].map(
      (name) => hall.stands.find((stand) => stand.organisationName === name)!.id,
    );
  });
  afterAll(async () => {
    socket?.close();
    await app?.dispose();
  });

  it("keeps queueing while the log cannot be written, then writes every event in order", async () => {
    await app.database.db.execute(sql`alter table queue_events rename to queue_events_away`);
    try {
      for (const standId of standIds) {
        expect(
          await socket.emitWithAck("queue:join", { standId, consentToShareProfile: true }),
        ).toMatchObject({ ok: true });
      }
      expect(await socket.emitWithAck("queue:leave", { standId: standIds[0]! })).toEqual({
        ok: true,
      });
      await expect(app.queue.events.flush()).rejects.toThrow(/3 queue events unwritten/);
      expect(app.queue.events.pending).toBe(3);
    } finally {
      await app.database.db.execute(sql`alter table queue_events_away rename to queue_events`);
    }
    await app.queue.events.flush();
    expect(app.queue.events.pending).toBe(0);
    const rows = await app.database.db.select().from(queueEvents).orderBy(queueEvents.id);
    expect(rows.map((row) => [row.type, row.standId])).toEqual([
      ["join", standIds[0]],
      ["join", standIds[1]],
      ["leave", standIds[0]],
    ]);
    expect(rows[0]!.at.getTime()).toBeLessThanOrEqual(rows[2]!.at.getTime());
  });
});
