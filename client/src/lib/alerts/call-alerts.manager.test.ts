import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createI18n } from "../i18n/i18n.setup.js";
import { FakeAttention, FakeNotifications, FakeSound, memoryStorage } from "./alerts.fakes.js";
import type { PreferenceStorage } from "./alerts.ports.js";
import {
  CALL_NOTIFICATION_TAG,
  CALL_SOUND_KEY,
  CallAlertsManager,
  CHIME_EVERY_MS,
  TITLE_FLASH_MS,
} from "./call-alerts.manager.js";

const STAND = "stand-1";
const NAMES = new Map([[STAND, "Flanders Food Factory"]]);
const BASE = "Salon transfrontalier · Crossfair";
const CALL = { standId: STAND, deadline: 1_000_000 };

function setup(options: { permission?: "granted" | "denied"; storage?: PreferenceStorage } = {}) {
  const notifications = new FakeNotifications(options.permission ?? "granted");
  const attention = new FakeAttention();
  const sound = new FakeSound();
  const i18n = createI18n("fr");
  const storage = options.storage ?? memoryStorage();
  const alerts = new CallAlertsManager({
    notifications,
    attention,
    sound,
    t: i18n.t,
    standName: (id) => NAMES.get(id),
    storage,
  });
  alerts.setBaseTitle(BASE);
  return { alerts, notifications, attention, sound, i18n, storage };
}

/** The distinct titles set during `ms` of flashing. */
function titlesOver(attention: FakeAttention, ms: number): Set<string> {
  const from = attention.titles.length;
  vi.advanceTimersByTime(ms);
  return new Set(attention.titles.slice(from));
}

