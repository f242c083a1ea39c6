/**
 * What the alert managers need from the browser, as small facades: the
 * Notification API, the page's attention (is it in front, bring it to front,
 * its title), a sound, and storage for what the candidate chose. The browser
 * versions are in `alerts.browser.ts` and `call-chime.ts`; unit tests give
 * the fakes in `alerts.fakes.ts`.
 */

/** `unsupported` when the Notification API is missing (some phones, embedded views). */
export type NotificationPermissionState = NotificationPermission | "unsupported";

export interface ShownNotification {
  close(): void;
}

export interface NotificationPort {
  permission(): NotificationPermissionState;
  /** Must run inside the click that asked for it, or browsers refuse to prompt. */
  requestPermission(): Promise<NotificationPermissionState>;
  /** Shows a notification; null when the browser would not (no permission, or it threw). */
  show(
    title: string,
    options: { body: string; tag: string },
    onClick: () => void,
  ): ShownNotification | null;
}

export interface PageAttention {
  /** True while the tab is hidden or the window has no focus: the candidate may not see it. */
  inBackground(): boolean;
  /** Calls back when that may have changed (visibility, focus, blur); returns the stop. */
  onChange(listener: () => void): () => void;
  /** Asks the browser to bring the tab to the front (allowed from a notification's click). */
  focus(): void;
  setTitle(title: string): void;
}

export interface AlertSound {
  /** One short chime; fire and forget. */
  play(): void;
  /** Silences a chime still sounding. */
  stop(): void;
}

export type PreferenceStorage = Pick<Storage, "getItem" | "setItem">;

/** Storage may be missing or throw (private browsing): then nothing is remembered. */
export function readPreference(storage: PreferenceStorage | undefined, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function writePreference(
  storage: PreferenceStorage | undefined,
  key: string,
  value: string,
): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // Not remembered this time; the choice still holds for this page.
  }
}
