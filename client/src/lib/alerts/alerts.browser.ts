/**
 * The browser's side of the alert facades: the Notification API (which may
 * be missing, or throw when constructed, as on Android where only a service
 * worker may show one) and the page's attention (visibility, window focus,
 * the document title).
 */
import type {
  NotificationPermissionState,
  NotificationPort,
  PageAttention,
} from "./alerts.ports.js";

type NotificationWindow = Window & { Notification?: typeof Notification };

export function browserNotifications(win: NotificationWindow): NotificationPort {
  const api = win.Notification;
  const permission = (): NotificationPermissionState => (api ? api.permission : "unsupported");
  return {
    permission,
    async requestPermission() {
      if (!api) return "unsupported";
      // Older Safari answers through a callback and returns nothing; the permission tells.
      await api.requestPermission();
      return permission();
    },
    show(title, { body, tag }, onClick) {
      if (!api || api.permission !== "granted") return null;
      try {
        const notification = new api(title, { body, tag, lang: win.document.documentElement.lang });
        notification.onclick = (event) => {
          event.preventDefault(); // we focus the tab ourselves
          onClick();
        };
        return { close: () => notification.close() };
      } catch {
        return null;
      }
    },
  };
}

export function browserAttention(win: Window): PageAttention {
  const doc = win.document;
  return {
    inBackground: () => doc.hidden || !doc.hasFocus(),
    onChange(listener) {
      doc.addEventListener("visibilitychange", listener);
      win.addEventListener("focus", listener);
      win.addEventListener("blur", listener);
      return () => {
        doc.removeEventListener("visibilitychange", listener);
        win.removeEventListener("focus", listener);
        win.removeEventListener("blur", listener);
      };
    },
    focus: () => win.focus(),
    setTitle(title) {
      doc.title = title;
    },
  };
}
