import { describe, expect, it } from "vitest";
import { FakeNotifications, memoryStorage } from "./alerts.fakes.js";
import type { PreferenceStorage } from "./alerts.ports.js";
import { NOTIFICATION_OFFER_KEY, NotificationOfferManager } from "./notification-offer.manager.js";

function offerWith(
  permission: ConstructorParameters<typeof FakeNotifications>[0] = "default",
  storage: PreferenceStorage = memoryStorage(),
) {
  const notifications = new FakeNotifications(permission);
  return {
    notifications,
    storage,
    offer: new NotificationOfferManager({ notifications, storage }),
  };
}

describe("NotificationOfferManager", () => {
  it("offers after a join while the browser has not been asked", () => {
    const { offer, notifications } = offerWith("default");
    expect(offer.state.visible).toBe(false);
    offer.offer();
    expect(offer.state.visible).toBe(true);
    // Showing the explanation never prompts by itself.
    expect(notifications.requests).toBe(0);
  });

  it.each(["granted", "denied", "unsupported"] as const)(
    "offers nothing when the permission is %s",
    (permission) => {
      const { offer } = offerWith(permission);
      offer.offer();
      expect(offer.state.visible).toBe(false);
    },
  );

  it("asks the browser only on allow, then never offers again on this device", async () => {
    const { offer, notifications, storage } = offerWith("default");
    notifications.answer = "default"; // the candidate closed the browser's prompt
    offer.offer();
    await offer.allow();
    expect(notifications.requests).toBe(1);
    expect(offer.state.visible).toBe(false);
    expect(storage.getItem(NOTIFICATION_OFFER_KEY)).toBe("allowed");
    offer.offer();
    expect(offer.state.visible).toBe(false);
    const nextPage = new NotificationOfferManager({ notifications, storage });
    nextPage.offer();
    expect(nextPage.state.visible).toBe(false);
  });

  it("remembers 'not now' without prompting", () => {
    const { offer, notifications, storage } = offerWith("default");
    offer.offer();
    offer.notNow();
    expect(offer.state.visible).toBe(false);
    expect(notifications.requests).toBe(0);
    const nextPage = new NotificationOfferManager({ notifications, storage });
    nextPage.offer();
    expect(nextPage.state.visible).toBe(false);
  });

  it("asks once per page when storage refuses to keep the answer", () => {
    const refusing: PreferenceStorage = {
      getItem: () => {
        throw new Error("blocked");
      },
      setItem: () => {
        throw new Error("blocked");
      },
    };
    const { offer } = offerWith("default", refusing);
    offer.offer();
    expect(offer.state.visible).toBe(true);
    offer.notNow();
    offer.offer();
    expect(offer.state.visible).toBe(false);
  });

  it("survives a browser whose prompt throws", async () => {
    const { offer, notifications } = offerWith("default");
    notifications.requestPermission = () => Promise.reject(new Error("no prompt"));
    offer.offer();
    await expect(offer.allow()).resolves.toBeUndefined();
    expect(offer.state.visible).toBe(false);
  });
});
