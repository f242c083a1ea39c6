/**
 * Owns reaching a candidate whose tab is not in front when a stand calls
 * them: a notification naming the stand (once per call, replacing any
 * earlier one by its tag; clicking it brings the tab to the front), a short
 * chime every few seconds unless the candidate muted it, and the document
 * title flashing "Called: <stand>". All of it runs only while a call waits
 * and the page is hidden or unfocused, and all of it is undone the moment
 * the page is in front again or the call ends (answered, declined, missed).
 *
 * It also owns the page's normal title (`setBaseTitle`), so a flash always
 * ends on the title the page should have now, and the mute setting, kept on
 * this device. The queue manager tells it the call (`setCall`); the browser
 * is reached only through the facades in `alerts.ports.ts`.
 */
import type { Readable } from "svelte/store";
import type { Translate } from "../i18n/i18n.setup.js";
import { StateStore } from "../store/state-store.js";
import {
  readPreference,
  writePreference,
  type AlertSound,
  type NotificationPort,
  type PageAttention,
  type PreferenceStorage,
  type ShownNotification,
} from "./alerts.ports.js";

export const CALL_SOUND_KEY = "crossfair.callSound";
/** One tag for every call notification, so a new one replaces the last. */
export const CALL_NOTIFICATION_TAG = "crossfair-call";
/** How long each of the two titles stays while flashing. */
export const TITLE_FLASH_MS = 1_000;
/** How often the chime repeats while the call waits. */
export const CHIME_EVERY_MS = 3_000;

export interface CallAlertsState {
  /** The candidate turned the call sound off (remembered on this device). */
  muted: boolean;
  /** A call waits and the page is in the background: the alerts are running. */
  alerting: boolean;
}

/** The call as the queue manager holds it: a new deadline is a new call. */
export interface AlertedCall {
  standId: string;
  deadline: number;
}

export interface AlertTimers {
  /** Runs `run` every `ms` until the returned stop is called. */
  every(run: () => void, ms: number): () => void;
}

export interface CallAlertsOptions {
  notifications: NotificationPort;
  attention: PageAttention;
  sound: AlertSound;
  /** The UI language's messages; the alerts speak the language of the moment. */
  t: Readable<Translate>;
  /** The stand's name as the hall shows it, when the hall is loaded. */
  standName: (standId: string) => string | undefined;
  storage?: PreferenceStorage;
  timers?: AlertTimers;
}

// Looked up at call time, so fake timers installed later still apply.
const GLOBAL_TIMERS: AlertTimers = {
  every(run, ms) {
    const handle = setInterval(run, ms);
    return () => clearInterval(handle);
  },
};

export class CallAlertsManager extends StateStore<CallAlertsState> {
  readonly #notifications: NotificationPort;
  readonly #attention: PageAttention;
  readonly #sound: AlertSound;
  readonly #standName: (standId: string) => string | undefined;
  readonly #storage: PreferenceStorage | undefined;
  readonly #timers: AlertTimers;
  readonly #detach: (() => void)[];

  #t: Translate | undefined;
  #call: AlertedCall | null = null;
  #baseTitle = "";
  /** The call last notified, so coming back and leaving again does not notify twice. */
  #notifiedCall: string | null = null;
  #notification: ShownNotification | null = null;
  #stopFlash: (() => void) | null = null;
  #stopChime: (() => void) | null = null;

  constructor(options: CallAlertsOptions) {
    super({
      muted: readPreference(options.storage, CALL_SOUND_KEY) === "muted",
      alerting: false,
    });
    this.#notifications = options.notifications;
    this.#attention = options.attention;
    this.#sound = options.sound;
    this.#standName = options.standName;
    this.#storage = options.storage;
    this.#timers = options.timers ?? GLOBAL_TIMERS;
    this.#detach = [
      options.t.subscribe((t) => (this.#t = t)),
      this.#attention.onChange(() => this.#refresh()),
    ];
  }

  /** The waiting call, or null once it is answered, declined or gone. Repeats are ignored. */
  setCall(call: AlertedCall | null): void {
    if (keyOf(call) === keyOf(this.#call)) return;
    this.#call = call;
    this.#refresh();
  }

  /** The title the page has when nothing calls; shown at once unless a flash is on. */
  setBaseTitle(title: string): void {
    this.#baseTitle = title;
    if (!this.#stopFlash) this.#attention.setTitle(title);
  }

  setMuted(muted: boolean): void {
    writePreference(this.#storage, CALL_SOUND_KEY, muted ? "muted" : "on");
    this.update({ muted });
    this.#syncChime();
  }

  toggleMuted(): void {
    this.setMuted(!this.state.muted);
  }

  destroy(): void {
    for (const detach of this.#detach) detach();
    this.#stopAll();
  }

  #refresh(): void {
    const call = this.#call;
    if (!call || !this.#attention.inBackground()) {
      if (!call) this.#notifiedCall = null;
      this.#stopAll();
      return;
    }
    if (this.#notifiedCall !== keyOf(call)) {
      this.#notifiedCall = keyOf(call);
      this.#notify(call);
    }
    this.#startFlash();
    if (!this.state.alerting) this.update({ alerting: true });
    this.#syncChime();
  }

  #notify(call: AlertedCall): void {
    this.#notification?.close();
    const stand = this.#standName(call.standId);
    const t = this.#t;
    if (!t) return;
    this.#notification = this.#notifications.show(
      stand ? t("alerts.notificationTitle", { stand }) : t("alerts.notificationTitleNoStand"),
      { body: t("alerts.notificationBody"), tag: CALL_NOTIFICATION_TAG },
      () => {
        this.#attention.focus();
        this.#closeNotification();
      },
    );
  }

  #startFlash(): void {
    if (this.#stopFlash) return;
    let flashing = true;
    this.#attention.setTitle(this.#flashTitle());
    this.#stopFlash = this.#timers.every(() => {
      flashing = !flashing;
      this.#attention.setTitle(flashing ? this.#flashTitle() : this.#baseTitle);
    }, TITLE_FLASH_MS);
  }

  #flashTitle(): string {
    const stand = this.#call ? this.#standName(this.#call.standId) : undefined;
    if (!this.#t) return this.#baseTitle;
    return stand ? this.#t("alerts.flashTitle", { stand }) : this.#t("alerts.flashTitleNoStand");
  }

  /** The chime rings while alerting and not muted, at once and then every few seconds. */
  #syncChime(): void {
    const ring = this.state.alerting && !this.state.muted;
    if (ring && !this.#stopChime) {
      this.#sound.play();
      this.#stopChime = this.#timers.every(() => this.#sound.play(), CHIME_EVERY_MS);
    } else if (!ring && this.#stopChime) {
      this.#stopChime();
      this.#stopChime = null;
      this.#sound.stop();
    }
  }

  #closeNotification(): void {
    this.#notification?.close();
    this.#notification = null;
  }

  #stopAll(): void {
    this.#closeNotification();
    if (this.#stopFlash) {
      this.#stopFlash();
      this.#stopFlash = null;
      this.#attention.setTitle(this.#baseTitle);
    }
    if (this.state.alerting) this.update({ alerting: false });
    this.#syncChime();
  }
}

function keyOf(call: AlertedCall | null): string | null {
  return call ? `${call.standId}:${call.deadline}` : null;
}
