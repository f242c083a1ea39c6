/**
 * The fair hall's live queue figures over real sockets: `hall:watch` answers
 * every approved stand of a fair with numbers only, anyone may watch, a join
 * and a leave reach the watcher as `hall:queues` pushes with the stand page's
 * wait estimate, closing shows, a burst of changes is coalesced to about one
 * push a second, and unwatching stops the pushes. Then two app instances on
 * one Redis: a join on one reaches a hall watcher on the other, and a new
 * watcher there is answered the figures the other instance pushed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  estimateWaitMs,
  fairHallSchema,
  type FairHall,
  type HallQueues,
  type HallStandQueue,
} from "@crossfair/shared";
import { postgresAvailable, redisAvailable } from "../support/services.js";
import { signInCookie } from "../support/session.js";
import { startAppPair, type AppPair } from "../support/shared-stores.js";
import { nextEvent, type TestSocket } from "../support/socket-client.js";
import { newCandidate } from "./fairs/fair-helpers.js";
import { startQueueFixture, type QueueFixture } from "./queue/queue-fixture.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function watchHall(socket: TestSocket, fairId: string): Promise<HallStandQueue[]> {
  const answer = await socket.emitWithAck("hall:watch", { fairId });
  if (!answer.ok) throw new Error(`hall:watch failed: ${JSON.stringify(answer)}`);
  return answer.stands;
}

const figuresOf = (stands: HallStandQueue[], standId: string) =>
  stands.find((stand) => stand.standId === standId);

/** The next push showing the stand as `expected` says. */
const pushShowing = (socket: TestSocket, standId: string, expected: Partial<HallStandQueue>) =>
  nextEvent(socket, "hall:queues", ({ stands }) => {
    const figures = figuresOf(stands, standId);
    return (
      figures !== undefined &&
      Object.entries(expected).every(
        ([key, value]) => figures[key as keyof HallStandQueue] === value,
      )
    );
  });

async function join(socket: TestSocket, standId: string): Promise<void> {
  const joined = await socket.emitWithAck("queue:join", { standId, consentToShareProfile: true });
  if (!joined.ok) throw new Error(`join failed: ${JSON.stringify(joined)}`);
}

