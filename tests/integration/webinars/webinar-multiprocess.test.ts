/**
 * One group session across two server processes on one PostgreSQL and one
 * Redis: a viewer on B sees the question asked on A and its moderation,
 * staff on A see a hand raised on B, a promotion made on A reaches the
 * viewer on B and counts against the one stage, and the viewer count spans
 * both.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebinarQuestion } from "@crossfair/shared";
import { postgresAvailable, redisAvailable } from "../../support/services.js";
import { signInCookie } from "../../support/session.js";
import { startAppPair, type AppPair } from "../../support/shared-stores.js";
import { signUpVerified } from "../../support/sign-up.js";
import { nextEvent } from "../../support/socket-client.js";
import { ask, scheduleWebinar, userIdOf } from "../../support/webinar-live.js";

const shared = (await postgresAvailable()) && (await redisAvailable());

describe.skipIf(!shared)("a group session across two processes", () => {
  let pair: AppPair;

  beforeAll(async () => {
    pair = await startAppPair({ MEDIA_WORKERS: "1" });
  });
  afterAll(async () => pair?.close());

  it("shares questions, hands, the stage and the viewer count between the processes", async () => {
    const { first: a, second: b } = pair;
    const webinarId = await scheduleWebinar(a);
    const speaker = await pair.connect(a, await signInCookie(a, "standadmin@crossfair.test"));
    const askerOnA = await pair.connect(a, await signInCookie(a, "candidate@crossfair.test"));
    const viewerOnB = await pair.connect(b, await signInCookie(b, "kandidaat@crossfair.test"));
    const viewerId = await userIdOf(a, "kandidaat@crossfair.test");
    expect(await ask(speaker, "webinar:join", { webinarId })).toMatchObject({ ok: true });
    expect(await ask(askerOnA, "webinar:join", { webinarId })).toMatchObject({ ok: true });
    const counted = nextEvent(speaker, "webinar:viewers", (event) => event.count === 2);
    expect(await ask(viewerOnB, "webinar:join", { webinarId })).toMatchObject({
      ok: true,
      viewerCount: 2,
    });
    await counted;

    const seen = nextEvent(viewerOnB, "webinar:question", (event) => event.webinarId === webinarId);
    const asked = await ask(askerOnA, "webinar:ask", {
      webinarId,
      text: "Et la sécurité sociale ?",
    });
    const question = asked.question as WebinarQuestion;
    expect((await seen).question).toMatchObject({
      id: question.id,
      text: "Et la sécurité sociale ?",
    });
    const removed = nextEvent(
      viewerOnB,
      "webinar:questionRemoved",
      (e) => e.questionId === question.id,
    );
    await ask(speaker, "webinar:moderateQuestion", {
      webinarId,
      questionId: question.id,
      action: "hide",
    });
    await removed;

    const hands = nextEvent(speaker, "webinar:hands", (event) => event.hands.length === 1);
    await ask(viewerOnB, "webinar:raiseHand", { webinarId, raised: true });
    expect((await hands).hands[0]?.userId).toBe(viewerId);

    const you = nextEvent(viewerOnB, "webinar:you", (event) => event.promoted);
    const state = nextEvent(viewerOnB, "webinar:state", (event) =>
      event.stage.some((member) => member.userId === viewerId),
    );
    expect(
      await ask(speaker, "webinar:promote", { webinarId, userId: viewerId, promoted: true }),
    ).toMatchObject({ ok: true });
    await Promise.all([you, state]);

    // The stage's cap holds across processes: a moderator on B fills it and is refused beyond.
    const moderatorOnB = await pair.connect(b, await signInCookie(b, "admin@crossfair.test"));
    await ask(moderatorOnB, "webinar:join", { webinarId });
    const extra = await Promise.all(
      [1, 2].map(async (n) => {
        const { user, cookie } = await signUpVerified(b, {
          email: `multi-viewer-${n}-${Date.now()}@crossfair.test`,
          password: "a long enough password",
          displayName: `Multi ${n}`,
        });
        await ask(await pair.connect(b, cookie), "webinar:join", { webinarId });
        return user.id;
      }),
    );
    const promote = (userId: string) =>
      ask(moderatorOnB, "webinar:promote", { webinarId, userId, promoted: true });
    expect(await promote(extra[0]!)).toMatchObject({ ok: true });
    expect(await promote(extra[1]!)).toMatchObject({ code: "stage_full" });
  });
});
