/**
 * A group session live, on the embedded stack and on PostgreSQL with Redis:
 * who gets in and as what (full, ended, the lobby), going live, questions
 * with two viewers and a speaker (ask, upvote once, answer, hide so viewers
 * drop it, pin), chat and blocking, raised hands and the stage (promote,
 * demote, stage_full), the flood bucket, attendance rows and viewer counts,
 * the sweep for dead processes, and the session ending for everyone.
 */
import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webinarAttendance, webinars } from "@crossfair/server/webinar/webinar.schema";
import type { ServerEventPayload, WebinarQuestion } from "@crossfair/shared";
import { buildTestApp, testClock, type TestApp } from "../../support/app.js";
import { listeningUrl } from "../../support/interview-start.js";
import { signInCookie } from "../../support/session.js";
import { embeddedAndShared } from "../../support/shared-stores.js";
import { signUpVerified } from "../../support/sign-up.js";
import { connectClient, nextEvent, type TestSocket } from "../../support/socket-client.js";
import { ask, scheduleWebinar, userIdOf } from "../../support/webinar-live.js";

const SPEAKER = "standadmin@crossfair.test";
const VIEWER_A = "candidate@crossfair.test";
const VIEWER_B = "kandidaat@crossfair.test";
const ADMIN = "admin@crossfair.test";
const OTHER_STAND = "recruiter@crossfair.test";

const backends = await embeddedAndShared();

