/**
 * The browser entry: builds the long-lived services once (language, realtime
 * connection, hall loader, session, router, queue managers, the alerts that
 * reach a called candidate) and hands them to the component tree.
 */
import { mount } from "svelte";
import { get } from "svelte/store";
import App from "./App.svelte";
import "./app.css";
import { createBrowserAlerts } from "./lib/alerts/alerts.setup.js";
import { socketLink } from "./lib/connection/connection.link.js";
import { ConnectionManager, type NetworkSignal } from "./lib/connection/connection.manager.js";
import { createAppSocket } from "./lib/connection/connection.socket.js";
import { HallQueuesManager } from "./lib/hall/hall.queues.js";
import { createHallStore } from "./lib/hall/hall.store.js";
import { createI18n } from "./lib/i18n/i18n.setup.js";
import { createLanguagePreference } from "./lib/i18n/language.preference.js";
import { QueueManager } from "./lib/queue/queue.manager.js";
import { StaffConsoleManager } from "./lib/queue/staff-console.manager.js";
import { createRouter } from "./lib/router/router.js";
import { createSessionStore } from "./lib/session/session.store.js";
import { WebinarRemindersManager } from "./lib/webinars/webinar-reminders.manager.js";
import { WebinarsApi } from "./lib/webinars/webinars.api.js";

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

const storage = browserStorage();
const preference = createLanguagePreference(storage, navigator.languages);
const i18n = createI18n(preference.initial, (language) => {
  preference.remember(language);
  // A signed-in user's choice follows them to their next sign-in, on any device.
  const user = session.user;
  if (user && user.uiLanguage !== language) void session.updateAccount({ uiLanguage: language });
});
const socket = createAppSocket();
const connection = new ConnectionManager(socket, { network: browserNetwork });
const hall = createHallStore();
void hall.load();

const link = socketLink(socket);
const router = createRouter(window);
const queue = new QueueManager(link);
const hallQueues = new HallQueuesManager(link);
const staffConsole = new StaffConsoleManager(link);
// The server tells both the candidate and the recruiter when their interview starts.
queue.onInterviewStarted((interviewId) => router.navigate({ name: "interview", interviewId }));
const { notificationOffer, callAlerts } = createBrowserAlerts(window, {
  t: i18n.t,
  standName(standId) {
    const state = get(hall);
    return state.status === "ready"
      ? state.hall.stands.find((stand) => stand.id === standId)?.organisationName
      : undefined;
  },
  storage,
});
// A join is when being called becomes likely: the page offers notifications then (bookings too).
queue.onJoined(() => notificationOffer.offer());
queue.subscribe(({ call }) =>
  callAlerts.setCall(call && { standId: call.standId, deadline: call.deadline }),
);
const session = createSessionStore({
  onUserChange(user) {
    if (user) i18n.setLanguage(user.uiLanguage);
    // The socket authenticated with the old cookie when it connected; only a
    // new connection lets the server see the new user.
    socket.disconnect();
    connection.reconnect();
    if (!socket.active) socket.connect(); // it was still connecting: reconnect() had nothing to retry
  },
});
// The registered sessions starting soon: pushed by the server, and read at sign-in.
const webinarReminders = new WebinarRemindersManager(new WebinarsApi(), link);
session.subscribe((state) => {
  const candidate = state.status === "signedIn" && state.user.role === "candidate";
  queue.setCandidate(candidate);
  void webinarReminders.setCandidate(candidate);
});
void session.load();
// A socket the server cut may mean the session ended elsewhere (signed out everywhere, a
// password change, a suspension): the tab asks, and signs out if nobody is signed in now.
socket.on("disconnect", (reason) => {
  if (reason === "io server disconnect") void session.recheck();
});

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");

export default mount(App, {
  target,
  props: {
    i18n,
    connection,
    router,
    services: {
      fetch: globalThis.fetch.bind(globalThis),
      session,
      hall,
      hallQueues,
      queue,
      staffConsole,
      notificationOffer,
      callAlerts,
      webinarReminders,
    },
  },
});
