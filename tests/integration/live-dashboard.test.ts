/**
 * The fair admins' live dashboard: connected candidates, who waits and is
 * called where, interviews in progress, active recruiters and the wait a
 * newcomer would be told, following a real queue flow over sockets. Then two
 * server instances sharing PostgreSQL and Redis: a candidate on one is seen
 * by the dashboard read from the other.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_INTERVIEW_MS,
  liveFairSnapshotSchema,
  type LiveFairSnapshot,
} from "@crossfair/shared";
import type { App } from "@crossfair/server/app";
import type { TestApp } from "../support/app.js";
import { postgresAvailable, redisAvailable } from "../support/services.js";
import { signInCookie } from "../support/session.js";
import { startAppPair, type AppPair } from "../support/shared-stores.js";
import { nextEvent } from "../support/socket-client.js";
import { startQueueFixture, type QueueFixture } from "./queue/queue-fixture.js";
import {
  ADMIN,
  FOOD,
  RECRUITER,
  call,
  hallOf,
  signUpCandidate,
  standIn,
} from "./application-fixture.js";

const LIVE_URL = "/api/admin/fairs/cross-border-job-day/live";
const HEALTH = "Lille Métropole Santé";

async function snapshotOf(app: App, cookie: string): Promise<LiveFairSnapshot> {
  const response = await call(app, "GET", LIVE_URL, cookie);
  expect(response.statusCode, response.body).toBe(200);
  return liveFairSnapshotSchema.parse(response.json());
}

const standOf = (snapshot: LiveFairSnapshot, name: string) => {
  const stand = snapshot.stands.find((entry) => entry.organisationName === name);
  if (!stand) throw new Error(`no stand ${name} on the dashboard`);
  return stand;
};

describe("live dashboard (in-process store)", () => {
  let fixture: QueueFixture;
  let admin: string;

  beforeAll(async () => {
    fixture = await startQueueFixture();
    admin = await signInCookie(fixture.app, ADMIN);
  });
  afterAll(async () => fixture?.dispose());

  it("follows candidates from connecting to waiting, being called and interviewed", async () => {
    const food = fixture.standId(FOOD);
    const health = fixture.standId(HEALTH);
    const snapshot = () => snapshotOf(fixture.app, admin);
    const before = await snapshot();
    expect(before.stands).toHaveLength(8);
    expect(before.stands.map((stand) => stand.organisationName)).toEqual(
      [...before.stands.map((stand) => stand.organisationName)].sort((a, b) => a.localeCompare(b)),
    );
    expect(standOf(before, FOOD)).toMatchObject({
      open: true,
      waiting: 0,
      called: 0,
      inInterview: 0,
    });

    const first = await signUpCandidate(fixture.app, "First");
    const second = await signUpCandidate(fixture.app, "Second");
    const firstSocket = await fixture.connectWithCookie(first.cookie);
    const secondSocket = await fixture.connectWithCookie(second.cookie);
    await expect
      .poll(async () => (await snapshot()).connectedCandidates)
      .toBe(before.connectedCandidates + 2);

    for (const socket of [firstSocket, secondSocket]) {
      const joined = await socket.emitWithAck("queue:join", {
        standId: food,
        consentToShareProfile: true,
      });
      expect(joined.ok).toBe(true);
    }
    await firstSocket.emitWithAck("queue:join", { standId: health, consentToShareProfile: true });
    let now = await snapshot();
    expect(standOf(now, FOOD)).toMatchObject({
      waiting: 2,
      activeRecruiters: 0,
      waitEstimateMs: null,
    });
    expect(standOf(now, HEALTH)).toMatchObject({ waiting: 1 });
    // Waiting at two stands is one candidate waiting.
    expect(now.candidatesWaiting).toBe(before.candidatesWaiting + 2);

    const recruiter = await fixture.connectAs(RECRUITER);
    await recruiter.emitWithAck("staff:console", { standId: food });
    now = await snapshot();
    // A newcomer would be third behind two callable candidates with one recruiter at work.
    expect(standOf(now, FOOD)).toMatchObject({
      activeRecruiters: 1,
      waitEstimateMs: 2 * DEFAULT_INTERVIEW_MS + DEFAULT_INTERVIEW_MS / 2,
    });

    const called = nextEvent(firstSocket, "queue:called");
    await recruiter.emitWithAck("staff:callNext", { standId: food });
    await called;
    expect(standOf(await snapshot(), FOOD)).toMatchObject({ waiting: 1, called: 1 });

    const accepted = await firstSocket.emitWithAck("queue:respond", {
      standId: food,
      accept: true,
    });
    expect(accepted.ok).toBe(true);
    // Interviews in progress are counted from their rows, which the queue's outbox writes.
    await fixture.app.outbox.drainOnce();
    now = await snapshot();
    expect(now.interviewsInProgress).toBe(before.interviewsInProgress + 1);
    expect(standOf(now, FOOD)).toMatchObject({ waiting: 1, called: 0, inInterview: 1 });

    secondSocket.close();
    await expect
      .poll(async () => (await snapshot()).connectedCandidates)
      .toBe(before.connectedCandidates + 1);
  });

  it("is for fair admins only", async () => {
    expect((await call(fixture.app, "GET", LIVE_URL)).statusCode).toBe(401);
    const recruiter = await signInCookie(fixture.app, RECRUITER);
    expect((await call(fixture.app, "GET", LIVE_URL, recruiter)).statusCode).toBe(403);
    const candidate = await signUpCandidate(fixture.app);
    expect((await call(fixture.app, "GET", LIVE_URL, candidate.cookie)).statusCode).toBe(403);
    const unknown = await call(fixture.app, "GET", "/api/admin/fairs/no-such-fair/live", admin);
    expect(unknown.statusCode).toBe(404);
  });
});

const shared = (await postgresAvailable()) && (await redisAvailable());

describe.runIf(shared)("live dashboard across two server instances (Redis queue store)", () => {
  let pair: AppPair;
  let candidateSide: TestApp;
  let adminSide: TestApp;

  beforeAll(async () => {
    pair = await startAppPair({ QUEUE_HEARTBEAT_SECONDS: "1" });
    ({ first: candidateSide, second: adminSide } = pair);
  });
  afterAll(async () => pair?.close());

  it("counts a candidate connected and waiting on the other instance", async () => {
    expect(candidateSide.queueStore.kind).toBe("redis");
    const food = standIn(await hallOf(adminSide), FOOD).id;
    const admin = await signInCookie(adminSide, ADMIN);
    const before = await snapshotOf(adminSide, admin);
    expect(before.connectedCandidates).toBe(0);

    const candidate = await signUpCandidate(candidateSide, "Elsewhere");
    const socket = await pair.connect(candidateSide, candidate.cookie);
    const joined = await socket.emitWithAck("queue:join", {
      standId: food,
      consentToShareProfile: true,
    });
    expect(joined.ok).toBe(true);

    const seen = await snapshotOf(adminSide, admin);
    expect(seen.connectedCandidates).toBe(1);
    expect(seen.candidatesWaiting).toBe(1);
    expect(standOf(seen, FOOD)).toMatchObject({ waiting: 1, called: 0 });

    socket.close();
    await expect.poll(async () => (await snapshotOf(adminSide, admin)).connectedCandidates).toBe(0);
  });
});
