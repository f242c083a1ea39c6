/**
 * Watching what a page does to reach a person, without replacing it: an init
 * script wraps the browser's own Notification constructor, `window.focus`,
 * `Notification.requestPermission` and the oscillators' start, recording each
 * call and then doing what the browser does; the document title's changes are
 * recorded as they happen. And moving a page to the background for real:
 * Playwright makes every page believe it has focus, so the page's focus
 * emulation is turned off and another page of its context is brought to front.
 */
import type { Page } from "playwright-core";

export interface RecordedNotification {
  title: string;
  body: string;
  tag: string;
  shown: boolean;
  closed: boolean;
}

export interface RecordedAlerts {
  notifications: RecordedNotification[];
  permissionRequests: number;
  focusCalls: number;
  oscillatorStarts: number;
  titles: string[];
}

declare global {
  interface Window {
    __alerts: RecordedAlerts;
    __notifications: Notification[];
  }
}

/** Runs in the page before its own scripts (an init script, which the page's CSP does not govern). */
function recordAlerts(): void {
  const record: RecordedAlerts = {
    notifications: [],
    permissionRequests: 0,
    focusCalls: 0,
    oscillatorStarts: 0,
    titles: [],
  };
  window.__alerts = record;
  window.__notifications = [];

  const Real = window.Notification;
  class Recorded extends Real {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      const entry: RecordedNotification = {
        title,
        body: options?.body ?? "",
        tag: options?.tag ?? "",
        shown: false,
        closed: false,
      };
      record.notifications.push(entry);
      window.__notifications.push(this);
      this.addEventListener("show", () => (entry.shown = true));
      this.addEventListener("close", () => (entry.closed = true));
      const close = this.close.bind(this);
      this.close = () => {
        entry.closed = true;
        close();
      };
    }

    static override get permission(): NotificationPermission {
      return Real.permission;
    }

    static override requestPermission(): Promise<NotificationPermission> {
      record.permissionRequests += 1;
      return Real.requestPermission();
    }
  }
  window.Notification = Recorded;

  const focus = window.focus.bind(window);
  window.focus = () => {
    record.focusCalls += 1;
    focus();
  };

  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (this: OscillatorNode, when?: number) {
    record.oscillatorStarts += 1;
    start.call(this, when);
  };

  new MutationObserver(() => {
    if (record.titles.at(-1) !== document.title) record.titles.push(document.title);
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

/** Call before the page's first navigation. */
export async function recordPageAlerts(page: Page): Promise<void> {
  await page.addInitScript(recordAlerts);
}

export const recordedAlerts = (page: Page): Promise<RecordedAlerts> =>
  page.evaluate(() => window.__alerts);

export const pageHasFocus = (page: Page): Promise<boolean> =>
  page.evaluate(() => document.hasFocus());

/**
 * Sends `page` to the background: another tab of its browser context comes to the front.
 * Returns what brings it back.
 */
export async function sendToBackground(page: Page): Promise<() => Promise<void>> {
  const session = await page.context().newCDPSession(page);
  await session.send("Emulation.setFocusEmulationEnabled", { enabled: false });
  const other = await page.context().newPage();
  await other.bringToFront();
  return () => page.bringToFront();
}
