/**
 * The queue's registration gate, through real sockets: at a fair that
 * pre-screens, only approved candidates may join a stand's queue (a decision
 * counts at once); at a walk-in fair the first join registers the candidate,
 * approved, unless the organiser rejected them.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { myRegistrationsSchema, registrationAdminViewSchema } from "@crossfair/shared";
import { profileConsents } from "@crossfair/server/candidate/candidate.schema";
import { signInCookie } from "../../support/session.js";
import type { TestSocket } from "../../support/socket-client.js";
import { startQueueFixture, type QueueFixture } from "../queue/queue-fixture.js";
import { liveFairWithStand, newCandidate } from "./fair-helpers.js";

describe("registration gate on queue joins", () => {
  let fixture: QueueFixture;
  let admin: string;

  beforeAll(async () => {
    fixture = await startQueueFixture();
    admin = await signInCookie(fixture.app, "admin@crossfair.test");
  });
  afterAll(async () => fixture?.dispose());

  const join = (socket: TestSocket, standId: string) =>
    socket.emitWithAck("queue:join", { standId, consentToShareProfile: true });
  const leave = (socket: TestSocket, standId: string) =>
    socket.emitWithAck("queue:leave", { standId });
  const registrationsOf = async (cookie: string) =>
    myRegistrationsSchema.parse(
      (await fixture.app.http.inject({ url: "/api/me/registrations", headers: { cookie } })).json(),
    ).registrations;
  const decide = async (registrationId: string, status: "approved" | "rejected") => {
    const response = await fixture.app.http.inject({
      method: "POST",
      url: `/api/admin/registrations/${registrationId}/decision`,
      payload: { status },
      headers: { cookie: admin },
    });
    return registrationAdminViewSchema.parse(response.json());
  };

  it("refuses a candidate who is not registered or still pending, admits them once approved", async () => {
    const { fair, standId } = await liveFairWithStand(fixture.app, admin, true, "Gatekeepers");
    const candidate = await newCandidate(fixture.app);
    const socket = await fixture.connectWithCookie(candidate.cookie);

    expect(await join(socket, standId)).toMatchObject({
      ok: false,
      code: "registration_required",
    });
    const registered = await fixture.app.http.inject({
      method: "POST",
      url: `/api/fairs/${fair.slug}/registration`,
      headers: { cookie: candidate.cookie },
    });
    expect(registered.statusCode).toBe(201);
    const [pending] = await registrationsOf(candidate.cookie);
    expect(pending?.status).toBe("pending");
    expect(await join(socket, standId)).toMatchObject({
      ok: false,
      code: "registration_required",
    });
    // Refused joins leave nothing behind: no place, no consent on record.
    expect(await socket.emitWithAck("queue:mine", {})).toEqual({ ok: true, queues: [] });
    const consents = await fixture.app.database.db
      .select()
      .from(profileConsents)
      .where(
        and(eq(profileConsents.candidateId, candidate.id), eq(profileConsents.standId, standId)),
      );
    expect(consents).toEqual([]);

    await decide(pending!.id, "approved");
    expect(await join(socket, standId)).toMatchObject({ ok: true, entry: { standId } });

    // A rejection counts at once, though the approval was just cached by the join.
    expect(await leave(socket, standId)).toEqual({ ok: true });
    await decide(pending!.id, "rejected");
    expect(await join(socket, standId)).toMatchObject({
      ok: false,
      code: "registration_required",
    });
  });

  it("registers a walk-in candidate, approved, on their first join", async () => {
    const { fair, standId } = await liveFairWithStand(fixture.app, admin, false, "Gatekeepers");
    const candidate = await newCandidate(fixture.app);
    const socket = await fixture.connectWithCookie(candidate.cookie);
    expect(await registrationsOf(candidate.cookie)).toEqual([]);

    expect(await join(socket, standId)).toMatchObject({ ok: true, entry: { standId } });
    const [registration] = await registrationsOf(candidate.cookie);
    expect(registration).toMatchObject({ fairId: fair.id, status: "approved" });

    // Joining again keeps the one registration.
    expect(await leave(socket, standId)).toEqual({ ok: true });
    expect(await join(socket, standId)).toMatchObject({ ok: true });
    expect(await registrationsOf(candidate.cookie)).toHaveLength(1);

    // The organiser may still turn someone away at a walk-in fair.
    expect(await leave(socket, standId)).toEqual({ ok: true });
    await decide(registration!.id, "rejected");
    expect(await join(socket, standId)).toMatchObject({
      ok: false,
      code: "registration_required",
    });
  });

  it("follows a fair switching between walk-in and pre-screening at once", async () => {
    const { fair, standId } = await liveFairWithStand(fixture.app, admin, true, "Gatekeepers");
    const waiting = await newCandidate(fixture.app);
    await fixture.app.http.inject({
      method: "POST",
      url: `/api/fairs/${fair.slug}/registration`,
      headers: { cookie: waiting.cookie },
    });
    const waitingSocket = await fixture.connectWithCookie(waiting.cookie);
    // Cache the fair's facts in the queue first, so the switch must drop them.
    expect(await join(waitingSocket, standId)).toMatchObject({ code: "registration_required" });

    const patch = (registrationNeedsApproval: boolean) =>
      fixture.app.http.inject({
        method: "PATCH",
        url: `/api/admin/fairs/${fair.slug}`,
        payload: { registrationNeedsApproval },
        headers: { cookie: admin },
      });
    expect((await patch(false)).statusCode).toBe(200);
    // Walk-in now: the pending registration is approved by the join.
    expect(await join(waitingSocket, standId)).toMatchObject({ ok: true });
    expect((await registrationsOf(waiting.cookie))[0]?.status).toBe("approved");

    expect((await patch(true)).statusCode).toBe(200);
    const newcomer = await newCandidate(fixture.app);
    const newcomerSocket = await fixture.connectWithCookie(newcomer.cookie);
    expect(await join(newcomerSocket, standId)).toMatchObject({
      ok: false,
      code: "registration_required",
    });
  });
});
