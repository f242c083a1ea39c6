/**
 * A booked slot from end to end in Chromium: the recruiter publishes a slot
 * starting within the minute and one an hour later, the candidate books both
 * on the stand's page and gets the confirmation (in the development mailbox),
 * reads another tab; when the first slot starts the second's hour reminder
 * arrives, and the candidate is called as a walk-in is: the
 * notification, the incoming-call dialog; accepting opens the interview, both
 * get each other's video through mediasoup, and both count down the slot's
 * remaining time. The slot is real time (the server's timers run on the wall
 * clock), so the test waits for it: less than a minute and a half.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { FairHall, Mailbox, StaffSlot } from "@crossfair/shared";
import { chromiumAvailable } from "../support/browser.js";
import {
  pageHasFocus,
  recordPageAlerts,
  recordedAlerts,
  sendToBackground,
} from "../support/browser-alerts.js";
import { UUID_PATTERN, pageApi } from "../support/browser-pages.js";
import { useBrowserFair } from "../support/browser-suite.js";
import { expectMediaArriving, joinInterview } from "../support/interview-media.js";
import { FAIR_ZONE } from "../support/slots.js";

const available = await chromiumAvailable();
/** Enough for the candidate to sign in and book before the slot starts. */
const LEAD_MS = 30_000;

interface SlotTimes {
  start: number;
  date: string;
  from: string;
  to: string;
}

