/**
 * The queue's rules, one service at a time: the real in-memory queue store
 * and fakes of everything else (queue.fakes.ts). Sockets, Redis and
 * PostgreSQL have their own suites in tests/integration/queue.
 */
import { describe, expect, it } from "vitest";
import { ErrorCode, type SessionUser } from "@crossfair/shared";
import { MemoryQueueStore } from "./queue.memory.js";
import {
  FakeInterviewStarter,
  FakeQueueDirectory,
  FakeRegistrationGate,
  ManualClock,
  question,
  RecordingNotifier,
} from "./queue.fakes.js";
import type { QueueTimings } from "./queue.rules.js";
import { QueueService } from "./queue.service.js";

const FAIR = "f0000000-0000-4000-8000-000000000001";
const STAND = "50000000-0000-4000-8000-000000000001";
const OTHER_STANDS = [2, 3, 4].map((n) => `50000000-0000-4000-8000-00000000000${n}`);

const timings: QueueTimings = {
  callTimeoutMs: 30_000,
  reconnectGraceMs: 60_000,
  onlineWindowMs: 25_000,
  recruiterActiveMs: 30_000,
};

const person = (id: number, role: SessionUser["role"]): SessionUser => ({
  id: `00000000-0000-4000-8000-${String(id).padStart(12, "0")}`,
  email: `p${id}@example.test`,
  displayName: `Person ${id}`,
  role,
  uiLanguage: "en",
});

const anna = person(1, "candidate");
const bram = person(2, "candidate");
const recruiter = person(10, "recruiter");

/** Events told by the queue, kept in order; a subscriber that never finishes, to show nobody waits. */
class PendingEvents {
  readonly told: { name: string; event: unknown }[] = [];
  emit(name: string, event: unknown): Promise<void> {
    this.told.push({ name, event });
    return new Promise<void>(() => undefined);
  }
}

function setUp() {
  const clock = new ManualClock();
  const events = new PendingEvents();
  const store = new MemoryQueueStore();
  const directory = new FakeQueueDirectory();
  const gate = new FakeRegistrationGate();
  const notifier = new RecordingNotifier();
  const interviews = new FakeInterviewStarter();
  directory.addStand({ standId: STAND, fairId: FAIR });
  directory.addStaff(STAND, recruiter.id, { displayName: "Ruth" });
  const queue = new QueueService(
    {
      store,
      repository: directory,
      registrations: gate,
      notifier,
      timings,
      clock: clock.read,
      events,
    },
    interviews,
  );
  /** The candidates are connected now (the presence heartbeat), so they can be called. */
  const online = (...users: SessionUser[]) =>
    store.touchCandidates(
      [FAIR],
      users.map((user) => user.id),
      clock.now,
    );
  return { clock, store, directory, gate, notifier, interviews, queue, online, events };
}

const rejection = (code: string) => expect.objectContaining({ code });

