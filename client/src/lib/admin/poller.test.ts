import { describe, expect, it } from "vitest";
import type { HttpResult } from "../http/http.client.js";
import { Poller, type PollerTimers, type VisibilitySignal } from "./poller.js";

/** A hand-driven clock: timers fire only when the test advances time. */
class FakeTimers implements PollerTimers {
  time = 0;
  #next = 1;
  readonly pending = new Map<number, { at: number; callback: () => void }>();
  setTimeout(callback: () => void, ms: number): number {
    const id = this.#next++;
    this.pending.set(id, { at: this.time + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  now(): number {
    return this.time;
  }
  /** Moves the clock and fires what became due. */
  async advance(ms: number): Promise<void> {
    this.time += ms;
    for (const [id, timer] of [...this.pending]) {
      if (timer.at <= this.time) {
        this.pending.delete(id);
        timer.callback();
      }
    }
    await settle();
  }
  delays(): number[] {
    return [...this.pending.values()].map((timer) => timer.at - this.time);
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

class FakeVisibility implements VisibilitySignal {
  visible = true;
  readonly listeners = new Set<(visible: boolean) => void>();
  isVisible() {
    return this.visible;
  }
  onChange(listener: (visible: boolean) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  set(visible: boolean) {
    this.visible = visible;
    for (const listener of this.listeners) listener(visible);
  }
}

function setup(answers: () => HttpResult<number>, visibility?: VisibilitySignal) {
  const timers = new FakeTimers();
  const seen: HttpResult<number>[] = [];
  let requests = 0;
  const poller = new Poller<number>({
    intervalMs: 3_000,
    timers,
    ...(visibility ? { visibility } : {}),
    request: async () => {
      requests += 1;
      return answers();
    },
    onAnswer: (answer) => seen.push(answer),
  });
  return { poller, timers, seen, requests: () => requests };
}

describe("poller", () => {
  it("asks at once, then every interval", async () => {
    let n = 0;
    const { poller, timers, seen } = setup(() => ({ ok: true, data: ++n }));
    poller.start();
    await settle();
    expect(seen).toEqual([{ ok: true, data: 1 }]);
    expect(timers.delays()).toEqual([3_000]);
    await timers.advance(2_999);
    expect(seen).toHaveLength(1);
    await timers.advance(1);
    await timers.advance(3_000);
    expect(seen.map((answer) => answer.ok && answer.data)).toEqual([1, 2, 3]);
  });

  it("never runs two requests at once and counts the interval from the request's start", async () => {
    const timers = new FakeTimers();
    let release: (() => void) | undefined;
    let requests = 0;
    const poller = new Poller<number>({
      intervalMs: 3_000,
      timers,
      request: () => {
        requests += 1;
        return new Promise((resolve) => {
          release = () => resolve({ ok: true, data: requests });
        });
      },
      onAnswer: () => undefined,
    });
    poller.start();
    poller.start(); // starting twice is one poller
    await timers.advance(10_000);
    expect(requests).toBe(1);
    expect(timers.pending.size).toBe(0);
    timers.time += 1_000; // the answer took a second…
    release?.();
    await settle();
    expect(timers.delays()).toEqual([0]); // …of a 3 s interval long passed: ask again now
  });

  it("waits longer after failures, up to the cap, and recovers after a success", async () => {
    let fail = true;
    const { poller, timers } = setup(() =>
      fail ? { ok: false, code: "unavailable", message: "down" } : { ok: true, data: 1 },
    );
    poller.start();
    await settle();
    expect(timers.delays()).toEqual([6_000]);
    await timers.advance(6_000);
    expect(timers.delays()).toEqual([12_000]);
    await timers.advance(12_000);
    expect(timers.delays()).toEqual([12_000]); // capped at 4 × 3 s
    fail = false;
    await timers.advance(12_000);
    expect(timers.delays()).toEqual([3_000]);
  });

  it("turns a throwing request into a failed answer", async () => {
    const timers = new FakeTimers();
    const seen: HttpResult<number>[] = [];
    const poller = new Poller<number>({
      intervalMs: 1_000,
      timers,
      request: () => Promise.reject(new Error("boom")),
      onAnswer: (answer) => seen.push(answer),
    });
    poller.start();
    await settle();
    expect(seen[0]).toMatchObject({ ok: false, code: "internal" });
  });

  it("drops an answer that arrives after stop and schedules nothing more", async () => {
    const timers = new FakeTimers();
    const seen: unknown[] = [];
    let release: (() => void) | undefined;
    const poller = new Poller<number>({
      intervalMs: 3_000,
      timers,
      request: () => new Promise((resolve) => (release = () => resolve({ ok: true, data: 1 }))),
      onAnswer: (answer) => seen.push(answer),
    });
    poller.start();
    poller.stop();
    release?.();
    await settle();
    expect(seen).toEqual([]);
    expect(timers.pending.size).toBe(0);
    expect(poller.running).toBe(false);
  });

  it("pauses while the page is hidden and asks again when it shows", async () => {
    const visibility = new FakeVisibility();
    const { poller, timers, requests } = setup(() => ({ ok: true, data: 1 }), visibility);
    poller.start();
    await settle();
    expect(requests()).toBe(1);
    visibility.set(false);
    expect(timers.pending.size).toBe(0);
    await timers.advance(60_000);
    expect(requests()).toBe(1);
    visibility.set(true);
    await settle();
    expect(requests()).toBe(2);
    poller.stop();
    expect(visibility.listeners.size).toBe(0);
  });

  it("does not start asking while hidden", async () => {
    const visibility = new FakeVisibility();
    visibility.visible = false;
    const { poller, requests } = setup(() => ({ ok: true, data: 1 }), visibility);
    poller.start();
    await settle();
    expect(requests()).toBe(0);
    visibility.set(true);
    await settle();
    expect(requests()).toBe(1);
  });
});
