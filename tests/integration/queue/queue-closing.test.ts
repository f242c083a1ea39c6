/**
 * A stand that may no longer take candidates ends its queue cleanly, over
 * real sockets: when the organiser rejects the stand or closes the fair,
 * every waiting candidate is told (`stand_closed`) and each removal reaches
 * the event log; recruiters can neither call nor reopen there.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_FAIR_SLUG } from "@crossfair/server/fair/demo-seed";
import { signInCookie } from "../../support/session.js";
import { nextEvent } from "../../support/socket-client.js";
import { startQueueFixture, type QueueFixture } from "./queue-fixture.js";

describe("ending a stand's queue", () => {
  let fixture: QueueFixture;
  let admin: string;

  beforeAll(async () => {
    fixture = await startQueueFixture();
    admin = await signInCookie(fixture.app, "admin@crossfair.test");
  });
  afterAll(async () => fixture?.dispose());

  const joinAs = async (email: string, standId: string) => {
    const socket = await fixture.connectAs(email);
    const answers = (await fixture.questionIds(standId)).map((questionId) => ({
      questionId,
      answer: "yes",
    }));
    const joined = await socket.emitWithAck("queue:join", {
      standId,
      consentToShareProfile: true,
      answers,
    });
    expect(joined).toMatchObject({ ok: true });
    return socket;
  };

  const removalsLogged = async (standId: string) =>
    (await fixture.loggedEvents()).filter(
      (event) =>
        event.standId === standId &&
        event.type === "removed" &&
        (event.data as { reason?: string } | null)?.reason === "stand_closed",
    );

  it("tells every waiting candidate when the organiser rejects the stand, and keeps the record", async () => {
    const standId = fixture.standId("Hainaut Logistique");
    const candidate = await joinAs("candidate@crossfair.test", standId);
    const kandidaat = await joinAs("kandidaat@crossfair.test", standId);
    const told = Promise.all(
      [candidate, kandidaat].map((socket) =>
        nextEvent(socket, "queue:removed", (removal) => removal.standId === standId),
      ),
    );
    const rejected = await fixture.app.http.inject({
      method: "POST",
      url: `/api/admin/stands/${standId}/approval`,
      headers: { cookie: admin },
      payload: { status: "rejected" },
    });
    expect(rejected.statusCode).toBe(200);
    expect(await told).toEqual([
      { standId, reason: "stand_closed" },
      { standId, reason: "stand_closed" },
    ]);
    expect(await removalsLogged(standId)).toHaveLength(2);
    const mine = await candidate.emitWithAck("queue:mine", {});
    expect(mine).toMatchObject({ ok: true, queues: [] });
  });

  it("ends every queue of a fair that closes, and recruiters can neither call nor reopen", async () => {
    const standId = fixture.standId("Flanders Food Factory");
    const candidate = await joinAs("candidate@crossfair.test", standId);
    const recruiter = await fixture.connectAs("recruiter@crossfair.test");
    expect(await recruiter.emitWithAck("staff:console", { standId })).toMatchObject({ ok: true });
    const told = nextEvent(candidate, "queue:removed", (removal) => removal.standId === standId);
    const closed = await fixture.app.http.inject({
      method: "POST",
      url: `/api/admin/fairs/${DEMO_FAIR_SLUG}/status`,
      headers: { cookie: admin },
      payload: { status: "closed" },
    });
    expect(closed.statusCode).toBe(200);
    expect(await told).toEqual({ standId, reason: "stand_closed" });
    expect(await removalsLogged(standId)).toHaveLength(1);
    expect(await recruiter.emitWithAck("staff:callNext", { standId })).toMatchObject({
      ok: false,
      code: "stand_closed",
    });
    expect(await recruiter.emitWithAck("staff:open", { standId, open: true })).toMatchObject({
      ok: false,
      code: "stand_closed",
    });
    // Closing stays possible: a recruiter may always send people away.
    expect(await recruiter.emitWithAck("staff:open", { standId, open: false })).toEqual({
      ok: true,
    });
  });
});
