import { describe, expect, it, vi } from "vitest";
import { parseAck, socketLink, type LinkSocket } from "./connection.link.js";

const STAND = "0f8fad5b-d9cb-469f-a165-70867728950e";

type Listener = (...args: never[]) => void;

class RawSocket implements LinkSocket {
  connected = true;
  readonly listeners = new Map<string, Set<Listener>>();
  emitted: { event: string; payload: unknown; timeoutMs: number }[] = [];
  answer: () => Promise<unknown> = async () => ({ ok: true });

  on(event: string, listener: Listener) {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener);
    this.listeners.set(event, set);
  }
  off(event: string, listener: Listener) {
    this.listeners.get(event)?.delete(listener);
  }
  timeout(timeoutMs: number) {
    return {
      emitWithAck: (event: string, payload: unknown) => {
        this.emitted.push({ event, payload, timeoutMs });
        return this.answer();
      },
    };
  }
  fire(event: string, payload?: unknown) {
    for (const listener of this.listeners.get(event) ?? [])
      (listener as (p: unknown) => void)(payload);
  }
}

describe("socket link", () => {
  it("sends requests with a timeout and passes a valid ack on", async () => {
    const raw = new RawSocket();
    raw.answer = async () => ({ ok: true, candidateId: null });
    const link = socketLink(raw, 1_234);
    expect(await link.request("staff:callNext", { standId: STAND })).toEqual({
      ok: true,
      candidateId: null,
    });
    expect(raw.emitted).toEqual([
      { event: "staff:callNext", payload: { standId: STAND }, timeoutMs: 1_234 },
    ]);
  });

  it("turns a timeout into unavailable and a malformed ack into internal", async () => {
    const raw = new RawSocket();
    const link = socketLink(raw);
    raw.answer = async () => {
      throw new Error("operation has timed out");
    };
    expect(await link.request("queue:mine", {})).toMatchObject({ ok: false, code: "unavailable" });
    raw.answer = async () => ({ ok: true, queues: "many" });
    expect(await link.request("queue:mine", {})).toMatchObject({ ok: false, code: "internal" });
    expect(parseAck("queue:leave", { ok: false, code: "not_in_queue" })).toEqual({
      ok: false,
      code: "not_in_queue",
    });
  });

  it("delivers only well-formed server events, and unsubscribes", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const raw = new RawSocket();
    const link = socketLink(raw);
    const seen: unknown[] = [];
    const stop = link.on("queue:removed", (payload) => seen.push(payload));
    raw.fire("queue:removed", { standId: STAND, reason: "nonsense" });
    raw.fire("queue:removed", { standId: STAND, reason: "no_show" });
    stop();
    raw.fire("queue:removed", { standId: STAND, reason: "left" });
    expect(seen).toEqual([{ standId: STAND, reason: "no_show" }]);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it("signals every connection", () => {
    const raw = new RawSocket();
    let connects = 0;
    const stop = socketLink(raw).onConnect(() => (connects += 1));
    raw.fire("connect");
    raw.fire("connect");
    stop();
    raw.fire("connect");
    expect(connects).toBe(2);
  });

  it("signals connections and drops, and checks interview acks like any other", async () => {
    const raw = new RawSocket();
    const link = socketLink(raw);
    const seen: boolean[] = [];
    const stop = link.onConnection((connected) => seen.push(connected));
    raw.fire("connect");
    raw.fire("disconnect");
    stop();
    raw.fire("connect");
    expect(seen).toEqual([true, false]);
    raw.answer = async () => ({ ok: true, unexpected: "shape" });
    expect(await link.request("interview:join", { interviewId: STAND })).toMatchObject({
      ok: false,
      code: "internal",
    });
  });
});
