/**
 * A fair admin suspends an account, across two server processes sharing
 * PostgreSQL and Redis: the person's sockets are cut in both, their cookies
 * name nobody, sign-in answers `account_suspended`, their queue places end
 * with a record that says why; an admin cannot suspend themselves; and once
 * reinstated the person signs in and queues again.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiErrorSchema, fairHallSchema, peopleQuerySchema, type Person } from "@crossfair/shared";
import { DEMO_PASSWORD } from "@crossfair/server/fair/demo-seed";
import { queueEvents } from "@crossfair/server/queue/queue.schema";
import { startAppPair, type AppPair } from "../support/shared-stores.js";
import { signInCookie } from "../support/session.js";
import { disconnected } from "../support/socket-client.js";

const CANDIDATE = "candidate@crossfair.test";

describe("account suspension across two processes", () => {
  let pair: AppPair;
  let adminCookie: string;
  let standId: string;

  beforeAll(async () => {
    pair = await startAppPair();
    adminCookie = await signInCookie(pair.second, "admin@crossfair.test");
    const hall = fairHallSchema.parse(
      (await pair.first.http.inject({ url: "/api/fairs/current/hall" })).json(),
    );
    standId = hall.stands.find((stand) => stand.organisationName === "Flanders Food Factory")!.id;
  });
  afterAll(async () => pair?.close());

  const findPeople = async (query: string, page = 1) => {
    const response = await pair.second.http.inject({
      url: `/api/admin/people?query=${encodeURIComponent(query)}&pageSize=2&page=${page}`,
      headers: { cookie: adminCookie },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: Person[]; total: number };
  };
  const setSuspension = (userId: string, body: object, cookie = adminCookie) =>
    pair.second.http.inject({
      method: "POST",
      url: `/api/admin/people/${userId}/suspension`,
      headers: { cookie },
      payload: body,
    });
  const signIn = () =>
    pair.first.http.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: CANDIDATE, password: DEMO_PASSWORD },
    });

  it("finds accounts by part of their email or name, any case, paged", async () => {
    const byName = await findPeople("camille");
    expect(byName.items.map((person) => person.email)).toContain(CANDIDATE);
    const byEmail = await findPeople("CANDIDATE@CROSS");
    expect(byEmail.items[0]).toMatchObject({ email: CANDIDATE, suspendedAt: null });
    // A wildcard typed by the admin is a letter, not "anything".
    expect((await findPeople("%")).total).toBe(0);
    const first = await findPeople("");
    const second = await findPeople("", 2);
    expect(first.total).toBeGreaterThanOrEqual(5);
    expect(first.items).toHaveLength(2);
    expect(second.items).toHaveLength(2);
    expect(second.items.map((person) => person.id)).not.toContain(first.items[0]?.id);
    expect(peopleQuerySchema.parse({}).query).toBe("");
  });

  it("cuts the person's sockets in both processes, refuses their sign-in and ends their places on record", async () => {
    const cookie = await signInCookie(pair.first, CANDIDATE);
    const otherSession = await signInCookie(pair.second, CANDIDATE);
    const here = await pair.connect(pair.first, cookie);
    const there = await pair.connect(pair.second, otherSession);
    const joined = await here.emitWithAck("queue:join", { standId, consentToShareProfile: true });
    expect(joined.ok, JSON.stringify(joined)).toBe(true);
    const [candidate] = (await findPeople(CANDIDATE)).items;
    if (!candidate) throw new Error("the candidate is not found");

    // A suspension needs a reason.
    const reasonless = await setSuspension(candidate.id, { suspended: true });
    expect(reasonless.statusCode).toBe(400);
    expect(apiErrorSchema.parse(reasonless.json()).error).toMatchObject({
      code: "validation_failed",
      field: "body.reason",
    });

    const cut = Promise.all([disconnected(here), disconnected(there)]);
    const suspended = await setSuspension(candidate.id, {
      suspended: true,
      reason: "  Harassed a recruiter in the interview chat. ",
    });
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect((suspended.json() as { person: Person }).person).toMatchObject({
      id: candidate.id,
      suspendedAt: expect.any(String),
      suspensionReason: "Harassed a recruiter in the interview chat.",
    });
    expect(await cut).toEqual(["io server disconnect", "io server disconnect"]);

    // The old cookies name nobody, in either process; sign-in is refused with its own code.
    for (const [app, session] of [
      [pair.first, cookie],
      [pair.second, otherSession],
    ] as const) {
      const answer = await app.http.inject({
        url: "/api/auth/session",
        headers: { cookie: session },
      });
      expect(answer.json()).toEqual({ user: null });
    }
    const refused = await signIn();
    expect(refused.statusCode).toBe(403);
    expect(apiErrorSchema.parse(refused.json()).error.code).toBe("account_suspended");

    // The place ended through the queue, and PostgreSQL says why (the outbox drains behind).
    await expect
      .poll(
        async () =>
          (
            await pair.first.database.db
              .select()
              .from(queueEvents)
              .where(
                and(
                  eq(queueEvents.standId, standId),
                  eq(queueEvents.candidateId, candidate.id),
                  eq(queueEvents.type, "removed"),
                ),
              )
          ).map((row) => row.data),
        { timeout: 10_000 },
      )
      .toEqual([{ reason: "account_suspended" }]);
    expect((await findPeople(CANDIDATE)).items[0]?.suspendedAt).not.toBeNull();
  });

  it("does not let an admin suspend themselves", async () => {
    const me = (
      await pair.second.http.inject({ url: "/api/auth/me", headers: { cookie: adminCookie } })
    ).json() as {
      user: { id: string };
    };
    const response = await setSuspension(me.user.id, { suspended: true, reason: "testing" });
    expect(response.statusCode).toBe(409);
    expect(apiErrorSchema.parse(response.json()).error.code).toBe("own_account");
    const unknown = await setSuspension("00000000-0000-4000-8000-000000000000", {
      suspended: true,
      reason: "nobody",
    });
    expect(apiErrorSchema.parse(unknown.json()).error.code).toBe("not_found");
  });

  it("lets a reinstated person sign in and queue again", async () => {
    const [candidate] = (await findPeople(CANDIDATE)).items;
    const reinstated = await setSuspension(candidate!.id, { suspended: false });
    expect(reinstated.statusCode, reinstated.body).toBe(200);
    expect((reinstated.json() as { person: Person }).person).toMatchObject({
      suspendedAt: null,
      suspensionReason: null,
    });
    const signedIn = await signIn();
    expect(signedIn.statusCode).toBe(200);
    const cookie = `cf_session=${signedIn.cookies.find((entry) => entry.name === "cf_session")?.value ?? ""}`;
    const socket = await pair.connect(pair.second, cookie);
    const joined = await socket.emitWithAck("queue:join", { standId, consentToShareProfile: true });
    expect(joined.ok, JSON.stringify(joined)).toBe(true);
  });
});
