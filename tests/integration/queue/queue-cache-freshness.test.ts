/**
 * Two server instances sharing one PostgreSQL and one Redis. Each caches the
 * queue's facts for a few seconds (staff memberships, stand facts, fair
 * settings, registration approvals, shared profiles); a change made through
 * one instance (a consent written by its outbox drainer included) must count
 * on the other at once, not when its cache expires (15 s). Every test first makes the other instance cache the old fact, then
 * changes it through this one and expects the other to follow within a
 * couple of seconds.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { myRegistrationsSchema } from "@crossfair/shared";
import type { TestApp } from "../../support/app.js";
import { postgresAvailable, redisAvailable } from "../../support/services.js";
import { signInCookie } from "../../support/session.js";
import { startAppPair, type AppPair } from "../../support/shared-stores.js";
import { nextEvent, type TestSocket } from "../../support/socket-client.js";
import { createStand, registerStand } from "../../support/stands.js";
import { liveFairWithStand, moveFair, newCandidate } from "../fairs/fair-helpers.js";
import {
  acceptInvitation,
  inviteToStand,
  newRecruiterAt,
  removeFromStaff,
} from "./staff-helpers.js";

const shared = (await postgresAvailable()) && (await redisAvailable());
/** Well under the caches' 15 s: only a forget message explains passing within it. */
const AT_ONCE = { timeout: 2_000, interval: 100 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(shared)("queue caches across two server instances (Redis)", () => {
  let pair: AppPair;
  /** Where the sockets are, and so the caches that must follow. */
  let here: TestApp;
  /** Where the changes are made. */
  let there: TestApp;
  let admin: string;

  beforeAll(async () => {
    pair = await startAppPair({ QUEUE_HEARTBEAT_SECONDS: "1" });
    ({ first: here, second: there } = pair);
    admin = await signInCookie(there, "admin@crossfair.test");
  });
  afterAll(async () => pair?.close());

  const join = (socket: TestSocket, standId: string) =>
    socket.emitWithAck("queue:join", { standId, consentToShareProfile: true });
  const openConsole = (socket: TestSocket, standId: string) =>
    socket.emitWithAck("staff:console", { standId });
  const activeAt = async (watcher: TestSocket, standId: string) => {
    const watched = await watcher.emitWithAck("queue:watch", { standId });
    if (!watched.ok) throw new Error(`queue:watch failed: ${JSON.stringify(watched)}`);
    return watched.update.activeRecruiters;
  };
  it("opens the console at once to someone whose invitation was accepted elsewhere", async () => {
    const first = await createStand(there, admin);
    const second = await createStand(there, admin);
    const recruiter = await newRecruiterAt(there, first.id, admin);
    const socket = await pair.connect(here, recruiter.cookie);
    expect(await openConsole(socket, second.id)).toMatchObject({ ok: false, code: "forbidden" });

    await acceptInvitation(there, await inviteToStand(there, second.id, admin), recruiter.cookie);
    await expect.poll(async () => (await openConsole(socket, second.id)).ok, AT_ONCE).toBe(true);
  });

  it("closes the console of a recruiter removed elsewhere, who stops counting as active", async () => {
    const stand = await createStand(there, admin);
    const recruiter = await newRecruiterAt(there, stand.id, admin);
    const socket = await pair.connect(here, recruiter.cookie);
    expect(await openConsole(socket, stand.id)).toMatchObject({ ok: true });
    const watcher = await pair.connect(there);
    expect(await activeAt(watcher, stand.id)).toBe(1);

    await removeFromStaff(there, stand.id, recruiter.id, admin);
    await expect.poll(() => activeAt(watcher, stand.id), AT_ONCE).toBe(0);
    expect(await openConsole(socket, stand.id)).toMatchObject({ ok: false, code: "forbidden" });
    // The process holding the console no longer beats for it.
    await sleep(2_500);
    expect(await activeAt(watcher, stand.id)).toBe(0);
  });

  it("lets candidates queue at once at a stand approved elsewhere", async () => {
    const { stand } = await registerStand(there);
    const candidate = await newCandidate(there);
    const socket = await pair.connect(here, candidate.cookie);
    expect(await join(socket, stand.id)).toMatchObject({ ok: false, code: "not_found" });

    const approval = await there.http.inject({
      method: "POST",
      url: `/api/admin/stands/${stand.id}/approval`,
      headers: { cookie: admin },
      payload: { status: "approved" },
    });
    expect(approval.statusCode).toBe(200);
    await expect.poll(async () => (await join(socket, stand.id)).ok, AT_ONCE).toBe(true);
  });

  it("stops joins at once at a fair paused elsewhere", async () => {
    const { fair, standId } = await liveFairWithStand(there, admin, false, "Two Sites");
    const candidate = await newCandidate(there);
    const socket = await pair.connect(here, candidate.cookie);
    expect(await join(socket, standId)).toMatchObject({ ok: true });
    expect(await socket.emitWithAck("queue:leave", { standId })).toEqual({ ok: true });

    await moveFair(there, admin, fair.slug, "registration_open");
    await expect.poll(async () => (await join(socket, standId)).ok, AT_ONCE).toBe(false);
    expect(await join(socket, standId)).toMatchObject({ code: "stand_closed" });
  });

  it("takes a candidate rejected elsewhere out of the queue and closes the gate at once", async () => {
    const { fair, standId } = await liveFairWithStand(there, admin, true, "Two Sites");
    const candidate = await newCandidate(there);
    await there.http.inject({
      method: "POST",
      url: `/api/fairs/${fair.slug}/registration`,
      headers: { cookie: candidate.cookie },
    });
    const [registration] = myRegistrationsSchema.parse(
      (
        await there.http.inject({
          url: "/api/me/registrations",
          headers: { cookie: candidate.cookie },
        })
      ).json(),
    ).registrations;
    const decide = (status: "approved" | "rejected") =>
      there.http.inject({
        method: "POST",
        url: `/api/admin/registrations/${registration!.id}/decision`,
        headers: { cookie: admin },
        payload: { status },
      });
    expect((await decide("approved")).statusCode).toBe(200);
    const socket = await pair.connect(here, candidate.cookie);
    // Joining caches the approval here.
    expect(await join(socket, standId)).toMatchObject({ ok: true });

    const removed = nextEvent(socket, "queue:removed");
    expect((await decide("rejected")).statusCode).toBe(200);
    expect(await removed).toEqual({ standId, reason: "registration_rejected" });
    await expect.poll(async () => (await join(socket, standId)).ok, AT_ONCE).toBe(false);
    expect(await join(socket, standId)).toMatchObject({ code: "registration_required" });
  });

  it("shows a joining candidate's profile on a console here once the outbox wrote the consent there", async () => {
    const stand = await createStand(there, admin);
    const recruiter = await newRecruiterAt(there, stand.id, admin);
    const candidate = await newCandidate(there, "Paula Profile");
    const candidateSocket = await pair.connect(here, candidate.cookie);
    const recruiterSocket = await pair.connect(here, recruiter.cookie);
    // Both held back: the join's consent stays in the outbox until `there` writes it.
    await Promise.all([here.outbox.stop(), there.outbox.stop()]);
    try {
      expect(await join(candidateSocket, stand.id)).toMatchObject({ ok: true });
      // Reading the console here caches "no profile shared" for the candidate.
      expect(await openConsole(recruiterSocket, stand.id)).toMatchObject({
        ok: true,
        queue: { entries: [{ candidateId: candidate.id, profile: null, answers: [] }] },
      });

      const shown = nextEvent(
        recruiterSocket,
        "staff:queue",
        (queue) => queue.standId === stand.id && queue.entries[0]?.profile !== null,
        AT_ONCE.timeout,
      );
      await there.outbox.drainOnce();
      expect((await shown).entries[0]?.profile).toMatchObject({ displayName: "Paula Profile" });
    } finally {
      here.outbox.start();
      there.outbox.start();
    }
  });

  it("takes a candidate off the console here at once when their consent is revoked there", async () => {
    const stand = await createStand(there, admin);
    const recruiter = await newRecruiterAt(there, stand.id, admin);
    const candidate = await newCandidate(there, "Paula Profile");
    const candidateSocket = await pair.connect(here, candidate.cookie);
    expect(await join(candidateSocket, stand.id)).toMatchObject({ ok: true });
    const recruiterSocket = await pair.connect(here, recruiter.cookie);
    await expect
      .poll(async () => openConsole(recruiterSocket, stand.id), AT_ONCE)
      .toMatchObject({
        ok: true,
        queue: { entries: [{ profile: { displayName: "Paula Profile" } }] },
      });

    const hidden = nextEvent(
      recruiterSocket,
      "staff:queue",
      (queue) =>
        queue.standId === stand.id &&
        !queue.entries.some((entry) => entry.candidateId === candidate.id),
      AT_ONCE.timeout,
    );
    const removed = nextEvent(candidateSocket, "queue:removed", undefined, AT_ONCE.timeout);
    const revoked = await there.http.inject({
      method: "DELETE",
      url: `/api/me/consents/${stand.id}`,
      headers: { cookie: candidate.cookie },
    });
    expect(revoked.statusCode).toBe(204);
    expect(await removed).toEqual({ standId: stand.id, reason: "consent_revoked" });
    expect((await hidden).queueLength).toBe(0);
  });
});
