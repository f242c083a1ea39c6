/**
 * Hostile socket sequences, beyond hostile bodies: random interleavings of
 * queue and interview events from two candidates and two recruiters, out of
 * order and replayed (answers to calls never made, calls while busy, ends of
 * interviews already ended, closing and reopening mid-call), then events on
 * a new socket after a drop, and huge or deeply nested payloads under the
 * 64 KB cap. Every ack is typed (never `internal`), nothing crashes, and the
 * queue keeps its rules: no recruiter holds two calls, no candidate is called
 * or in an interview at two stands, and nobody waits in more queues than the
 * fair's cap.
 */
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startQueueFixture, type QueueFixture } from "./queue/queue-fixture.js";
import type { TestSocket } from "../support/socket-client.js";

type Untyped = {
  timeout(ms: number): { emitWithAck(event: string, payload?: unknown): Promise<unknown> };
};
type Ack = { ok: boolean; code?: string; interviewId?: string };
interface Step {
  kind: "candidate" | "recruiter" | "interview";
  who: number;
  stand: number;
  event: string;
  flag: boolean;
}

const STANDS = ["Flanders Food Factory", "Interim Grensregio"];
const CANDIDATES = ["candidate@crossfair.test", "kandidaat@crossfair.test"];
const RECRUITERS = ["recruiter@crossfair.test", "standadmin@crossfair.test"];

