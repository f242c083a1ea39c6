import { describe, expect, it, vi } from "vitest";
import { browserNotifications } from "./alerts.browser.js";
import { createCallChime } from "./call-chime.js";

/** Just the parts of a window the facades read. */
function windowWith(parts: Record<string, unknown>): Window {
  return { document: { documentElement: { lang: "nl" } }, ...parts } as unknown as Window;
}

class FakeNotification {
  static permission: NotificationPermission = "granted";
  static made: FakeNotification[] = [];
  static requestPermission = vi.fn(() => Promise.resolve<NotificationPermission>("granted"));
  onclick: ((event: { preventDefault(): void }) => void) | null = null;
  closed = false;

  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.made.push(this);
  }

  close(): void {
    this.closed = true;
  }
}

describe("browserNotifications", () => {
  it("reads a missing Notification API as unsupported and shows nothing", async () => {
    const port = browserNotifications(windowWith({}));
    expect(port.permission()).toBe("unsupported");
    await expect(port.requestPermission()).resolves.toBe("unsupported");
    expect(port.show("title", { body: "body", tag: "tag" }, () => undefined)).toBeNull();
  });

  it("shows a notification in the page's language and hands its click over", () => {
    FakeNotification.permission = "granted";
    const port = browserNotifications(windowWith({ Notification: FakeNotification }));
    const onClick = vi.fn();
    const shown = port.show("Flanders Food Factory roept u op", { body: "b", tag: "t" }, onClick);
    const made = FakeNotification.made.at(-1);
    expect(made?.options).toEqual({ body: "b", tag: "t", lang: "nl" });
    const preventDefault = vi.fn();
    made?.onclick?.({ preventDefault });
    expect(onClick).toHaveBeenCalledOnce();
    expect(preventDefault).toHaveBeenCalledOnce();
    shown?.close();
    expect(made?.closed).toBe(true);
  });

  it("shows nothing without permission, or when the constructor throws (Android)", () => {
    FakeNotification.permission = "default";
    const port = browserNotifications(windowWith({ Notification: FakeNotification }));
    expect(port.show("t", { body: "b", tag: "t" }, () => undefined)).toBeNull();
    class Throwing extends FakeNotification {
      constructor() {
        super("", {});
        throw new TypeError("Illegal constructor");
      }
    }
    Throwing.permission = "granted";
    const android = browserNotifications(windowWith({ Notification: Throwing }));
    expect(android.show("t", { body: "b", tag: "t" }, () => undefined)).toBeNull();
  });
});

class FakeOscillator {
  static all: FakeOscillator[] = [];
  readonly frequency = { value: 0 };
  type = "";
  started: number | null = null;
  stoppedAt: number[] = [];
  onended: (() => void) | null = null;
  constructor() {
    FakeOscillator.all.push(this);
  }
  connect<T>(node: T): T {
    return node;
  }
  disconnect(): void {}
  start(at: number): void {
    this.started = at;
  }
  stop(at?: number): void {
    this.stoppedAt.push(at ?? -1);
  }
}

class FakeAudioContext {
  static made = 0;
  state = "running";
  currentTime = 10;
  readonly destination = {};
  constructor() {
    FakeAudioContext.made += 1;
  }
  createOscillator() {
    return new FakeOscillator();
  }
  createGain() {
    const param = { setValueAtTime: vi.fn(), exponentialRampToValueAtTime: vi.fn() };
    return { gain: param, connect: <T>(node: T) => node, disconnect: () => undefined };
  }
  resume() {
    return Promise.resolve();
  }
}

describe("createCallChime", () => {
  it("plays two short rising notes on one audio context, and stop silences them", () => {
    const chime = createCallChime(windowWith({ AudioContext: FakeAudioContext }));
    chime.play();
    chime.play();
    expect(FakeAudioContext.made).toBe(1);
    const [first, second] = FakeOscillator.all;
    expect(first?.frequency.value).toBeLessThan(second?.frequency.value ?? 0);
    expect(first?.started).toBeGreaterThan(10);
    // Each note ends by itself within half a second.
    expect((first?.stoppedAt[0] ?? 99) - (first?.started ?? 0)).toBeLessThan(0.5);
    chime.stop();
    expect(FakeOscillator.all.every((oscillator) => oscillator.stoppedAt.includes(-1))).toBe(true);
  });

  it("stays silent without Web Audio", () => {
    const chime = createCallChime(windowWith({}));
    expect(() => {
      chime.play();
      chime.stop();
    }).not.toThrow();
  });
});