describe.each(backends)("a live group session on $name", (backend) => {
  let app: TestApp;
  let drop: (() => Promise<void>) | undefined;
  let baseUrl: string;
  const sockets: TestSocket[] = [];
  let newCandidates = 0;

  const connect = async (email?: string): Promise<TestSocket> => {
    const cookie = email ? await signInCookie(app, email) : undefined;
    const { socket } = await connectClient(baseUrl, cookie);
    sockets.push(socket);
    return socket;
  };
  /** A candidate of its own (the demo has two), signed up through the real flow. */
  const newCandidate = async (): Promise<{ socket: TestSocket; userId: string }> => {
    newCandidates += 1;
    const { user, cookie } = await signUpVerified(app, {
      email: `webinar-viewer-${newCandidates}-${randomUUID().slice(0, 6)}@crossfair.test`,
      password: "a long enough password",
      displayName: `Viewer ${newCandidates}`,
    });
    const { socket } = await connectClient(baseUrl, cookie);
    sockets.push(socket);
    return { socket, userId: user.id };
  };
  const join = (socket: TestSocket, webinarId: string) =>
    ask(socket, "webinar:join", { webinarId });

  beforeAll(async () => {
    const stack = await backend.env();
    drop = stack.drop;
    app = await buildTestApp({
      ...stack.env,
      MEDIA_WORKERS: "1",
      MEDIA_PORT_MIN: "45300",
      MEDIA_PORT_MAX: "45349",
    });
    baseUrl = await listeningUrl(app);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await app?.dispose();
    await drop?.();
  });

  it("lets in speakers, moderators and candidates, and no one else", async () => {
    const webinarId = await scheduleWebinar(app);
    expect(await join(await connect(SPEAKER), webinarId)).toMatchObject({
      ok: true,
      role: "speaker",
    });
    expect(await join(await connect(ADMIN), webinarId)).toMatchObject({
      ok: true,
      role: "moderator",
    });
    const viewer = await join(await connect(VIEWER_A), webinarId);
    expect(viewer).toMatchObject({
      ok: true,
      role: "viewer",
      status: "scheduled",
      promoted: false,
    });
    expect(viewer.stage).toEqual([
      { userId: await userIdOf(app, SPEAKER), displayName: expect.any(String), kind: "speaker" },
    ]);
    expect(await join(await connect(OTHER_STAND), webinarId)).toMatchObject({ code: "forbidden" });
    expect(await join(await connect(), webinarId)).toMatchObject({ code: "unauthenticated" });
    expect(await join(await connect(VIEWER_A), randomUUID())).toMatchObject({ code: "not_found" });
  });

  it("refuses a full session to the unregistered, keeps the seat of the registered", async () => {
    const webinarId = await scheduleWebinar(app, { capacity: 1 });
    expect(await join(await connect(VIEWER_A), webinarId)).toMatchObject({ ok: true });
    expect(await join(await connect(VIEWER_B), webinarId)).toMatchObject({ code: "webinar_full" });
    // Staff take no seat; the registered viewer comes back in on another socket.
    expect(await join(await connect(SPEAKER), webinarId)).toMatchObject({ ok: true });
    expect(await join(await connect(VIEWER_A), webinarId)).toMatchObject({ ok: true });
  });

  it("opens 15 minutes before the start and closes when ended", async () => {
    const soon = await scheduleWebinar(app, { startsAt: Date.now() + 10 * 60_000 });
    expect(await join(await connect(VIEWER_A), soon)).toMatchObject({ ok: true });
    const later = await scheduleWebinar(app, { startsAt: Date.now() + 30 * 60_000 });
    expect(await join(await connect(VIEWER_A), later)).toMatchObject({ code: "webinar_not_live" });
    const ended = await scheduleWebinar(app, { status: "ended" });
    expect(await join(await connect(VIEWER_A), ended)).toMatchObject({ code: "webinar_ended" });
    const cancelled = await scheduleWebinar(app, { status: "cancelled" });
    expect(await join(await connect(SPEAKER), cancelled)).toMatchObject({ code: "webinar_ended" });
  });

  it("takes media only once live; going live is for staff and tells everyone", async () => {
    const webinarId = await scheduleWebinar(app);
    const speaker = await connect(SPEAKER);
    const viewer = await connect(VIEWER_A);
    await join(speaker, webinarId);
    await join(viewer, webinarId);
    const produce = {
      webinarId,
      transportId: "t1",
      kind: "audio",
      source: "microphone",
      rtpParameters: {
        codecs: [{ mimeType: "audio/opus", clockRate: 48_000, channels: 2, payloadType: 100 }],
        encodings: [{ ssrc: 1111 }],
      },
    };
    expect(await ask(speaker, "webinar:produce", produce)).toMatchObject({
      code: "webinar_not_live",
    });
    expect(await ask(viewer, "webinar:start", { webinarId })).toMatchObject({ code: "forbidden" });
    const live = nextEvent(viewer, "webinar:state", (state) => state.webinarId === webinarId);
    expect(await ask(speaker, "webinar:start", { webinarId })).toMatchObject({ ok: true });
    expect(await live).toMatchObject({ status: "live" });
    // Live now: the request reaches the media, which knows no such transport.
    expect((await ask(speaker, "webinar:produce", produce)).code).not.toBe("webinar_not_live");
    // A socket that did not join is told to join first.
    const elsewhere = await connect(SPEAKER);
    expect(
      await ask(elsewhere, "webinar:createTransport", { webinarId, direction: "recv" }),
    ).toMatchObject({ code: "not_found" });
  });

  it("runs questions with two viewers and a speaker: ask, upvote once, answer, hide, pin", async () => {
    const webinarId = await scheduleWebinar(app);
    const speaker = await connect(SPEAKER);
    const [a, b] = [await connect(VIEWER_A), await connect(VIEWER_B)];
    for (const socket of [speaker, a, b])
      expect(await join(socket, webinarId)).toMatchObject({ ok: true });
    // Each wait names what it waits for: an earlier change may still be on its way.
    const forB = <E extends "webinar:question" | "webinar:questionRemoved">(
      event: E,
      what: (payload: ServerEventPayload<E>) => boolean = () => true,
    ) => nextEvent(b, event, (payload) => payload.webinarId === webinarId && what(payload));

    let seenByB = forB("webinar:question");
    const asked = await ask(a, "webinar:ask", { webinarId, text: "  Quid du télétravail ?  " });
    const question = asked.question as WebinarQuestion;
    expect(question).toMatchObject({ text: "Quid du télétravail ?", votes: 0, status: "open" });
    expect((await seenByB).question.id).toBe(question.id);

    const vote = { webinarId, questionId: question.id, voted: true };
    seenByB = forB("webinar:question", (event) => event.question.votes === 1);
    expect(await ask(b, "webinar:vote", vote)).toMatchObject({ question: { votes: 1 } });
    expect((await seenByB).question.votes).toBe(1);
    expect(await ask(b, "webinar:vote", vote)).toMatchObject({ question: { votes: 1 } });
    expect(await ask(a, "webinar:vote", vote)).toMatchObject({ question: { votes: 2 } });
    expect(await ask(a, "webinar:vote", { ...vote, voted: false })).toMatchObject({
      question: { votes: 1 },
    });

    const moderate = (action: string) =>
      ask(speaker, "webinar:moderateQuestion", { webinarId, questionId: question.id, action });
    expect(
      await ask(a, "webinar:moderateQuestion", {
        webinarId,
        questionId: question.id,
        action: "hide",
      }),
    ).toMatchObject({ code: "forbidden" });
    seenByB = forB("webinar:question", (event) => event.question.status === "answered");
    expect(await moderate("answer")).toMatchObject({ question: { status: "answered" } });
    expect((await seenByB).question.status).toBe("answered");

    const removed = forB("webinar:questionRemoved");
    const staffSees = nextEvent(speaker, "webinar:question", (event) => event.question.hidden);
    expect(await moderate("hide")).toMatchObject({ question: { hidden: true } });
    expect((await removed).questionId).toBe(question.id);
    expect((await staffSees).question.id).toBe(question.id);
    expect(await ask(b, "webinar:vote", vote)).toMatchObject({ code: "not_found" });
    const rejoined = await join(await connect(VIEWER_B), webinarId);
    expect(rejoined.questions).toEqual([]);
    expect((await join(await connect(SPEAKER), webinarId)).questions).toHaveLength(1);

    // Shown and pinned, it comes first for whoever joins, ahead of a newer one with more votes.
    await moderate("show");
    const second = (await ask(b, "webinar:ask", { webinarId, text: "Et les impôts ?" }))
      .question as WebinarQuestion;
    await ask(a, "webinar:vote", { webinarId, questionId: second.id, voted: true });
    await ask(b, "webinar:vote", { webinarId, questionId: second.id, voted: true });
    expect(await moderate("pin")).toMatchObject({ question: { pinned: true } });
    const late = await join(await connect(VIEWER_A), webinarId);
    expect((late.questions as WebinarQuestion[]).map((q) => q.id)).toEqual([
      question.id,
      second.id,
    ]);
    expect(late.myVotes).toEqual([second.id]);
  });

  it("hides chat from viewers and blocks a viewer from asking and chatting", async () => {
    const webinarId = await scheduleWebinar(app);
    const moderator = await connect(ADMIN);
    const { socket: viewer, userId } = await newCandidate();
    const other = await connect(VIEWER_B);
    for (const socket of [moderator, viewer, other]) await join(socket, webinarId);

    const seen = nextEvent(other, "webinar:chat", (event) => event.webinarId === webinarId);
    const said = await ask(viewer, "webinar:chat", { webinarId, text: "Bonjour à tous" });
    const messageId = (said.message as { id: string }).id;
    expect((await seen).message.id).toBe(messageId);
    const gone = nextEvent(other, "webinar:chatRemoved", (event) => event.messageId === messageId);
    expect(
      await ask(moderator, "webinar:moderateChat", { webinarId, messageId, action: "hide" }),
    ).toMatchObject({ message: { hidden: true } });
    await gone;
    expect((await join(await connect(VIEWER_B), webinarId)).chat).toEqual([]);

    const told = nextEvent(viewer, "webinar:you", (event) => event.blocked);
    expect(
      await ask(moderator, "webinar:block", { webinarId, userId, blocked: true }),
    ).toMatchObject({
      ok: true,
    });
    await told;
    expect(await ask(viewer, "webinar:ask", { webinarId, text: "Et moi ?" })).toMatchObject({
      code: "asking_blocked",
    });
    expect(await ask(viewer, "webinar:chat", { webinarId, text: "Et moi ?" })).toMatchObject({
      code: "asking_blocked",
    });
    expect((await join(await connect(VIEWER_B), webinarId)).blocked).toBe(false);
    await ask(moderator, "webinar:block", { webinarId, userId, blocked: false });
    expect(await ask(viewer, "webinar:ask", { webinarId, text: "Et moi ?" })).toMatchObject({
      ok: true,
    });
  });

  it("raises hands to staff, promotes and demotes, and refuses a third promoted viewer", async () => {
    const webinarId = await scheduleWebinar(app);
    const speaker = await connect(SPEAKER);
    await join(speaker, webinarId);
    const viewers = [await newCandidate(), await newCandidate(), await newCandidate()];
    for (const { socket } of viewers) await join(socket, webinarId);
    const [first, second, third] = viewers as [
      (typeof viewers)[0],
      (typeof viewers)[0],
      (typeof viewers)[0],
    ];

    // What a viewer may send follows the stage: nothing, audio once promoted, nothing again.
    const sendTransport = (socket: TestSocket) =>
      ask(socket, "webinar:createTransport", { webinarId, direction: "send" });
    expect(await sendTransport(first.socket)).toMatchObject({ code: "not_speaker" });

    const hands = nextEvent(speaker, "webinar:hands", (event) => event.hands.length === 1);
    expect(await ask(first.socket, "webinar:raiseHand", { webinarId, raised: true })).toMatchObject(
      { ok: true },
    );
    expect((await hands).hands[0]?.userId).toBe(first.userId);
    expect(await ask(speaker, "webinar:raiseHand", { webinarId, raised: true })).toMatchObject({
      code: "forbidden",
    });
    expect(
      await ask(first.socket, "webinar:promote", {
        webinarId,
        userId: first.userId,
        promoted: true,
      }),
    ).toMatchObject({ code: "forbidden" });

    const onStage = nextEvent(second.socket, "webinar:state", (event) =>
      event.stage.some((member) => member.userId === first.userId),
    );
    const you = nextEvent(first.socket, "webinar:you", (event) => event.promoted);
    const lowered = nextEvent(speaker, "webinar:hands", (event) => event.hands.length === 0);
    const promote = (userId: string, promoted: boolean) =>
      ask(speaker, "webinar:promote", { webinarId, userId, promoted });
    expect(await promote(first.userId, true)).toMatchObject({ ok: true });
    expect((await onStage).stage.find((m) => m.userId === first.userId)?.kind).toBe("promoted");
    expect(await you).toMatchObject({ promoted: true, handRaised: false });
    await lowered;
    expect(await sendTransport(first.socket)).toMatchObject({ ok: true });
    expect(await promote(second.userId, true)).toMatchObject({ ok: true });
    expect(await promote(third.userId, true)).toMatchObject({ code: "stage_full" });
    expect(await promote(await userIdOf(app, ADMIN), true)).toMatchObject({ code: "not_found" });

    const demoted = nextEvent(first.socket, "webinar:you", (event) => !event.promoted);
    expect(await promote(first.userId, false)).toMatchObject({ ok: true });
    await demoted;
    expect(await sendTransport(first.socket)).toMatchObject({ code: "not_speaker" });
    expect(await promote(third.userId, true)).toMatchObject({ ok: true });
    const rejoined = await join(await connect(SPEAKER), webinarId);
    expect(
      (rejoined.stage as { kind: string }[]).filter((m) => m.kind === "promoted"),
    ).toHaveLength(2);
  });

  it("takes a promoted viewer who leaves the session off the stage, and lowers a leaver's hand", async () => {
    const webinarId = await scheduleWebinar(app);
    const speaker = await connect(SPEAKER);
    await join(speaker, webinarId);
    const onStage = await newCandidate();
    const withHand = await newCandidate();
    for (const viewer of [onStage, withHand]) await join(viewer.socket, webinarId);
    expect(
      await ask(speaker, "webinar:promote", { webinarId, userId: onStage.userId, promoted: true }),
    ).toMatchObject({ ok: true });
    const raised = nextEvent(speaker, "webinar:hands", (event) => event.hands.length === 1);
    await ask(withHand.socket, "webinar:raiseHand", { webinarId, raised: true });
    await raised;

    const offStage = nextEvent(speaker, "webinar:state", (event) =>
      event.stage.every((member) => member.userId !== onStage.userId),
    );
    onStage.socket.close();
    await offStage;
    const lowered = nextEvent(speaker, "webinar:hands", (event) => event.hands.length === 0);
    expect(await ask(withHand.socket, "webinar:leave", { webinarId })).toMatchObject({ ok: true });
    await lowered;
  });

  it("answers a flood of questions rate_limited after the burst", async () => {
    const webinarId = await scheduleWebinar(app);
    const { socket } = await newCandidate();
    await join(socket, webinarId);
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 7; i += 1) {
      const answer = await ask(socket, i % 2 ? "webinar:chat" : "webinar:ask", {
        webinarId,
        text: `n° ${i}`,
      });
      codes.push(answer.ok ? "ok" : answer.code);
    }
    expect(codes).toEqual(["ok", "ok", "ok", "ok", "ok", "rate_limited", "rate_limited"]);
  });

  it("keeps an attendance row per join, counts viewers, and ends for everyone", async () => {
    const webinarId = await scheduleWebinar(app);
    const openRows = async () =>
      app.database.db
        .select()
        .from(webinarAttendance)
        .where(and(eq(webinarAttendance.webinarId, webinarId), isNull(webinarAttendance.leftAt)));
    const speaker = await connect(SPEAKER);
    await join(speaker, webinarId);
    const counted = (count: number) =>
      nextEvent(
        speaker,
        "webinar:viewers",
        (event: ServerEventPayload<"webinar:viewers">) =>
          event.webinarId === webinarId && event.count === count,
      );
    const a = await connect(VIEWER_A);
    let count = counted(1);
    expect(await join(a, webinarId)).toMatchObject({ viewerCount: 1 });
    await count;
    const b = await connect(VIEWER_B);
    const bAgain = await connect(VIEWER_B);
    count = counted(2);
    await join(b, webinarId);
    await join(bAgain, webinarId);
    await count;
    expect(await openRows()).toHaveLength(3);

    count = counted(1);
    await ask(b, "webinar:leave", { webinarId });
    bAgain.disconnect();
    await count;
    expect((await openRows()).map((row) => row.userId)).toEqual([await userIdOf(app, VIEWER_A)]);

    // A row left open by a process that died is closed by the sweep.
    await app.database.db.insert(webinarAttendance).values({
      webinarId,
      userId: await userIdOf(app, VIEWER_B),
      socketId: "gone",
      processId: "a-dead-process",
      joinedAt: new Date(),
    });
    expect(await openRows()).toHaveLength(2);
    await app.webinarLive.sweep();
    expect(await openRows()).toHaveLength(1);

    const ended = nextEvent(a, "webinar:ended", (event) => event.webinarId === webinarId);
    expect(await ask(a, "webinar:end", { webinarId })).toMatchObject({ code: "forbidden" });
    expect(await ask(speaker, "webinar:end", { webinarId })).toMatchObject({ ok: true });
    await ended;
    expect(await openRows()).toEqual([]);
    const [row] = await app.database.db.select().from(webinars).where(eq(webinars.id, webinarId));
    expect(row?.status).toBe("ended");
    expect(await ask(a, "webinar:ask", { webinarId, text: "Encore ?" })).toMatchObject({
      code: "webinar_ended",
    });
    expect(await join(a, webinarId)).toMatchObject({ code: "webinar_ended" });
  });
});