/** A 10-minute slot from the next whole minute at least `LEAD_MS` away (plus `laterMs`), on the fair's clocks. */
function nextSlot(laterMs = 0): SlotTimes {
  const start = Math.ceil((Date.now() + LEAD_MS) / 60_000) * 60_000 + laterMs;
  const on = (at: number) =>
    new Intl.DateTimeFormat("en-GB", {
      timeZone: FAIR_ZONE,
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(new Date(at));
  const date = new Intl.DateTimeFormat("en-CA", { timeZone: FAIR_ZONE }).format(new Date(start));
  return { start, date, from: on(start), to: on(start + 10 * 60_000) };
}

describe.runIf(available)("a booked slot in Chromium", () => {
  const fair = useBrowserFair(
    {
      MEDIA_WORKERS: "1",
      MEDIA_PORT_MIN: "42400",
      MEDIA_PORT_MAX: "42499",
      QUEUE_HEARTBEAT_SECONDS: "1",
    },
    { permissions: ["camera", "microphone"] },
  );
  const { openPage, signIn, pageErrors } = fair;

  async function timerShows(page: Page): Promise<string | null> {
    const timer = page.getByTestId("interview-timer");
    await expect.poll(() => timer.getAttribute("data-stage"), { timeout: 10_000 }).toBe("running");
    return page.getByTestId("interview-timer-clock").textContent();
  }

  it("books, confirms, calls the candidate at slot time in a background tab, and opens the interview", async () => {
    const slot = nextSlot();
    // A second slot an hour later: its hour's reminder is due when the first one starts.
    const later = nextSlot(3_600_000);
    const admin = await openPage();
    await signIn(admin, "admin@crossfair.test", "Fair Admin");
    const hall = (await pageApi<FairHall>(admin, "GET", "/api/fairs/current/hall")).body;
    const days = [...new Set([slot.date, later.date])];
    const opened = await pageApi(admin, "PATCH", `/api/admin/fairs/${hall.fair.slug}`, {
      openingHours: days.map((date) => ({ date, opens: "00:00", closes: "23:59" })),
    });
    expect(opened.status).toBe(200);
    const food = hall.stands.find((s) => s.organisationName === "Flanders Food Factory")!.id;
    const settings = await pageApi(admin, "PUT", `/api/stands/${food}/booking-settings`, {
      interviewMinutes: 15,
      bookingsPerCandidate: 2,
      bookingCutoffMinutes: 60,
    });
    expect(settings.status).toBe(200);

    // Lotte publishes a 10-minute slot of her own, and keeps her console open.
    const lotte = await openPage();
    await signIn(lotte, "recruiter@crossfair.test", "Lotte Peeters");
    const me = (await pageApi<{ user: { id: string } }>(lotte, "GET", "/api/auth/me")).body;
    for (const times of [slot, later]) {
      const { date, from, to } = times;
      const published = await pageApi<{ slots: StaffSlot[] }>(
        lotte,
        "POST",
        `/api/stands/${food}/slots`,
        { date, from, to, lengthMinutes: 10, recruiterId: me.user.id },
      );
      expect(published.status).toBe(201);
    }
    await lotte.goto(`${fair.baseUrl}/#/console/${food}`);
    await lotte.getByTestId("staff-call-next").waitFor({ timeout: 15_000 });

    // Camille books it on the stand's page.
    const camille = await openPage();
    await camille.context().grantPermissions(["notifications"], { origin: fair.baseUrl });
    await recordPageAlerts(camille);
    await signIn(camille, "candidate@crossfair.test", "Camille Dubois");
    await camille.goto(`${fair.baseUrl}/#/stands/${food}`);
    const section = camille.getByTestId("book-slot");
    for (const times of [slot, later]) {
      const free = section.getByTestId("free-slot").filter({ hasText: `${times.from}–` });
      await free.first().waitFor({ timeout: 15_000 });
      await free.first().getByTestId("book-slot-button").click();
      await expect
        .poll(() => section.getByTestId("book-slot-outcome").getAttribute("data-kind"))
        .toBe("booked");
    }
    expect(Date.now()).toBeLessThan(slot.start);

    // A confirmation for each is in her mailbox, in French.
    const confirmation = (times: SlotTimes) =>
      expect.objectContaining({ language: "fr", text: expect.stringContaining(times.from) });
    await expect
      .poll(
        async () => {
          const box = (await pageApi<Mailbox>(admin, "GET", "/api/admin/mailbox")).body;
          return box.messages.filter(
            (m) => m.kind === "bookingConfirmed" && m.to === "candidate@crossfair.test",
          );
        },
        { timeout: 10_000 },
      )
      .toEqual(expect.arrayContaining([confirmation(slot), confirmation(later)]));

    // She reads another tab; at slot time the call reaches her there.
    const bringBack = await sendToBackground(camille);
    await expect.poll(() => pageHasFocus(camille)).toBe(false);
    const call = camille.getByTestId("incoming-call");
    await call
      .getByTestId("incoming-call-accept")
      .waitFor({ timeout: slot.start - Date.now() + 20_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(slot.start);
    await expect
      .poll(async () => (await recordedAlerts(camille)).notifications, { timeout: 10_000 })
      .toEqual([expect.objectContaining({ title: "Flanders Food Factory vous appelle" })]);
    // The later slot's reminder came with it, in French.
    await expect
      .poll(
        async () => {
          const box = (await pageApi<Mailbox>(admin, "GET", "/api/admin/mailbox")).body;
          return box.messages.filter(
            (m) => m.kind === "bookingReminder" && m.to === "candidate@crossfair.test",
          );
        },
        { timeout: 15_000 },
      )
      .toEqual([
        expect.objectContaining({ language: "fr", text: expect.stringContaining(later.from) }),
      ]);
    // Lotte's console shows whom it is calling, and that it is a booked slot.
    await expect.poll(() => lotte.getByTestId("staff-queue-booked").count()).toBe(1);

    await bringBack();
    await call.getByTestId("incoming-call-accept").click();
    const interviewUrl = new RegExp(`#/interview/${UUID_PATTERN}$`);
    await expect.poll(() => camille.url(), { timeout: 15_000 }).toMatch(interviewUrl);
    await expect.poll(() => lotte.url(), { timeout: 15_000 }).toMatch(interviewUrl);
    await joinInterview(camille);
    await joinInterview(lotte);
    await expectMediaArriving(camille);
    await expectMediaArriving(lotte);
    // Both count down what is left of the 10-minute slot.
    for (const page of [camille, lotte]) {
      expect(await timerShows(page)).toMatch(/^(10:00|0\d:[0-5]\d)$/);
    }
    expect(pageErrors).toEqual([]);
    // The slot is real time: up to 90 s of waiting for it, besides the rest.
  }, 240_000);
});
