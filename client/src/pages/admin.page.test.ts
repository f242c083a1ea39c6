import { describe, expect, it } from "vitest";
import { FairManager } from "../lib/admin/fair.manager.js";
import { PagedListManager } from "../lib/admin/paged-list.js";
import { createHallStore } from "../lib/hall/hall.store.js";
import { HallQueuesManager } from "../lib/hall/hall.queues.js";
import { QueueManager } from "../lib/queue/queue.manager.js";
import { StaffConsoleManager } from "../lib/queue/staff-console.manager.js";
import { FakeLink } from "../lib/connection/connection.link.fake.js";
import { createSessionStore } from "../lib/session/session.store.js";
import { OperationsManager } from "../lib/admin/operations.manager.js";
import { FakeAttention, FakeNotifications, FakeSound } from "../lib/alerts/alerts.fakes.js";
import { CallAlertsManager } from "../lib/alerts/call-alerts.manager.js";
import { NotificationOfferManager } from "../lib/alerts/notification-offer.manager.js";
import { createI18n } from "../lib/i18n/i18n.setup.js";
import { buildFair, buildFairs, buildLive, buildOperations, buildReport } from "./admin.page.js";
import { build as buildConsole } from "./console.page.js";
import { WebinarRemindersManager } from "../lib/webinars/webinar-reminders.manager.js";
import { WebinarsApi } from "../lib/webinars/webinars.api.js";
import type { PageServices } from "./page.services.js";

// Nothing here is asked: building a page only makes its managers.
const unused = () => Promise.reject(new Error("no request expected while building"));

function services(): PageServices {
  const link = new FakeLink();
  return {
    fetch: unused,
    session: createSessionStore({ fetch: unused }),
    hall: createHallStore({ fetch: unused }),
    hallQueues: new HallQueuesManager(link),
    queue: new QueueManager(link),
    staffConsole: new StaffConsoleManager(link),
    notificationOffer: new NotificationOfferManager({ notifications: new FakeNotifications() }),
    callAlerts: new CallAlertsManager({
      notifications: new FakeNotifications(),
      attention: new FakeAttention(),
      sound: new FakeSound(),
      t: createI18n("en").t,
      standName: () => undefined,
    }),
    webinarReminders: new WebinarRemindersManager(new WebinarsApi(unused), link),
  };
}

describe("page modules", () => {
  it("build each admin page's managers for its route", () => {
    const app = services();
    expect(buildFairs().page.fairs).toBeInstanceOf(PagedListManager);

    const fair = buildFair(app, { slug: "job-day" });
    expect(fair.page.fair).toBeInstanceOf(FairManager);
    expect(fair.page.stands).not.toBe(fair.page.registrations);

    expect(buildLive(app, { slug: "job-day" }).page.slug).toBe("job-day");
    expect(buildReport(app, { slug: "job-day" }).page.reports.csv.report).toContain("job-day");
    expect(buildOperations().page.operations).toBeInstanceOf(OperationsManager);
  });

  it("give the console its own managers per page, and the app's long-lived console", () => {
    const app = services();
    const first = buildConsole(app, { standId: "s1" });
    const second = buildConsole(app, { standId: "s1" });
    expect(first.staffConsole).toBe(app.staffConsole);
    expect(first.interviews.list).not.toBe(second.interviews.list);
    expect(first.standApplications).not.toBe(first.interviews.candidateApplications);
  });
});
