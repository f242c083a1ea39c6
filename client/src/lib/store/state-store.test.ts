import { get } from "svelte/store";
import { describe, expect, it } from "vitest";
import { LatestRequest, StateStore } from "./state-store.js";

interface Counter {
  count: number;
  label: string;
}

class CounterStore extends StateStore<Counter> {
  constructor() {
    super({ count: 0, label: "zero" });
  }
  bump(): void {
    this.update((state) => ({ ...state, count: state.count + 1 }));
  }
  rename(label: string): void {
    this.update({ label });
  }
  reset(): void {
    this.set({ count: 0, label: "zero" });
  }
}

describe("StateStore", () => {
  it("starts with its initial state, readable synchronously and by subscription", () => {
    const store = new CounterStore();
    expect(store.state).toEqual({ count: 0, label: "zero" });
    expect(get(store)).toEqual({ count: 0, label: "zero" });
  });

  it("tells subscribers of every change, patch or function", () => {
    const store = new CounterStore();
    const seen: Counter[] = [];
    const stop = store.subscribe((state) => seen.push(state));
    store.bump();
    store.rename("one");
    store.reset();
    stop();
    store.bump();
    expect(seen).toEqual([
      { count: 0, label: "zero" },
      { count: 1, label: "zero" },
      { count: 1, label: "one" },
      { count: 0, label: "zero" },
    ]);
    expect(store.state).toEqual({ count: 1, label: "zero" });
  });
});

describe("LatestRequest", () => {
  it("keeps only the latest started request current", () => {
    const requests = new LatestRequest();
    const first = requests.start();
    expect(first.isLatest()).toBe(true);
    const second = requests.start();
    expect(first.isLatest()).toBe(false);
    expect(second.isLatest()).toBe(true);
    expect(requests.current).toBe(second);
  });

  it("makes every request stale on cancel", () => {
    const requests = new LatestRequest();
    const token = requests.start();
    const joined = requests.current;
    requests.cancel();
    expect(token.isLatest()).toBe(false);
    expect(joined.isLatest()).toBe(false);
    expect(requests.current.isLatest()).toBe(true);
  });

  it("drops a late answer of a superseded request", async () => {
    const requests = new LatestRequest();
    const applied: string[] = [];
    const ask = async (answer: string, delay: number) => {
      const token = requests.start();
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (token.isLatest()) applied.push(answer);
    };
    await Promise.all([ask("slow", 20), ask("fast", 1)]);
    expect(applied).toEqual(["fast"]);
  });
});