describe("live queue figures in the fair hall", () => {
  let fixture: QueueFixture;
  let hall: FairHall;

  beforeAll(async () => {
    fixture = await startQueueFixture();
    hall = fairHallSchema.parse(
      (await fixture.app.http.inject({ url: "/api/fairs/current/hall" })).json(),
    );
  });
  afterAll(async () => fixture?.dispose());

  it("answers anyone's watch with every approved stand of the fair, numbers only", async () => {
    const visitor = await fixture.connectAnonymous();
    const stands = await watchHall(visitor, hall.fair.id);
    expect(stands.map((stand) => stand.standId).sort()).toEqual(
      hall.stands.map((stand) => stand.id).sort(),
    );
    for (const stand of stands) {
      expect(Object.keys(stand).sort()).toEqual(
        ["at", "open", "standId", "waitEstimateMs", "waiting"].sort(),
      );
    }
    expect(
      await visitor.emitWithAck("hall:watch", { fairId: "00000000-0000-4000-8000-000000000000" }),
    ).toMatchObject({ ok: false, code: "not_found" });
    expect(
      await (
        visitor as unknown as { emitWithAck(event: string, payload: unknown): Promise<unknown> }
      ).emitWithAck("hall:watch", { fairId: "not a fair" }),
    ).toMatchObject({ ok: false, code: "validation_failed" });
  });

  it("shows a join and a leave with the stand page's estimate, and a closed stand", async () => {
    const food = fixture.standId("Flanders Food Factory");
    const recruiter = await fixture.connectAs("recruiter@crossfair.test");
    expect(await recruiter.emitWithAck("staff:open", { standId: food, open: true })).toEqual({
      ok: true,
    });
    expect(await recruiter.emitWithAck("staff:console", { standId: food })).toMatchObject({
      ok: true,
    });
    const visitor = await fixture.connectAnonymous();
    expect(figuresOf(await watchHall(visitor, hall.fair.id), food)).toMatchObject({
      open: true,
      waiting: 0,
    });

    const candidate = await newCandidate(fixture.app);
    const socket = await fixture.connectWithCookie(candidate.cookie);
    const joined = pushShowing(visitor, food, { waiting: 1 });
    await join(socket, food);
    const figures = figuresOf((await joined).stands, food)!;
    // What the stand page derives from its own update for someone joining now.
    const watched = await visitor.emitWithAck("queue:watch", { standId: food });
    if (!watched.ok) throw new Error("queue:watch failed");
    const { update } = watched;
    expect(update.activeRecruiters).toBe(1);
    expect(figures.waitEstimateMs).toBe(
      estimateWaitMs(update.waiting + 1, 1, update.averageInterviewMs),
    );

    const left = pushShowing(visitor, food, { waiting: 0 });
    expect(await socket.emitWithAck("queue:leave", { standId: food })).toEqual({ ok: true });
    await left;

    const closed = pushShowing(visitor, food, { open: false, waitEstimateMs: null });
    await recruiter.emitWithAck("staff:open", { standId: food, open: false });
    await closed;
    const reopened = pushShowing(visitor, food, { open: true });
    await recruiter.emitWithAck("staff:open", { standId: food, open: true });
    await reopened;
  });

  it("coalesces a stream of changes into about one push a second per fair", async () => {
    const lille = fixture.standId("Lille Métropole Santé");
    const kortrijk = fixture.standId("Kortrijk Tech Solutions");
    const visitor = await fixture.connectAnonymous();
    await watchHall(visitor, hall.fair.id);
    const pushes: { at: number; message: HallQueues }[] = [];
    visitor.on("hall:queues", (message) => pushes.push({ at: Date.now(), message }));

    const candidates = await Promise.all(
      [1, 2, 3].map(async () =>
        fixture.connectWithCookie((await newCandidate(fixture.app)).cookie),
      ),
    );
    // Changes spread over a few of the queue's own (250 ms) flushes, each one a change here.
    const started = Date.now();
    for (let round = 0; round < 10; round += 1) {
      await join(candidates[0]!, lille);
      await sleep(120);
      await candidates[0]!.emitWithAck("queue:leave", { standId: lille });
      await sleep(120);
    }
    await Promise.all(candidates.map((candidate) => join(candidate, lille)));
    await join(candidates[1]!, kortrijk);
    const streamSeconds = (Date.now() - started) / 1_000;
    await sleep(2_000);

    expect(pushes.length).toBeGreaterThanOrEqual(2);
    expect(pushes.length).toBeLessThanOrEqual(Math.ceil(streamSeconds) + 2);
    // About a second apart (less the time one read takes), never at the queue's own pace.
    for (let index = 1; index < pushes.length; index += 1)
      expect(pushes[index]!.at - pushes[index - 1]!.at).toBeGreaterThan(700);
    for (const { message } of pushes) {
      expect(message.fairId).toBe(hall.fair.id);
      const ids = message.stands.map((stand) => stand.standId);
      expect(new Set(ids).size).toBe(ids.length);
    }
    const latest = (standId: string) =>
      pushes
        .flatMap(({ message }) => message.stands)
        .filter((stand) => stand.standId === standId)
        .at(-1);
    expect(latest(lille)).toMatchObject({ waiting: 3 });
    expect(latest(kortrijk)).toMatchObject({ waiting: 1 });
  });

  it("stops pushing to a visitor who unwatched the hall", async () => {
    const tech = fixture.standId("Tournai Construction");
    const visitor = await fixture.connectAnonymous();
    const stillWatching = await fixture.connectAnonymous();
    await watchHall(visitor, hall.fair.id);
    await watchHall(stillWatching, hall.fair.id);
    expect(await visitor.emitWithAck("hall:unwatch", { fairId: hall.fair.id })).toEqual({
      ok: true,
    });
    let heard = 0;
    visitor.on("hall:queues", () => (heard += 1));

    const candidate = await fixture.connectWithCookie((await newCandidate(fixture.app)).cookie);
    const pushed = pushShowing(stillWatching, tech, { waiting: 1 });
    await join(candidate, tech);
    await pushed;
    await sleep(300);
    expect(heard).toBe(0);
  });
});

const shared = (await postgresAvailable()) && (await redisAvailable());

describe.runIf(shared)("hall figures across two app instances (Redis)", () => {
  let pair: AppPair;
  let hall: FairHall;

  beforeAll(async () => {
    pair = await startAppPair({ QUEUE_HEARTBEAT_SECONDS: "1" });
    hall = fairHallSchema.parse(
      (await pair.second.http.inject({ url: "/api/fairs/current/hall" })).json(),
    );
  });
  afterAll(async () => pair?.close());

  it("brings a join on one instance to a hall watcher on the other, and to its next watcher", async () => {
    const stand = hall.stands.find((entry) => entry.organisationName === "Dunkerque Énergie")!.id;
    const visitor = await pair.connect(pair.second);
    expect(figuresOf(await watchHall(visitor, hall.fair.id), stand)).toMatchObject({ waiting: 0 });

    const candidate = await pair.connect(
      pair.first,
      await signInCookie(pair.first, "candidate@crossfair.test"),
    );
    const pushed = pushShowing(visitor, stand, { waiting: 1 });
    await join(candidate, stand);
    await pushed;
    // The second instance read its figures before the join (well within their 5 s); a new
    // watcher there is answered the first instance's push, not that older copy.
    const latecomer = await pair.connect(pair.second);
    expect(figuresOf(await watchHall(latecomer, hall.fair.id), stand)).toMatchObject({
      waiting: 1,
    });
  });
});
