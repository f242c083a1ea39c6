/**
 * The candidate's agenda in Chromium: a slot published by the stand admin
 * and booked by the demo candidate shows on the agenda at its time on the
 * fair's clocks, with the zone named; a queue joined on a stand's page shows
 * there with its live place; the booking is cancelled from the agenda. The
 * demo fair is first opened tomorrow, since its seeded hours may be over.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { FairHall, MyBooking, PublishedSlots } from "@crossfair/shared";
import { seriousA11yViolations } from "../support/accessibility.js";
import { artifactsDir, chromiumAvailable } from "../support/browser.js";
import { pageApi } from "../support/browser-pages.js";
import { useBrowserFair } from "../support/browser-suite.js";
import { fairDate } from "../support/slots.js";

const available = await chromiumAvailable();

describe.runIf(available)("the candidate's agenda in Chromium", () => {
  const fair = useBrowserFair({ MEDIA_WORKERS: "0" });
  const { openPage, pageErrors, signIn } = fair;

  it("shows a booked slot and a queue place, and cancels the booking", async () => {
    const tomorrow = fairDate(1);
    const admin = await openPage();
    await signIn(admin, "admin@crossfair.test", "Fair Admin");
    const hall = (await pageApi<FairHall>(admin, "GET", "/api/fairs/current/hall")).body;
    const opened = await pageApi(admin, "PATCH", `/api/admin/fairs/${hall.fair.slug}`, {
      openingHours: [{ date: tomorrow, opens: "09:00", closes: "17:00" }],
    });
    expect(opened.status).toBe(200);
    const standOf = (name: string) => hall.stands.find((s) => s.organisationName === name)!.id;
    const logistics = standOf("Hainaut Logistique");
    const food = standOf("Flanders Food Factory");

    // Staff publish a slot tomorrow at 10:30 (Brussels); the candidate books it.
    const julien = await openPage();
    await signIn(julien, "standadmin@crossfair.test", "Julien Lemaire");
    const published = await pageApi<PublishedSlots>(
      julien,
      "POST",
      `/api/stands/${logistics}/slots`,
      { date: tomorrow, from: "10:30", to: "10:45", lengthMinutes: 15, recruiterId: null },
    );
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    const camille = await openPage();
    await signIn(camille, "candidate@crossfair.test", "Camille Dubois");
    const booking = await pageApi<MyBooking>(
      camille,
      "POST",
      `/api/slots/${published.body.slots[0]!.id}/booking`,
      { consentToShareProfile: true },
    );
    expect(booking.status, JSON.stringify(booking.body)).toBe(201);

    // The account menu leads to the agenda: the slot at 10:30 on the fair's clocks, zone named.
    await camille.getByTestId("agenda-link").click();
    const slot = camille.locator(`[data-testid=agenda-slot][data-booking-id="${booking.body.id}"]`);
    await slot.waitFor({ timeout: 15_000 });
    expect(await slot.getByTestId("agenda-slot-time").textContent()).toContain("10:30–10:45");
    expect(await slot.getByTestId("agenda-next").textContent()).toContain("10:30");
    expect(await slot.locator("time").first().getAttribute("datetime")).toBe(booking.body.startsAt);
    const upcoming = camille.getByTestId("agenda-upcoming");
    expect(await upcoming.textContent()).toContain("Europe/Brussels");
    expect(await slot.getAttribute("data-phase")).toBe("booked");

    // A queue joined on a stand's page shows on the agenda with its place.
    await camille.goto(`${fair.baseUrl}/#/stands/${food}`);
    await camille.getByTestId("join-form").waitFor({ timeout: 15_000 });
    await camille.getByTestId("join-consent").check();
    await camille.getByTestId("join-submit").click();
    await camille.locator(`[data-testid=my-queue][data-stand-id="${food}"]`).waitFor();
    await camille.getByTestId("agenda-link").click();
    const place = camille.locator(`[data-testid=agenda-queue][data-stand-id="${food}"]`);
    await place.waitFor({ timeout: 15_000 });
    await expect
      .poll(() => place.getByTestId("agenda-queue-position").textContent(), { timeout: 15_000 })
      .toMatch(/1/);
    expect(await seriousA11yViolations(camille)).toEqual([]);
    await camille.screenshot({ path: path.join(artifactsDir, "agenda.png"), fullPage: true });

    // Cancelled from the agenda, after a confirmation; the slot leaves it.
    await slot.getByTestId("agenda-cancel").click();
    await slot.getByTestId("agenda-confirm-cancel").click();
    await expect.poll(() => slot.count(), { timeout: 15_000 }).toBe(0);
    // Focus does not fall to the page's top with the slot: it lands on the section's heading.
    expect(await camille.evaluate(() => document.activeElement?.tagName)).toBe("H3");
    expect(await camille.getByTestId("agenda-outcome").textContent()).not.toBe("");
    const mine = await pageApi<{ bookings: MyBooking[] }>(camille, "GET", "/api/me/bookings");
    expect(mine.body.bookings.find((entry) => entry.id === booking.body.id)?.status).toBe(
      "cancelled",
    );

    expect(pageErrors).toEqual([]);
  });
});