describe("QueueService: joining", () => {
  it("gives the first candidate place 1 and tells them", async () => {
    const { queue, notifier } = setUp();
    const mine = await queue.join(anna, STAND, []);
    expect(mine).toMatchObject({ standId: STAND, state: "waiting", noShows: 0 });
    expect(notifier.of("candidateChanged")).toEqual([["candidateChanged", anna.id]]);
    const view = await queue.standView(STAND, bram);
    expect(view).toMatchObject({ queueLength: 1, ahead: null });
    expect((await queue.standView(STAND, anna)).ahead).toBe(0);
  });

  it("lets only candidates join, and only stands that exist, are approved and whose fair is live", async () => {
    const { queue, directory } = setUp();
    await expect(queue.join(null, STAND, [])).rejects.toEqual(rejection(ErrorCode.unauthenticated));
    await expect(queue.join(recruiter, STAND, [])).rejects.toEqual(rejection(ErrorCode.forbidden));
    await expect(queue.join(anna, OTHER_STANDS[0]!, [])).rejects.toEqual(
      rejection(ErrorCode.notFound),
    );
    directory.addStand({ standId: OTHER_STANDS[0]!, fairId: FAIR, approved: false });
    await expect(queue.join(anna, OTHER_STANDS[0]!, [])).rejects.toEqual(
      rejection(ErrorCode.notFound),
    );
    directory.addStand({ standId: OTHER_STANDS[1]!, fairId: FAIR, fairLive: false });
    await expect(queue.join(anna, OTHER_STANDS[1]!, [])).rejects.toEqual(
      rejection(ErrorCode.standClosed),
    );
  });

  it("asks the registration gate first, and takes no place when it refuses", async () => {
    const { queue, gate } = setUp();
    gate.openToAll = false;
    await expect(queue.join(anna, STAND, [])).rejects.toEqual(
      rejection(ErrorCode.registrationRequired),
    );
    expect(await queue.myQueues(anna)).toEqual([]);
    gate.admitted.add(`${FAIR}|${anna.id}`);
    await queue.join(anna, STAND, []);
    expect(await queue.myQueues(anna)).toHaveLength(1);
  });

  it("wants one answer to every screening question, and none to a question it does not ask", async () => {
    const { queue, directory } = setUp();
    const q1 = "90000000-0000-4000-8000-000000000001";
    const q2 = "90000000-0000-4000-8000-000000000002";
    directory.addStand({
      standId: STAND,
      fairId: FAIR,
      questions: [question(q1, "Driving licence?"), question(q2, "Night shifts?")],
    });
    await expect(queue.join(anna, STAND, [{ questionId: q1, answer: "yes" }])).rejects.toEqual(
      rejection(ErrorCode.screeningIncomplete),
    );
    await expect(
      queue.join(anna, STAND, [
        { questionId: q1, answer: "yes" },
        { questionId: q2, answer: "no" },
        { questionId: "90000000-0000-4000-8000-000000000003", answer: "?" },
      ]),
    ).rejects.toEqual(rejection(ErrorCode.validationFailed));
    await queue.join(anna, STAND, [
      { questionId: q1, answer: "yes" },
      { questionId: q2, answer: "no" },
    ]);
    expect(await queue.myQueues(anna)).toHaveLength(1);
  });

  it("holds a candidate to the fair's cap of queues at once", async () => {
    const { queue, directory } = setUp();
    for (const standId of OTHER_STANDS) directory.addStand({ standId, fairId: FAIR, queueCap: 3 });
    directory.addStand({ standId: STAND, fairId: FAIR, queueCap: 3 });
    await queue.join(anna, STAND, []);
    await queue.join(anna, OTHER_STANDS[0]!, []);
    await queue.join(anna, OTHER_STANDS[1]!, []);
    await expect(queue.join(anna, OTHER_STANDS[2]!, [])).rejects.toEqual(
      rejection(ErrorCode.queueCapReached),
    );
    await queue.leave(anna, STAND);
    await queue.join(anna, OTHER_STANDS[2]!, []);
    expect(await queue.myQueues(anna)).toHaveLength(3);
  });

  it("refuses a closed stand, and closing it takes its waiting candidates out with the reason", async () => {
    const { queue, notifier } = setUp();
    await queue.join(anna, STAND, []);
    await queue.staff.setOpen(recruiter, STAND, false);
    expect(notifier.of("removed")).toEqual([
      ["removed", anna.id, { standId: STAND, reason: "stand_closed" }],
    ]);
    await expect(queue.join(bram, STAND, [])).rejects.toEqual(rejection(ErrorCode.standClosed));
  });
});