describe("a session nobody ended", () => {
  let app: TestApp;
  const sockets: TestSocket[] = [];
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await app?.dispose();
  });

  it("ends by itself some minutes after its planned end, for everyone in it", async () => {
    // The app lives ten minutes behind the wall clock, so the job (stored at the wall clock's
    // moment) is due at once while the join still falls inside the session's time.
    const clock = testClock(Date.now() - 10 * 60_000);
    app = await buildTestApp(
      { MEDIA_WORKERS: "1", MEDIA_PORT_MIN: "45350", MEDIA_PORT_MAX: "45399" },
      undefined,
      undefined,
      { clock: clock.now },
    );
    const baseUrl = await listeningUrl(app);
    const webinarId = await scheduleWebinar(app, {
      startsAt: Date.now() - 75 * 60_000,
      minutes: 60,
      status: "live",
    });
    const { socket } = await connectClient(baseUrl, await signInCookie(app, VIEWER_A));
    sockets.push(socket);
    const ended = nextEvent(
      socket,
      "webinar:ended",
      (event) => event.webinarId === webinarId,
      25_000,
    );
    const joined = await ask(socket, "webinar:join", { webinarId });
    expect(joined, JSON.stringify(joined)).toMatchObject({ ok: true });
    await ended;
    const [row] = await app.database.db.select().from(webinars).where(eq(webinars.id, webinarId));
    expect(row).toMatchObject({ status: "ended" });
    expect(row?.endedAt).toBeInstanceOf(Date);
  }, 45_000);
});