describe("hostile socket sequences", () => {
  let fixture: QueueFixture;
  let candidates: TestSocket[];
  let recruiters: TestSocket[];
  const interviewIds = new Set<string>();
  const codes = new Map<string, number>();

  const send = async (socket: TestSocket, event: string, payload?: unknown): Promise<Ack> => {
    const answer = (await (socket as unknown as Untyped)
      .timeout(5_000)
      .emitWithAck(event, payload)) as Ack;
    if (!answer.ok) {
      expect(answer.code, `${event} ${JSON.stringify(payload)}`).toMatch(/^[a-z_]+$/);
      expect(answer.code, `${event} ${JSON.stringify(payload)}`).not.toBe("internal");
      codes.set(answer.code!, (codes.get(answer.code!) ?? 0) + 1);
    }
    if (answer.interviewId) interviewIds.add(answer.interviewId);
    return answer;
  };

  beforeAll(async () => {
    fixture = await startQueueFixture();
    candidates = await Promise.all(CANDIDATES.map((email) => fixture.connectAs(email)));
    recruiters = await Promise.all(RECRUITERS.map((email) => fixture.connectAs(email)));
  });
  afterAll(async () => fixture?.dispose());

  /** The queue's rules, read from the store itself. */
  const checkRules = async () => {
    const entries = (
      await Promise.all(
        STANDS.map(async (name) => {
          const snapshot = await fixture.app.queueStore.standSnapshot(fixture.ref(name));
          return snapshot.entries.map((entry) => ({ ...entry, stand: name }));
        }),
      )
    ).flat();
    const busy = entries.filter(
      (entry) => entry.state === "called" || entry.state === "interviewing",
    );
    const byRecruiter = new Map<string, number>();
    for (const entry of busy) {
      if (entry.recruiterId)
        byRecruiter.set(entry.recruiterId, (byRecruiter.get(entry.recruiterId) ?? 0) + 1);
    }
    expect(
      [...byRecruiter.values()].every((count) => count <= 1),
      "a recruiter with two calls",
    ).toBe(true);
    const busyCandidates = busy.map((entry) => entry.candidateId);
    expect(new Set(busyCandidates).size, "a candidate busy at two stands").toBe(
      busyCandidates.length,
    );
  };

  const action = fc.oneof(
    fc.record({
      kind: fc.constant("candidate" as const),
      who: fc.nat(1),
      stand: fc.nat(1),
      event: fc.constantFrom(
        "queue:join",
        "queue:leave",
        "queue:snooze",
        "queue:respond",
        "queue:mine",
      ),
      flag: fc.boolean(),
    }),
    fc.record({
      kind: fc.constant("recruiter" as const),
      who: fc.nat(1),
      stand: fc.nat(1),
      event: fc.constantFrom(
        "staff:console",
        "staff:callNext",
        "staff:pause",
        "staff:open",
        "staff:closeConsole",
      ),
      flag: fc.boolean(),
    }),
    fc.record({
      kind: fc.constant("interview" as const),
      who: fc.nat(3),
      stand: fc.nat(1),
      event: fc.constantFrom("interview:join", "interview:end", "interview:leave"),
      flag: fc.boolean(),
    }),
  );

  const run = async (step: Step) => {
    const standId = fixture.standId(STANDS[step.stand]!);
    if (step.kind === "candidate") {
      const socket = candidates[step.who]!;
      const payload =
        step.event === "queue:join"
          ? { standId, consentToShareProfile: true }
          : step.event === "queue:snooze"
            ? { standId, snoozed: step.flag }
            : step.event === "queue:respond"
              ? { standId, accept: step.flag }
              : step.event === "queue:mine"
                ? {}
                : { standId };
      await send(socket, step.event, payload);
    } else if (step.kind === "recruiter") {
      const socket = recruiters[step.who]!;
      const payload =
        step.event === "staff:pause"
          ? { standId, paused: step.flag }
          : step.event === "staff:open"
            ? { standId, open: step.flag }
            : { standId };
      await send(socket, step.event, payload);
    } else {
      const socket = [...candidates, ...recruiters][step.who]!;
      const known = [...interviewIds];
      const interviewId =
        known.length > 0 && step.flag ? known[known.length - 1]! : crypto.randomUUID();
      await send(socket, step.event, { interviewId });
    }
  };

  it("answers random interleavings with typed acks and keeps the queue's rules", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 20, maxLength: 60 }), async (steps) => {
        for (const step of steps) await run(step);
        await checkRules();
      }),
      { numRuns: 40 },
    );
    // The sequences did reach the rules, not only the validation.
    for (const code of ["not_in_queue", "not_called"])
      expect(codes.get(code) ?? 0, code).toBeGreaterThan(0);
    expect((await fixture.app.http.inject({ url: "/readyz" })).statusCode).toBe(200);
  });

  it("answers on a new socket after a drop, with typed errors for what no longer holds", async () => {
    const standId = fixture.standId(STANDS[0]!);
    const recruiter = recruiters[0]!;
    await send(recruiter, "staff:open", { standId, open: true });
    await send(recruiter, "staff:console", { standId });
    const dropped = await fixture.connectAs(CANDIDATES[0]!);
    await send(dropped, "queue:leave", { standId });
    await send(dropped, "queue:join", { standId, consentToShareProfile: true });
    await send(recruiter, "staff:callNext", { standId });
    dropped.disconnect();
    const again = await fixture.connectAs(CANDIDATES[0]!);
    // Answering twice: the first answer counts, the replay is a typed error.
    const first = await send(again, "queue:respond", { standId, accept: false });
    const replay = await send(again, "queue:respond", { standId, accept: false });
    expect(first.ok || first.code === "not_called").toBe(true);
    expect(replay).toMatchObject({ ok: false, code: "not_called" });
    await checkRules();
  });

  it("survives huge and deeply nested payloads under the 64 KB cap", async () => {
    // A fresh socket: the sequences above have spent the others' event budgets.
    const socket = await fixture.connectAnonymous();
    const standId = fixture.standId(STANDS[0]!);
    const huge = "x".repeat(30_000);
    expect(
      await send(socket, "queue:join", { standId, answers: [{ questionId: huge, answer: huge }] }),
    ).toMatchObject({ ok: false, code: "validation_failed" });
    // Nested deeper than the client's own encoder can write: sent as raw Socket.io packets.
    const { port } = fixture.app.http.server.address() as AddressInfo;
    const raw = io(`http://127.0.0.1:${port}`, { transports: ["websocket"], reconnection: false });
    await new Promise<void>((resolve) => raw.once("connect", () => resolve()));
    const rawAck = (id: number, event: string, argument: string) =>
      new Promise<unknown>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ack ${id}`)), 5_000);
        const onMessage = (data: unknown) => {
          // Socket.io's ACK packet (type 3) inside an engine.io message.
          if (typeof data !== "string" || !data.startsWith(`3${id}[`)) return;
          clearTimeout(timer);
          raw.io.engine.off("message", onMessage);
          resolve((JSON.parse(data.slice(`3${id}`.length)) as unknown[])[0]);
        };
        raw.io.engine.on("message", onMessage);
        // An EVENT packet (type 2) with its ack id, written as is.
        raw.io.engine.send(`2${id}["${event}",${argument}]`);
      });
    const deepObject = `${'{"a":'.repeat(10_000)}{}${"}".repeat(10_000)}`;
    const deepArray = `${"[".repeat(25_000)}${"]".repeat(25_000)}`;
    expect(deepObject.length + deepArray.length).toBeLessThan(64 * 1024 * 2);
    expect(await rawAck(9, "system:ping", '{"sentAt":1}')).toMatchObject({ ok: true });
    expect(await rawAck(1, "queue:join", deepObject)).toMatchObject({
      ok: false,
      code: "validation_failed",
    });
    expect(await rawAck(2, "system:ping", deepArray)).toMatchObject({
      ok: false,
      code: "validation_failed",
    });
    raw.close();
    expect(await send(socket, "system:ping", { sentAt: Date.now() })).toMatchObject({ ok: true });
    expect((await fixture.app.http.inject({ url: "/readyz" })).statusCode).toBe(200);
  });
});
