/**
 * In-memory stand-ins for the browser facades of `alerts.ports.ts`, for the
 * alert managers' unit tests: they record what was shown, played and set,
 * and let a test move the page to the back or the front.
 */
import type {
  AlertSound,
  NotificationPermissionState,
  NotificationPort,
  PageAttention,
  PreferenceStorage,
} from "./alerts.ports.js";

export interface FakeNotification {
  title: string;
  body: string;
  tag: string;
  open: boolean;
  click(): void;
}

export class FakeNotifications implements NotificationPort {
  readonly shown: FakeNotification[] = [];
  requests = 0;
  /** What the browser's prompt will answer. */
  answer: NotificationPermissionState = "granted";

  constructor(public current: NotificationPermissionState = "granted") {}

  permission(): NotificationPermissionState {
    return this.current;
  }

  requestPermission(): Promise<NotificationPermissionState> {
    this.requests += 1;
    this.current = this.answer;
    return Promise.resolve(this.current);
  }

  show(title: string, options: { body: string; tag: string }, onClick: () => void) {
    if (this.current !== "granted") return null;
    const notification: FakeNotification = {
      title,
      ...options,
      open: true,
      click: () => onClick(),
    };
    // Like the browser: the same tag replaces the one shown.
    for (const other of this.shown) if (other.tag === options.tag) other.open = false;
    this.shown.push(notification);
    return { close: () => (notification.open = false) };
  }

  get open(): FakeNotification[] {
    return this.shown.filter((notification) => notification.open);
  }
}

export class FakeAttention implements PageAttention {
  background = false;
  title = "";
  readonly titles: string[] = [];
  focusCalls = 0;
  readonly #listeners = new Set<() => void>();

  inBackground(): boolean {
    return this.background;
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  focus(): void {
    this.focusCalls += 1;
  }

  setTitle(title: string): void {
    this.title = title;
    this.titles.push(title);
  }

  /** The candidate switches to another tab (true) or back (false). */
  move(background: boolean): void {
    this.background = background;
    for (const listener of this.#listeners) listener();
  }
}

export class FakeSound implements AlertSound {
  plays = 0;
  stops = 0;

  play(): void {
    this.plays += 1;
  }

  stop(): void {
    this.stops += 1;
  }
}

export function memoryStorage(entries: Record<string, string> = {}): PreferenceStorage & {
  entries: Record<string, string>;
} {
  return {
    entries,
    getItem: (key) => entries[key] ?? null,
    setItem: (key, value) => {
      entries[key] = value;
    },
  };
}