describe("QueueService: calls", () => {
  it("lets only the stand's staff call, and calls the first online candidate in line", async () => {
    const { queue, notifier, online, clock } = setUp();
    await queue.join(anna, STAND, []);
    await queue.join(bram, STAND, []);
    await online(anna, bram);
    await expect(queue.staff.callNext(person(11, "recruiter"), STAND)).rejects.toEqual(
      rejection(ErrorCode.forbidden),
    );
    expect(await queue.staff.callNext(recruiter, STAND)).toBe(anna.id);
    expect(notifier.of("called")).toEqual([
      [
        "called",
        anna.id,
        {
          standId: STAND,
          deadline: clock.now + timings.callTimeoutMs,
          serverTime: clock.now,
          recruiterName: "Ruth",
        },
      ],
    ]);
    // One open call per recruiter at a time.
    await expect(queue.staff.callNext(recruiter, STAND)).rejects.toEqual(
      rejection(ErrorCode.recruiterBusy),
    );
  });

  it("tells queue.called after a call, and answers without waiting for its subscribers", async () => {
    const { queue, online, clock, events } = setUp();
    await queue.join(anna, STAND, []);
    await online(anna);
    // The subscriber never finishes (PendingEvents): the call still answers.
    expect(await queue.staff.callNext(recruiter, STAND)).toBe(anna.id);
    expect(events.told).toEqual([
      {
        name: "queue.called",
        event: {
          fairId: FAIR,
          standId: STAND,
          candidateId: anna.id,
          deadline: clock.now + timings.callTimeoutMs,
        },
      },
    ]);
  });

  it("skips a candidate who is not connected, and answers null when nobody can be called", async () => {
    const { queue, online, directory, clock } = setUp();
    await queue.join(anna, STAND, []);
    await queue.join(bram, STAND, []);
    // Joining counts as being seen; only Bram's heartbeat goes on.
    clock.advance(timings.onlineWindowMs + 1);
    await online(bram);
    expect(await queue.staff.callNext(recruiter, STAND)).toBe(bram.id);
    const other = person(12, "recruiter");
    directory.addStaff(STAND, other.id);
    expect(await queue.staff.callNext(other, STAND)).toBeNull();
  });

  it("opens the interview when the called candidate accepts, and tells the recruiter", async () => {
    const { queue, interviews, notifier, online, clock } = setUp();
    await queue.join(anna, STAND, []);
    await online(anna);
    await queue.staff.callNext(recruiter, STAND);
    const { interviewId } = await queue.respond(anna, STAND, true);
    expect(interviewId).toEqual(expect.any(String));
    expect(interviews.started).toEqual([
      {
        interviewId,
        fairId: FAIR,
        standId: STAND,
        recruiterId: recruiter.id,
        candidateId: anna.id,
        startedAt: clock.now,
        // A walk-in: the stand's interview length (15 minutes unless its staff chose another).
        plannedEndsAt: clock.now + 15 * 60_000,
      },
    ]);
    expect(notifier.of("callAnswered").at(-1)).toEqual([
      "callAnswered",
      STAND,
      recruiter.id,
      { standId: STAND, candidateId: anna.id, outcome: "accepted", interviewId },
    ]);
    const [mine] = await queue.myQueues(anna);
    expect(mine).toMatchObject({ state: "interviewing", interviewId });
  });

  it("plans the interview for the stand's length, or the length the caller passes", async () => {
    const { queue, interviews, directory, online, clock } = setUp();
    const accept = async (plan?: Parameters<QueueService["respond"]>[3]) => {
      await queue.join(anna, STAND, []);
      await online(anna);
      await queue.staff.callNext(recruiter, STAND);
      const { interviewId } = await queue.respond(anna, STAND, true, plan);
      const started = interviews.started.at(-1)!;
      await queue.interviewEnded({
        id: interviewId!,
        standId: STAND,
        recruiterId: recruiter.id,
        candidateId: anna.id,
        vacancyId: null,
        status: "ended",
        startedAt: new Date(started.startedAt).toISOString(),
        plannedEndsAt: new Date(started.plannedEndsAt).toISOString(),
        endedAt: new Date(clock.now).toISOString(),
      });
      return started.plannedEndsAt - started.startedAt;
    };
    directory.addStand({ standId: STAND, fairId: FAIR, interviewMinutes: 20 });
    expect(await accept()).toBe(20 * 60_000);
    // A booked slot's call: its own length, or its own end.
    expect(await accept({ plannedMinutes: 10 })).toBe(10 * 60_000);
    expect(await accept({ plannedEndsAt: clock.now + 7 * 60_000 })).toBe(7 * 60_000);
  });

  it("counts a declined call as a no-show and takes the candidate out at the second", async () => {
    const { queue, notifier, online } = setUp();
    await queue.join(anna, STAND, []);
    await online(anna);
    await queue.staff.callNext(recruiter, STAND);
    expect(await queue.respond(anna, STAND, false)).toEqual({});
    expect((await queue.myQueues(anna))[0]).toMatchObject({ state: "waiting", noShows: 1 });
    await queue.staff.callNext(recruiter, STAND);
    await queue.respond(anna, STAND, false);
    expect(await queue.myQueues(anna)).toEqual([]);
    expect(notifier.of("removed")).toEqual([
      ["removed", anna.id, { standId: STAND, reason: "no_show" }],
    ]);
  });

  it("answers an expired call as expired, even when the candidate accepts it", async () => {
    const { queue, online, clock, interviews, notifier } = setUp();
    await queue.join(anna, STAND, []);
    await online(anna);
    await queue.staff.callNext(recruiter, STAND);
    clock.advance(timings.callTimeoutMs + 1);
    await expect(queue.respond(anna, STAND, true)).rejects.toEqual(rejection(ErrorCode.notCalled));
    expect(interviews.started).toEqual([]);
    expect(notifier.of("callAnswered").at(-1)?.[3]).toMatchObject({ outcome: "timed_out" });
  });

  it("tells the recruiter at once when the called candidate leaves instead of answering", async () => {
    const { queue, online, notifier } = setUp();
    await queue.join(anna, STAND, []);
    await online(anna);
    await queue.staff.callNext(recruiter, STAND);
    await queue.leave(anna, STAND);
    expect(notifier.of("callAnswered")).toEqual([
      [
        "callAnswered",
        STAND,
        recruiter.id,
        { standId: STAND, candidateId: anna.id, outcome: "left" },
      ],
    ]);
    await expect(queue.leave(anna, STAND)).rejects.toEqual(rejection(ErrorCode.notInQueue));
  });
});

