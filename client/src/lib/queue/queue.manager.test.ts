import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { get } from "svelte/store";
import type { MyQueue } from "@crossfair/shared";
import { FakeLink, OK_EMPTY, settle } from "../connection/connection.link.fake.js";
import {
  answeredCandidate,
  entry,
  FOOD,
  freshCall,
  INTERVIEW,
  LOGISTICS,
  update,
} from "./queue.fixtures.js";
import { QueueManager } from "./queue.manager.js";

describe("QueueManager", () => {
  let link: FakeLink;
  let clock: number;
  let manager: QueueManager;

  const candidateWith = (queues: MyQueue[]) => answeredCandidate(link, manager, queues);

  beforeEach(() => {
    vi.useFakeTimers();
    link = new FakeLink();
    clock = 1_000_000;
    manager = new QueueManager(link, { now: () => clock, tickMs: 250 });
  });

  afterEach(() => {
    manager.destroy();
    vi.useRealTimers();
  });

  it("stays quiet and empty until told the user is a candidate", () => {
    expect(get(manager)).toMatchObject({ loaded: false, queues: [], call: null });
    expect(link.requests).toEqual([]);
    link.fire("queue:mine", { queues: [entry(FOOD, 4)] });
    expect(get(manager).queues).toEqual([]);
  });

  it("asks for the candidate's queues and watches each stand for positions", async () => {
    manager.setCandidate(true);
    link.one("queue:mine").answer({ ok: true, queues: [entry(FOOD, 4), entry(LOGISTICS, 9)] });
    await settle();
    expect(get(manager).loaded).toBe(true);
    expect(link.take("queue:watch").map((request) => request.payload.standId)).toEqual([
      FOOD,
      LOGISTICS,
    ]);
  });

  it("asks a stand again when a change of user drops the answer of an earlier watch", async () => {
    manager.setCandidate(true);
    link.fire("queue:mine", { queues: [entry(FOOD, 4)] });
    const [early] = link.take("queue:watch");
    // The user is looked up again (sign-in finished, another tab) before that answer came.
    manager.setCandidate(false);
    manager.setCandidate(true);
    for (const mine of link.take("queue:mine")) mine.answer({ ok: true, queues: [entry(FOOD, 4)] });
    await settle();
    early?.answer({ ok: true, update: update(FOOD, { ahead: 5 }) });
    const again = link.one("queue:watch");
    again.answer({ ok: true, update: update(FOOD, { ahead: 0 }) });
    await settle();
    expect(get(manager).queues[0]).toMatchObject({ position: 1 });
  });

  it("joins with consent and the answers, and adds the place from the ack", async () => {
    await candidateWith([]);
    const joined: string[] = [];
    manager.onJoined((standId) => joined.push(standId));
    const joining = manager.join(LOGISTICS, [{ questionId: INTERVIEW, answer: "oui" }]);
    const request = link.one("queue:join");
    expect(request.payload).toEqual({
      standId: LOGISTICS,
      consentToShareProfile: true,
      answers: [{ questionId: INTERVIEW, answer: "oui" }],
    });
    request.answer({ ok: true, entry: entry(LOGISTICS, 7) });
    expect(await joining).toMatchObject({ ok: true });
    expect(get(manager).queues.map((queue) => queue.standId)).toEqual([LOGISTICS]);
    expect(joined).toEqual([LOGISTICS]);
    link.one("queue:watch").answer({ ok: true, update: update(LOGISTICS, { ahead: 0 }) });
    await settle();
    expect(get(manager).queues[0]?.position).toBe(1);
  });

  it("passes a refused join on unchanged and keeps no place", async () => {
    await candidateWith([]);
    const joined: string[] = [];
    manager.onJoined((standId) => joined.push(standId));
    const joining = manager.join(LOGISTICS, []);
    link.one("queue:join").answer({ ok: false, code: "screening_incomplete" });
    expect(await joining).toEqual({ ok: false, code: "screening_incomplete" });
    expect(get(manager).queues).toEqual([]);
    expect(joined).toEqual([]);
  });

  it("snoozes and readies through the ack, and leaves", async () => {
    await candidateWith([entry(FOOD, 4)]);
    const snoozing = manager.snooze(FOOD);
    expect(link.requests[0]?.payload).toEqual({ standId: FOOD, snoozed: true });
    link.one("queue:snooze").answer({ ok: true, entry: entry(FOOD, 4, { state: "snoozed" }) });
    await snoozing;
    expect(get(manager).queues[0]?.state).toBe("snoozed");

    const readying = manager.ready(FOOD);
    const ready = link.one("queue:snooze");
    expect(ready.payload).toEqual({ standId: FOOD, snoozed: false });
    ready.answer({ ok: true, entry: entry(FOOD, 4) });
    await readying;
    expect(get(manager).queues[0]?.state).toBe("waiting");

    const leaving = manager.leave(FOOD);
    link.one("queue:leave").answer(OK_EMPTY);
    expect(await leaving).toEqual({ ok: true });
    expect(get(manager).queues).toEqual([]);
  });

  it("forgets a place the server no longer has when leaving it", async () => {
    await candidateWith([entry(FOOD, 4)]);
    const leaving = manager.leave(FOOD);
    link.one("queue:leave").answer({ ok: false, code: "not_in_queue" });
    await leaving;
    expect(get(manager).queues).toEqual([]);
  });

  it("reads the places again when a change's outcome is unknown", async () => {
    await candidateWith([entry(FOOD, 4)]);
    const leaving = manager.leave(FOOD);
    link.one("queue:leave").answer({ ok: false, code: "unavailable", message: "try again" });
    await leaving;
    // The leave may have been made: the server's list decides, not the answer.
    link.one("queue:mine").answer({ ok: true, queues: [] });
    await settle();
    expect(get(manager).queues).toEqual([]);
  });

  it("keeps its places on a refusal that says nothing changed", async () => {
    await candidateWith([entry(FOOD, 4)]);
    const snoozing = manager.snooze(FOOD);
    link.one("queue:snooze").answer({ ok: false, code: "conflict" });
    await snoozing;
    expect(link.take("queue:mine")).toEqual([]);
    expect(get(manager).queues[0]?.state).toBe("waiting");
  });

  describe("an incoming call", () => {
    beforeEach(async () => {
      await candidateWith([entry(FOOD, 4), entry(LOGISTICS, 2)]);
      link.fire("queue:called", {
        standId: FOOD,
        deadline: clock + 30_000,
        serverTime: clock,
        recruiterName: "Lotte Peeters",
      });
    });

    it("is shown with the recruiter, the window and the time left", () => {
      expect(get(manager).call).toEqual(freshCall(FOOD, clock + 30_000));
      expect(get(manager).queues[0]?.state).toBe("called");
    });

    it("gives the full window even when this device's clock is off from the server's", () => {
      const serverAhead = clock + 3_600_000;
      link.fire("queue:called", {
        standId: LOGISTICS,
        deadline: serverAhead + 30_000,
        serverTime: serverAhead,
        recruiterName: "Julien Lemaire",
      });
      expect(get(manager).call).toMatchObject({ standId: LOGISTICS, remainingMs: 30_000 });
    });

    it("counts down by the injected clock", () => {
      clock += 10_400;
      vi.advanceTimersByTime(250);
      expect(get(manager).call?.remainingMs).toBe(19_600);
    });

    it("becomes a missed-call notice when the deadline passes unanswered", () => {
      clock += 30_000;
      vi.advanceTimersByTime(250);
      expect(get(manager).call).toBeNull();
      expect(get(manager).notice).toEqual({ kind: "missed", standId: FOOD });
      expect(vi.getTimerCount()).toBe(0);
    });

    it("accepting starts the interview and tells the listeners once", async () => {
      const started: string[] = [];
      manager.onInterviewStarted((id) => started.push(id));
      const accepting = manager.accept();
      expect(get(manager).call?.answering).toBe(true);
      // A second click while the first is under way is refused locally.
      expect(await manager.accept()).toMatchObject({ ok: false, code: "conflict" });
      const respond = link.one("queue:respond");
      expect(respond.payload).toEqual({ standId: FOOD, accept: true });
      respond.answer({ ok: true, interviewId: INTERVIEW });
      expect(await accepting).toEqual({ ok: true, interviewId: INTERVIEW });
      link.fire("queue:interviewStarted", { standId: FOOD, interviewId: INTERVIEW });
      expect(get(manager).call).toBeNull();
      expect(get(manager).interview).toEqual({ standId: FOOD, interviewId: INTERVIEW });
      expect(started).toEqual([INTERVIEW]);
    });

    it("declining clears the call; the server's queue:mine then puts the place back", async () => {
      const declining = manager.decline();
      const respond = link.one("queue:respond");
      expect(respond.payload).toEqual({ standId: FOOD, accept: false });
      respond.answer({ ok: true });
      await declining;
      expect(get(manager).call).toBeNull();
      link.fire("queue:mine", {
        queues: [entry(FOOD, 4, { noShows: 1 }), entry(LOGISTICS, 2)],
      });
      expect(get(manager).queues[0]).toMatchObject({ state: "waiting", noShows: 1 });
    });

    it("an answer the server calls too late shows as a missed call", async () => {
      const accepting = manager.accept();
      link.one("queue:respond").answer({ ok: false, code: "not_called" });
      await accepting;
      expect(get(manager).call).toBeNull();
      expect(get(manager).notice).toEqual({ kind: "missed", standId: FOOD });
    });

    it("can be answered again after a transient failure", async () => {
      const accepting = manager.accept();
      link.one("queue:respond").answer({ ok: false, code: "unavailable" });
      await accepting;
      expect(get(manager).call).toMatchObject({ standId: FOOD, answering: false });
    });

    it("disappears when queue:mine shows it was answered elsewhere", () => {
      link.fire("queue:mine", { queues: [entry(FOOD, 4), entry(LOGISTICS, 2)] });
      expect(get(manager).call).toBeNull();
      expect(vi.getTimerCount()).toBe(0);
    });

    it("ends with a removal notice after a second no-show", () => {
      link.fire("queue:removed", { standId: FOOD, reason: "no_show" });
      expect(get(manager).call).toBeNull();
      expect(get(manager).queues.map((queue) => queue.standId)).toEqual([LOGISTICS]);
      expect(get(manager).notice).toEqual({ kind: "removed", standId: FOOD, reason: "no_show" });
      manager.dismissNotice();
      expect(get(manager).notice).toBeNull();
    });
  });

  it("restores a pending call from queue:mine after a reload, without the recruiter's name", async () => {
    await candidateWith([entry(FOOD, 4, { state: "called", callDeadline: clock + 12_000 })]);
    expect(get(manager).call).toMatchObject({
      standId: FOOD,
      recruiterName: null,
      remainingMs: 12_000,
    });
  });

  it("ignores a restored call whose deadline has already passed", async () => {
    await candidateWith([entry(FOOD, 4, { state: "called", callDeadline: clock - 1 })]);
    expect(get(manager).call).toBeNull();
  });

  it("restores the interview in progress from queue:mine", async () => {
    await candidateWith([entry(FOOD, 4, { state: "interviewing", interviewId: INTERVIEW })]);
    expect(get(manager).interview).toEqual({ standId: FOOD, interviewId: INTERVIEW });
  });

  it("re-requests its queues and re-watches its stands after a reconnect", async () => {
    await candidateWith([entry(FOOD, 4)]);
    link.connected = false;
    link.reconnect();
    const mine = link.one("queue:mine");
    mine.answer({ ok: true, queues: [entry(FOOD, 4), entry(LOGISTICS, 1)] });
    await settle();
    expect(get(manager).queues.map((queue) => queue.standId)).toEqual([FOOD, LOGISTICS]);
    expect(link.take("queue:watch").map((request) => request.payload.standId)).toEqual([
      FOOD,
      LOGISTICS,
    ]);
  });

  it("ignores an answer to a request made before the reconnect", async () => {
    manager.setCandidate(true);
    const stale = link.one("queue:mine");
    link.reconnect();
    const fresh = link.one("queue:mine");
    fresh.answer({ ok: true, queues: [entry(FOOD, 4)] });
    stale.answer({ ok: true, queues: [] });
    await settle();
    expect(get(manager).queues).toHaveLength(1);
  });

  it("drops every place when the session turns out to have ended", async () => {
    await candidateWith([entry(FOOD, 4)]);
    link.reconnect();
    link.one("queue:mine").answer({ ok: false, code: "unauthenticated" });
    await settle();
    expect(get(manager).queues).toEqual([]);
  });

  it("forgets everything when the user stops being a candidate (sign-out)", async () => {
    await candidateWith([entry(FOOD, 4)]);
    link.fire("queue:called", {
      standId: FOOD,
      deadline: clock + 30_000,
      serverTime: clock,
      recruiterName: "L",
    });
    manager.setCandidate(false);
    expect(get(manager)).toMatchObject({ loaded: false, queues: [], call: null, notice: null });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("tells a recruiter's listeners about their interview too", () => {
    const started: string[] = [];
    manager.onInterviewStarted((id) => started.push(id));
    link.fire("queue:interviewStarted", { standId: FOOD, interviewId: INTERVIEW });
    expect(started).toEqual([INTERVIEW]);
    expect(get(manager).interview).toBeNull();
  });

  it("removes its listeners on destroy", () => {
    manager.destroy();
    expect(link.listenerCount()).toBe(0);
  });
});
