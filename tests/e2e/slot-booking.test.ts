/**
 * Booked interview slots in Chromium: the stand admin publishes slots from
 * the console's Slots panel, a candidate books one on the stand's page (the
 * times on the fair's clocks), and the stand admin sees the booking with the
 * candidate's name, online while their page is open, in the day the panel
 * turned to on publishing. The demo fair is first opened on the coming days,
 * since its seeded hours may be over.
 */
import { describe, expect, it } from "vitest";
import type { FairHall } from "@crossfair/shared";
import { chromiumAvailable } from "../support/browser.js";
import { pageApi } from "../support/browser-pages.js";
import { useBrowserFair } from "../support/browser-suite.js";
import { fairDate } from "../support/slots.js";

const available = await chromiumAvailable();

describe.runIf(available)("booking an interview slot in Chromium", () => {
  const fair = useBrowserFair({ MEDIA_WORKERS: "0" });
  const { openPage, pageErrors, signIn } = fair;

  it("lets staff publish slots, a candidate book one and staff see who booked", async () => {
    const tomorrow = fairDate(1);
    const admin = await openPage();
    await signIn(admin, "admin@crossfair.test", "Fair Admin");
    const hall = (await pageApi<FairHall>(admin, "GET", "/api/fairs/current/hall")).body;
    const opened = await pageApi(admin, "PATCH", `/api/admin/fairs/${hall.fair.slug}`, {
      openingHours: [{ date: tomorrow, opens: "09:00", closes: "17:00" }],
    });
    expect(opened.status).toBe(200);
    const standId = hall.stands.find((s) => s.organisationName === "Hainaut Logistique")!.id;

    // The stand admin publishes two 15-minute slots for themselves, tomorrow 10:00–10:30.
    const julien = await openPage();
    await signIn(julien, "standadmin@crossfair.test", "Julien Lemaire");
    await julien.goto(`${fair.baseUrl}/#/console/${standId}`);
    const panel = julien.getByTestId("slots-panel");
    await panel.getByTestId("slots-date").selectOption(tomorrow);
    await panel.getByTestId("slots-from").fill("10:00");
    await panel.getByTestId("slots-to").fill("10:30");
    await panel.getByTestId("slots-length").selectOption("15");
    await panel.getByTestId("slots-publish").click();
    await expect.poll(() => panel.getByTestId("staff-slot").count()).toBe(2);
    expect(await panel.getByTestId("slots-outcome").textContent()).toContain("2");

    // The candidate books the first one on the stand's page, at 10:00 on the fair's clocks.
    const camille = await openPage();
    await signIn(camille, "candidate@crossfair.test", "Camille Dubois");
    await camille.goto(`${fair.baseUrl}/#/stands/${standId}`);
    const section = camille.getByTestId("book-slot");
    await expect.poll(() => section.getByTestId("free-slot").count()).toBe(2);
    expect(await section.getByTestId("free-slot").first().textContent()).toContain("10:00–10:15");
    await section.getByTestId("book-slot-button").first().click();
    await expect
      .poll(() => section.getByTestId("book-slot-outcome").getAttribute("data-kind"))
      .toBe("booked");
    await expect.poll(() => section.getByTestId("my-slot-booking").count()).toBe(1);
    // One booking per stand: no more book buttons, and the stand says why.
    expect(await section.getByTestId("booking-full").count()).toBe(1);
    expect(await section.getByTestId("book-slot-button").count()).toBe(0);

    // The stand admin sees who booked.
    await panel.getByRole("button", { name: /Actualiser|Refresh/ }).click();
    const booked = panel.locator("[data-testid=staff-slot][data-booked=yes]");
    await expect.poll(() => booked.count()).toBe(1);
    expect(await booked.textContent()).toContain("Camille Dubois");
    // Camille's page is open: she is at the fair, said in words; her slot is tomorrow, not late.
    const present = booked.getByTestId("staff-slot-present");
    await expect.poll(() => present.getAttribute("data-present")).toBe("yes");
    expect(await present.textContent()).toMatch(/En ligne|Online/);
    expect(await booked.getByTestId("staff-slot-late").count()).toBe(0);
    expect(await booked.getByTestId("staff-slot-status").getAttribute("data-status")).toBe(
      "booked",
    );
    // Tomorrow is the day shown; today is a press away.
    const days = panel.getByTestId("staff-day");
    expect(
      await panel
        .locator(`[data-testid=staff-day][data-day="${tomorrow}"]`)
        .getAttribute("aria-pressed"),
    ).toBe("true");
    await days.first().click();
    await expect.poll(() => panel.getByTestId("staff-day-empty").count()).toBe(1);

    expect(pageErrors).toEqual([]);
  });
});