describe("CallAlertsManager", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("leaves a call on a page in front to the dialog", () => {
    const { alerts, notifications, attention, sound } = setup();
    alerts.setCall(CALL);
    vi.advanceTimersByTime(5 * CHIME_EVERY_MS);
    expect(notifications.shown).toEqual([]);
    expect(sound.plays).toBe(0);
    expect(attention.title).toBe(BASE);
    expect(alerts.state.alerting).toBe(false);
  });

  it("notifies, chimes and flashes the title in the UI language when the page is behind", () => {
    const { alerts, notifications, attention, sound } = setup();
    attention.move(true);
    alerts.setCall(CALL);
    expect(alerts.state.alerting).toBe(true);
    expect(notifications.open).toEqual([
      expect.objectContaining({
        title: "Flanders Food Factory vous appelle",
        body: expect.stringContaining("Crossfair") as string,
        tag: CALL_NOTIFICATION_TAG,
      }),
    ]);
    expect(attention.title).toBe("Appel : Flanders Food Factory");
    expect(titlesOver(attention, 2 * TITLE_FLASH_MS)).toEqual(
      new Set(["Appel : Flanders Food Factory", BASE]),
    );
    expect(sound.plays).toBe(1);
    vi.advanceTimersByTime(CHIME_EVERY_MS);
    expect(sound.plays).toBe(2);
  });

  it("starts when the candidate leaves the page during a call, and ignores the call's repeats", () => {
    const { alerts, notifications, attention } = setup();
    alerts.setCall(CALL);
    attention.move(true);
    expect(notifications.open).toHaveLength(1);
    alerts.setCall({ ...CALL }); // the countdown's next tick
    expect(notifications.shown).toHaveLength(1);
  });

  it("undoes everything when the page is in front again, and notifies a call only once", () => {
    const { alerts, notifications, attention, sound } = setup();
    attention.move(true);
    alerts.setCall(CALL);
    vi.advanceTimersByTime(TITLE_FLASH_MS); // the title is the base one now…
    vi.advanceTimersByTime(TITLE_FLASH_MS); // …and the flash one again
    attention.move(false);
    expect(notifications.open).toEqual([]);
    expect(attention.title).toBe(BASE);
    expect(sound.stops).toBe(1);
    expect(alerts.state.alerting).toBe(false);
    const plays = sound.plays;
    expect(titlesOver(attention, 3 * CHIME_EVERY_MS)).toEqual(new Set());
    expect(sound.plays).toBe(plays);

    // Away again during the same call: the flash and chime, but no second notification.
    attention.move(true);
    expect(alerts.state.alerting).toBe(true);
    expect(attention.title).toBe("Appel : Flanders Food Factory");
    expect(sound.plays).toBe(plays + 1);
    expect(notifications.shown).toHaveLength(1);
  });

  it("undoes everything when the call ends while the page is behind", () => {
    const { alerts, notifications, attention, sound } = setup();
    attention.move(true);
    alerts.setCall(CALL);
    alerts.setCall(null);
    expect(notifications.open).toEqual([]);
    expect(attention.title).toBe(BASE);
    expect(sound.stops).toBe(1);
    expect(alerts.state.alerting).toBe(false);
    // The next call is notified again.
    alerts.setCall({ standId: STAND, deadline: CALL.deadline + 60_000 });
    expect(notifications.shown).toHaveLength(2);
  });

  it("replaces the notification of an earlier call by its tag", () => {
    const { alerts, notifications, attention } = setup();
    attention.move(true);
    alerts.setCall(CALL);
    alerts.setCall({ standId: "stand-2", deadline: CALL.deadline });
    expect(notifications.shown).toHaveLength(2);
    expect(notifications.open).toEqual([
      expect.objectContaining({ title: "Un stand vous appelle" }),
    ]);
    expect(attention.title).toBe("Appel : Flanders Food Factory"); // until the next flash
    expect(titlesOver(attention, 2 * TITLE_FLASH_MS)).toContain("On vous appelle");
  });

  it("focuses the page and closes the notification when it is clicked", () => {
    const { alerts, notifications, attention } = setup();
    attention.move(true);
    alerts.setCall(CALL);
    notifications.open[0]?.click();
    expect(attention.focusCalls).toBe(1);
    expect(notifications.open).toEqual([]);
    // The focus event that follows ends the rest.
    attention.move(false);
    expect(attention.title).toBe(BASE);
  });

  it("keeps the sound off once muted, remembered on the device, while the rest still alerts", () => {
    const storage = memoryStorage();
    const { alerts, attention, sound, notifications } = setup({ storage });
    attention.move(true);
    alerts.setCall(CALL);
    expect(sound.plays).toBe(1);
    alerts.toggleMuted();
    expect(alerts.state.muted).toBe(true);
    expect(sound.stops).toBe(1);
    vi.advanceTimersByTime(3 * CHIME_EVERY_MS);
    expect(sound.plays).toBe(1);
    expect(notifications.open).toHaveLength(1);
    expect(alerts.state.alerting).toBe(true);
    expect(storage.getItem(CALL_SOUND_KEY)).toBe("muted");

    const later = setup({ storage });
    expect(later.alerts.state.muted).toBe(true);
    later.attention.move(true);
    later.alerts.setCall(CALL);
    expect(later.sound.plays).toBe(0);
    expect(later.notifications.open).toHaveLength(1);
    // Sound back on during the call: it chimes at once.
    later.alerts.toggleMuted();
    expect(later.sound.plays).toBe(1);
    expect(storage.getItem(CALL_SOUND_KEY)).toBe("on");
  });

  it("still flashes and chimes without the notification permission", () => {
    const { alerts, notifications, attention, sound } = setup({ permission: "denied" });
    attention.move(true);
    alerts.setCall(CALL);
    expect(notifications.shown).toEqual([]);
    expect(attention.title).toBe("Appel : Flanders Food Factory");
    expect(sound.plays).toBe(1);
  });

  it("ends a flash on the title the page has now, in the language of the moment", () => {
    const { alerts, attention, i18n } = setup();
    attention.move(true);
    alerts.setCall(CALL);
    alerts.setBaseTitle("Grensoverschrijdende beurs · Crossfair");
    expect(attention.title).toBe("Appel : Flanders Food Factory"); // the flash is not cut
    i18n.setLanguage("nl");
    expect(titlesOver(attention, 2 * TITLE_FLASH_MS)).toEqual(
      new Set(["Grensoverschrijdende beurs · Crossfair", "Oproep: Flanders Food Factory"]),
    );
    attention.move(false);
    expect(attention.title).toBe("Grensoverschrijdende beurs · Crossfair");
  });

  it("restores everything when destroyed", () => {
    const { alerts, notifications, attention, sound } = setup();
    attention.move(true);
    alerts.setCall(CALL);
    alerts.destroy();
    expect(notifications.open).toEqual([]);
    expect(attention.title).toBe(BASE);
    expect(sound.stops).toBe(1);
    attention.move(false);
    attention.move(true);
    expect(notifications.shown).toHaveLength(1);
  });
});
