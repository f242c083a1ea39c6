/**
 * The browser entry: builds the long-lived services once (language, realtime
 * connection, hall loader) and hands them to the component tree.
 */
import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";
import { ConnectionManager, type NetworkSignal } from "./lib/connection/connection.manager.js";
import { createAppSocket } from "./lib/connection/connection.socket.js";
import { createHallStore } from "./lib/hall/hall.store.js";
import { createI18n } from "./lib/i18n/i18n.setup.js";
import { createLanguagePreference } from "./lib/i18n/language.preference.js";

/** Even reading `window.localStorage` throws when storage is blocked. */
function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

const browserNetwork: NetworkSignal = {
  isOnline: () => navigator.onLine,
  onChange(listener) {
    const online = () => listener(true);
    const offline = () => listener(false);
    window.addEventListener("online", online);
    window.addEventListener("offline", offline);
    return () => {
      window.removeEventListener("online", online);
      window.removeEventListener("offline", offline);
    };
  },
};

const preference = createLanguagePreference(browserStorage(), navigator.languages);
const i18n = createI18n(preference.initial, (language) => preference.remember(language));
const connection = new ConnectionManager(createAppSocket(), { network: browserNetwork });
const hall = createHallStore();
void hall.load();

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");

export default mount(App, { target, props: { i18n, connection, hall } });