describe("QueueService: a stand that may no longer take candidates", () => {
  it("lets recruiters neither call nor reopen at a rejected stand or a fair not live, but close", async () => {
    const { queue, directory } = setUp();
    for (const change of [{ approved: false }, { fairLive: false }]) {
      directory.addStand({ standId: STAND, fairId: FAIR, ...change });
      await expect(queue.staff.callNext(recruiter, STAND)).rejects.toEqual(
        rejection(ErrorCode.standClosed),
      );
      await expect(queue.staff.setOpen(recruiter, STAND, true)).rejects.toEqual(
        rejection(ErrorCode.standClosed),
      );
      await queue.staff.setOpen(recruiter, STAND, false);
    }
  });

  it("ends the queue: the waiting are told and taken out, an interview under way goes on", async () => {
    const { queue, notifier, online } = setUp();
    await queue.join(anna, STAND, []);
    await online(anna);
    await queue.staff.callNext(recruiter, STAND);
    await queue.respond(anna, STAND, true);
    await queue.join(bram, STAND, []);
    expect(await queue.upkeep.endStandQueue(STAND, FAIR)).toBe(true);
    expect(notifier.of("removed")).toEqual([
      ["removed", bram.id, { standId: STAND, reason: "stand_closed" }],
    ]);
    expect(await queue.myQueues(bram)).toEqual([]);
    expect((await queue.myQueues(anna))[0]).toMatchObject({ state: "interviewing" });
  });

  it("leaves an empty queue as it is", async () => {
    const { queue, notifier } = setUp();
    expect(await queue.upkeep.endStandQueue(STAND, FAIR)).toBe(false);
    expect(notifier.told).toEqual([]);
  });
});

describe("QueueService: a suspended account", () => {
  it("loses every place, a pending call is answered left, and nobody tells the cut sockets", async () => {
    const { queue, online, notifier, directory } = setUp();
    const other = OTHER_STANDS[0]!;
    directory.addStand({ standId: other, fairId: FAIR });
    await queue.join(anna, STAND, []);
    await queue.join(anna, other, []);
    await queue.join(bram, STAND, []);
    await online(anna, bram);
    await queue.staff.callNext(recruiter, STAND);
    notifier.told.length = 0;

    await queue.upkeep.endPlacesOfSuspended(anna.id);
    expect(await queue.myQueues(anna)).toEqual([]);
    expect((await queue.myQueues(bram))[0]).toMatchObject({ standId: STAND });
    expect(notifier.of("callAnswered")).toEqual([
      [
        "callAnswered",
        STAND,
        recruiter.id,
        { standId: STAND, candidateId: anna.id, outcome: "left" },
      ],
    ]);
    expect(notifier.of("removed")).toEqual([]);
  });
});
