/**
 * Reaching a candidate whose tab is in the background, in Chromium: a
 * candidate who has not decided yet is offered notifications after joining
 * (and only "Allow" asks the browser, once), on a phone; a candidate who allowed them
 * joins, reads another tab, and when the recruiter calls gets a notification
 * naming the stand in her language, a chime and a flashing title; muting
 * stops the chime while the tab stays behind, clicking the notification
 * asks for the tab and closes it, and the tab in front again ends the flash.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousA11yViolations } from "../support/accessibility.js";
import {
  pageHasFocus,
  recordedAlerts,
  recordPageAlerts,
  sendToBackground,
} from "../support/browser-alerts.js";
import { artifactsDir, chromiumAvailable } from "../support/browser.js";
import { fitsViewport } from "../support/browser-pages.js";
import { useBrowserFair } from "../support/browser-suite.js";

const available = await chromiumAvailable();
/** The chime's repeat (CHIME_EVERY_MS in the client) and a margin. */
const LONGER_THAN_A_CHIME_MS = 4_000;

describe.runIf(available)("a called candidate in a background tab, in Chromium", () => {
  const fair = useBrowserFair({
    MEDIA_WORKERS: "1",
    MEDIA_PORT_MIN: "42200",
    MEDIA_PORT_MAX: "42299",
    QUEUE_HEARTBEAT_SECONDS: "1",
  });
  const { openPage, signIn, pageErrors } = fair;

  async function join(page: Page, stand: string): Promise<void> {
    await page.goto(`${fair.baseUrl}/#/`);
    await page
      .getByTestId("stand-card")
      .filter({ hasText: stand })
      .getByTestId("stand-link")
      .click();
    await page.getByTestId("join-form").waitFor({ timeout: 15_000 });
    await page.getByTestId("join-consent").check();
    await page.getByTestId("join-submit").click();
    await page.getByTestId("stand-queue-mine").waitFor({ timeout: 15_000 });
  }

  it("offers notifications once after a join, and asks the browser only on 'Allow'", async () => {
    // On a 360 px phone: the offer and the header's sound switch must fit.
    const jens = await openPage({ width: 360, height: 760 });
    await recordPageAlerts(jens);
    await signIn(jens, "kandidaat@crossfair.test", "Jens Vermeulen");
    expect(await jens.evaluate(() => Notification.permission)).toBe("default");
    expect(await jens.getByTestId("notification-offer").count()).toBe(0);

    await join(jens, "Flanders Food Factory");
    const offer = jens.getByTestId("notification-offer");
    await offer.waitFor({ timeout: 15_000 });
    expect(await offer.textContent()).toContain("melding");
    // Showing the explanation asks nothing yet.
    expect((await recordedAlerts(jens)).permissionRequests).toBe(0);
    expect(await fitsViewport(jens)).toBe(true);
    // Where she joined, not at the top of a page scrolled away from.
    const offerTop = await offer.evaluate((element) => element.getBoundingClientRect().top);
    expect(offerTop).toBeGreaterThanOrEqual(0);
    expect(offerTop).toBeLessThan(760);
    await jens.screenshot({ path: path.join(artifactsDir, "call-alerts-offer-360.png") });
    expect(await seriousA11yViolations(jens)).toEqual([]);

    await offer.getByTestId("notification-offer-allow").click();
    await expect.poll(() => offer.count()).toBe(0);
    expect((await recordedAlerts(jens)).permissionRequests).toBe(1);

    // Remembered on the device: joining again, after a reload, offers nothing.
    await jens.reload();
    const leave = jens.getByTestId("my-queue-leave");
    await leave.click();
    await expect.poll(() => leave.count()).toBe(0);
    await join(jens, "Flanders Food Factory");
    expect(await jens.getByTestId("notification-offer").count()).toBe(0);
    // Out of the queue again, so the next test's candidate is the one called.
    await leave.click();
    await expect.poll(() => leave.count()).toBe(0);
    await jens.context().close();
    expect(pageErrors).toEqual([]);
  });

  it("notifies, chimes and flashes the title for a call while the tab is behind", async () => {
    const camille = await openPage();
    await camille.context().grantPermissions(["notifications"], { origin: fair.baseUrl });
    await recordPageAlerts(camille);
    await signIn(camille, "candidate@crossfair.test", "Camille Dubois");
    await join(camille, "Flanders Food Factory");
    // Permission already granted: nothing to offer.
    expect(await camille.getByTestId("notification-offer").count()).toBe(0);
    const baseTitle = await camille.title();
    expect(baseTitle).toContain("Crossfair");

    const lotte = await openPage();
    await signIn(lotte, "recruiter@crossfair.test", "Lotte Peeters");
    await lotte.getByTestId("console-link").first().click();
    const rows = lotte.getByTestId("staff-queue-row");
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(0);

    // Camille reads another tab.
    const bringBack = await sendToBackground(camille);
    await expect.poll(() => pageHasFocus(camille)).toBe(false);
    expect((await recordedAlerts(camille)).notifications).toEqual([]);

    await lotte.getByTestId("staff-call-next").click();
    const call = camille.getByTestId("incoming-call");
    await call.getByTestId("incoming-call-accept").waitFor({ timeout: 15_000 });

    // A notification naming the stand, in Camille's language (French), shown by the browser.
    await expect
      .poll(async () => (await recordedAlerts(camille)).notifications, { timeout: 10_000 })
      .toEqual([
        expect.objectContaining({
          title: "Flanders Food Factory vous appelle",
          tag: "crossfair-call",
          shown: true,
          closed: false,
        }),
      ]);
    // The title flashes between the call and the page's own title.
    const flashTitle = "Appel : Flanders Food Factory";
    await expect
      .poll(
        async () => {
          const recent = (await recordedAlerts(camille)).titles.slice(-3);
          return recent.includes(flashTitle) && recent.includes(baseTitle);
        },
        { timeout: 5_000 },
      )
      .toBe(true);
    // The chime rings, and rings again.
    await expect
      .poll(async () => (await recordedAlerts(camille)).oscillatorStarts, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(4);
    expect(await pageHasFocus(camille)).toBe(false);
    const toggle = call.getByTestId("call-sound-toggle");
    expect(await toggle.getAttribute("aria-checked")).toBe("true");
    expect(await seriousA11yViolations(camille)).toEqual([]);

    // Muting from the dialog (an event on the switch, so the tab stays behind) stops the chime.
    await toggle.dispatchEvent("click");
    expect(await toggle.getAttribute("aria-checked")).toBe("false");
    expect(await pageHasFocus(camille)).toBe(false);
    const startsWhenMuted = (await recordedAlerts(camille)).oscillatorStarts;
    await camille.waitForTimeout(LONGER_THAN_A_CHIME_MS);
    const afterMute = await recordedAlerts(camille);
    expect(afterMute.oscillatorStarts).toBe(startsWhenMuted);
    // The rest goes on, and the choice is kept on the device.
    expect(afterMute.titles.slice(-4)).toContain(flashTitle);
    expect(await camille.evaluate(() => localStorage.getItem("crossfair.callSound"))).toBe("muted");

    // Clicking the notification asks for the tab and closes the notification. (Headless
    // Chromium shows no notification to click, so the click is dispatched on the one shown.)
    await camille.evaluate(() => window.__notifications[0]?.dispatchEvent(new Event("click")));
    const clicked = await recordedAlerts(camille);
    expect(clicked.focusCalls).toBe(1);
    expect(clicked.notifications[0]?.closed).toBe(true);

    // The tab in front again (as the window manager does on that focus): the flash ends.
    await bringBack();
    await expect.poll(() => pageHasFocus(camille)).toBe(true);
    await expect.poll(() => camille.title()).toBe(baseTitle);
    const settled = (await recordedAlerts(camille)).titles.length;
    await camille.waitForTimeout(2_500);
    expect((await recordedAlerts(camille)).titles.length).toBe(settled);
    await camille.screenshot({ path: path.join(artifactsDir, "call-alerts-dialog.png") });

    // Declining ends the call; the place is kept this once.
    await call.getByTestId("incoming-call-decline").click();
    await expect.poll(() => call.getByTestId("incoming-call-accept").count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
