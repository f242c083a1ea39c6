/**
 * A rejected registration, through real sockets: the candidate leaves every
 * queue at that fair's stands at once (each a normal `queue:removed`, reason
 * `registration_rejected`), before the decision is answered; their queues at
 * another fair stay, and an approval takes nobody out.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { myRegistrationsSchema, type ServerEventPayload } from "@crossfair/shared";
import { signInCookie } from "../../support/session.js";
import type { TestSocket } from "../../support/socket-client.js";
import { startQueueFixture, type QueueFixture } from "../queue/queue-fixture.js";
import { liveFairWithStands, newCandidate } from "./fair-helpers.js";

const FOOD = "Flanders Food Factory"; // a stand of the (live, walk-in) demo fair

describe("a rejected registration empties that fair's queues", () => {
  let fixture: QueueFixture;
  let admin: string;

  beforeAll(async () => {
    fixture = await startQueueFixture();
    admin = await signInCookie(fixture.app, "admin@crossfair.test");
  });
  afterAll(async () => fixture?.dispose());

  /** A live, pre-screening fair with two approved stands. */
  const liveFairWithGates = () =>
    liveFairWithStands(fixture.app, admin, true, ["North Gate", "South Gate"]);

  /** A candidate registered and approved at the fair, connected, waiting at all the given stands. */
  const approvedAndQueued = async (slug: string, standIds: string[]) => {
    const candidate = await newCandidate(fixture.app);
    await fixture.app.http.inject({
      method: "POST",
      url: `/api/fairs/${slug}/registration`,
      headers: { cookie: candidate.cookie },
    });
    const [registration] = myRegistrationsSchema.parse(
      (
        await fixture.app.http.inject({
          url: "/api/me/registrations",
          headers: { cookie: candidate.cookie },
        })
      ).json(),
    ).registrations;
    expect((await decide(registration!.id, "approved")).statusCode).toBe(200);
    const socket = await fixture.connectWithCookie(candidate.cookie);
    for (const standId of standIds) {
      expect(
        await socket.emitWithAck("queue:join", { standId, consentToShareProfile: true }),
      ).toMatchObject({ ok: true });
    }
    return { candidate, socket, registrationId: registration!.id };
  };

  const decide = (registrationId: string, status: "approved" | "rejected") =>
    fixture.app.http.inject({
      method: "POST",
      url: `/api/admin/registrations/${registrationId}/decision`,
      payload: { status },
      headers: { cookie: admin },
    });

  const removals = (socket: TestSocket) => {
    const seen: ServerEventPayload<"queue:removed">[] = [];
    socket.on("queue:removed", (payload) => seen.push(payload));
    return seen;
  };

  const queuedAt = async (socket: TestSocket) => {
    const mine = await socket.emitWithAck("queue:mine", {});
    if (!mine.ok) throw new Error(`queue:mine failed: ${JSON.stringify(mine)}`);
    return mine.queues.map((queue) => queue.standId).sort();
  };

  it("takes the candidate out of every queue at that fair at once, and only there", async () => {
    const { fair, standIds } = await liveFairWithGates();
    const food = fixture.standId(FOOD);
    const { socket, registrationId, candidate } = await approvedAndQueued(fair.slug, [
      ...standIds,
      food,
    ]);
    // Someone else waits behind them at the first stand.
    const other = await approvedAndQueued(fair.slug, [standIds[0]!]);
    const seen = removals(socket);
    expect(await queuedAt(socket)).toEqual([...standIds, food].sort());

    expect((await decide(registrationId, "rejected")).statusCode).toBe(200);
    // Answered after the removal: the places are gone already.
    expect(await queuedAt(socket)).toEqual([food]);
    await expect.poll(() => seen.length).toBe(2);
    expect(seen.sort((a, b) => a.standId.localeCompare(b.standId))).toEqual(
      [...standIds].sort().map((standId) => ({ standId, reason: "registration_rejected" })),
    );
    // The one behind is now alone there, their own place untouched.
    expect(await other.socket.emitWithAck("queue:watch", { standId: standIds[0]! })).toMatchObject({
      ok: true,
      update: { queueLength: 1, waiting: 1, ahead: 0 },
    });
    expect(await queuedAt(other.socket)).toEqual([standIds[0]]);

    // The log keeps why they left; they cannot come back while rejected.
    const logged = (await fixture.loggedEvents()).filter(
      (event) => event.candidateId === candidate.id && event.type === "removed",
    );
    expect(logged.map((event) => [event.standId, event.data]).sort()).toEqual(
      [...standIds].sort().map((standId) => [standId, { reason: "registration_rejected" }]),
    );
    expect(
      await socket.emitWithAck("queue:join", {
        standId: standIds[1]!,
        consentToShareProfile: true,
      }),
    ).toMatchObject({ ok: false, code: "registration_required" });
  });

  it("takes nobody out when a registration is approved (again)", async () => {
    const { fair, standIds } = await liveFairWithGates();
    const { socket, registrationId } = await approvedAndQueued(fair.slug, standIds);
    const seen = removals(socket);
    expect((await decide(registrationId, "approved")).statusCode).toBe(200);
    expect(await queuedAt(socket)).toEqual([...standIds].sort());
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toEqual([]);
  });
});
