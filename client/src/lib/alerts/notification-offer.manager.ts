/**
 * Owns asking a candidate, once, whether the page may notify them when they
 * are called. Joining a queue or booking a slot calls `offer()`; the page
 * then shows its own explanation with "Allow notifications" and "Not now",
 * and only "Allow" asks the browser, from inside that click. Whatever the
 * answer, it is remembered on this device and never asked again; nothing is
 * offered when the browser has no Notification API or the choice is already
 * made (granted or blocked).
 */
import { StateStore } from "../store/state-store.js";
import {
  readPreference,
  writePreference,
  type NotificationPort,
  type PreferenceStorage,
} from "./alerts.ports.js";

export const NOTIFICATION_OFFER_KEY = "crossfair.notifications.offered";

export interface NotificationOfferState {
  /** The explanation with its two buttons is on screen. */
  visible: boolean;
}

export interface NotificationOfferOptions {
  notifications: NotificationPort;
  storage?: PreferenceStorage;
}

export class NotificationOfferManager extends StateStore<NotificationOfferState> {
  readonly #notifications: NotificationPort;
  readonly #storage: PreferenceStorage | undefined;
  /** Answered on this page, for when storage cannot keep it. */
  #answered = false;

  constructor({ notifications, storage }: NotificationOfferOptions) {
    super({ visible: false });
    this.#notifications = notifications;
    this.#storage = storage;
  }

  /** After a join or a booking: shows the explanation if asking still makes sense. */
  offer(): void {
    if (this.state.visible || this.#answered) return;
    if (this.#notifications.permission() !== "default") return;
    if (readPreference(this.#storage, NOTIFICATION_OFFER_KEY) !== null) return;
    this.set({ visible: true });
  }

  /** "Allow notifications": the browser's own prompt follows; its answer is the browser's to keep. */
  async allow(): Promise<void> {
    this.#answer("allowed");
    try {
      await this.#notifications.requestPermission();
    } catch {
      // An old browser or a blocked prompt: the candidate still sees the call in the page.
    }
  }

  /** "Not now": no prompt, and no second offer. */
  notNow(): void {
    this.#answer("declined");
  }

  #answer(answer: "allowed" | "declined"): void {
    this.#answered = true;
    writePreference(this.#storage, NOTIFICATION_OFFER_KEY, answer);
    this.set({ visible: false });
  }
}
