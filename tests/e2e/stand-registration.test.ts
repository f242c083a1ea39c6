/**
 * An employer registers their own stand in Chromium: a visitor follows the
 * hall's "Register your stand" link, is told what is missing, then that the
 * email is taken, registers and lands on the stand's manage page with the
 * notice that it waits for the organiser's approval. The fair admin, in a
 * second browser, approves it on the admin fair page; the notice goes and
 * the stand appears in the public hall. On a 360 px phone the page is
 * reached from the sign-in page and fits the screen. axe finds nothing
 * serious on the registration page at either width.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousA11yViolations } from "../support/accessibility.js";
import { artifactsDir, chromiumAvailable } from "../support/browser.js";
import { UUID_PATTERN, fitsViewport } from "../support/browser-pages.js";
import { useBrowserFair } from "../support/browser-suite.js";
import { DEMO_FAIR } from "../support/stands.js";

const available = await chromiumAvailable();
const PHONE = { width: 360, height: 740 };

describe.runIf(available)("stand registration in Chromium", () => {
  const fair = useBrowserFair({
    MEDIA_WORKERS: "1",
    MEDIA_PORT_MIN: "42800",
    MEDIA_PORT_MAX: "42899",
  });
  const { openPage, signIn, pageErrors } = fair;

  /** The stand cards of the public hall, freshly loaded. */
  async function hallCards(page: Page, name: string) {
    await page.goto(`${fair.baseUrl}/#/`);
    await page.reload();
    await page.getByTestId("stand-card").first().waitFor({ timeout: 15_000 });
    return page.getByTestId("stand-card").filter({ hasText: name }).count();
  }

  it("registers a stand that waits for approval, and shows it in the hall once approved", async () => {
    const visitor = await openPage();
    await visitor.goto(`${fair.baseUrl}/#/`);
    await visitor.getByTestId("register-stand-link").click();
    await expect.poll(() => visitor.url()).toBe(`${fair.baseUrl}/#/register-stand`);
    const form = visitor.getByTestId("register-form");
    await form.waitFor({ timeout: 15_000 });
    expect(await seriousA11yViolations(visitor)).toEqual([]);

    // Sent empty, every missing field is marked and the first one has the focus.
    await visitor.getByTestId("register-submit").click();
    await expect.poll(() => form.getByTestId("field-error").count()).toBeGreaterThanOrEqual(9);
    expect(await visitor.getByTestId("register-error").textContent()).toContain(
      "Some fields need your attention",
    );
    expect(await visitor.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe(
      "register-organisation",
    );
    expect(await seriousA11yViolations(visitor)).toEqual([]);

    // Filled in, but with the email of an existing account.
    await visitor.getByTestId("register-kind-temp_agency").check();
    await visitor.getByTestId("register-organisation").fill("Ardennes Intérim");
    await visitor
      .getByTestId("register-description-fr")
      .fill("Missions d'intérim dans les Ardennes, en Belgique et au Luxembourg.");
    await visitor.getByText("Descriptions in other languages (optional)").click();
    await visitor
      .getByTestId("register-description-de")
      .fill("Zeitarbeit in den Ardennen, in Belgien und Luxemburg.");
    await visitor.getByTestId("register-sector").selectOption("staffing");
    await visitor.getByTestId("register-country").selectOption("LU");
    await visitor.getByTestId("register-region").fill("Clervaux");
    await visitor.getByTestId("register-language-fr").check();
    await visitor.getByTestId("register-language-de").check();
    await visitor.getByTestId("register-logo").fill("https://example.test/ardennes.png");
    await visitor.getByTestId("register-contact-name").fill("Luc Schmit");
    await visitor.getByTestId("register-email").fill("candidate@crossfair.test");
    await visitor.getByTestId("register-password").fill("a long enough password");
    await visitor.getByTestId("register-ui-language").selectOption("en");
    expect(await form.getByTestId("field-error").count()).toBe(0);
    await visitor.getByTestId("register-submit").click();
    // Answered as any other address would be: "check your email", nobody signed in, and the
    // owner (not this visitor) is told by mail. The dev notice shows that mail, not a link in.
    const check = visitor.getByTestId("check-email");
    await check.waitFor({ timeout: 15_000 });
    expect(await visitor.getByTestId("check-email-text").innerText()).toContain(
      "candidate@crossfair.test",
    );
    expect(await visitor.getByTestId("signed-in-user").count()).toBe(0);
    expect(await seriousA11yViolations(visitor)).toEqual([]);

    // Another email: the form again, as it was; sent, the mailed link signs the stand admin in
    // and goes on to the stand's manage page, waiting for approval.
    await check.getByRole("button", { name: "Use another address" }).click();
    const email = visitor.getByTestId("register-email");
    await email.fill("luc@ardennes-interim.test");
    await visitor.getByTestId("register-password").fill("a long enough password");
    await visitor.getByTestId("register-submit").click();
    await check.waitFor({ timeout: 15_000 });
    expect(await visitor.getByTestId("check-email-text").innerText()).toContain(
      "luc@ardennes-interim.test",
    );
    const link = visitor.getByTestId("dev-mailbox-notice").getByTestId("dev-mailbox-link");
    await link.waitFor({ timeout: 15_000 });
    await link.click();
    const manageUrl = new RegExp(`#/stands/(${UUID_PATTERN})/manage$`);
    await expect.poll(() => visitor.url(), { timeout: 15_000 }).toMatch(manageUrl);
    const approval = visitor.getByTestId("stand-approval");
    await approval.waitFor({ timeout: 15_000 });
    expect(await approval.getAttribute("data-status")).toBe("pending");
    expect(await approval.textContent()).toContain("Waiting for the organiser's approval");
    expect(await visitor.getByTestId("signed-in-user").textContent()).toContain("Luc Schmit");
    expect(await visitor.getByTestId("stand-description-de").inputValue()).toBe(
      "Zeitarbeit in den Ardennen, in Belgien und Luxemburg.",
    );
    await visitor.screenshot({
      path: path.join(artifactsDir, "stand-registration-pending.png"),
      fullPage: true,
    });

    // Not in the public hall yet.
    const passerby = await openPage();
    expect(await hallCards(passerby, "Ardennes Intérim")).toBe(0);

    // The fair admin approves it on the admin fair page.
    const admin = await openPage();
    await signIn(admin, "admin@crossfair.test", "Fair Admin");
    await admin.goto(`${fair.baseUrl}/#/admin/fairs/${DEMO_FAIR}`);
    const row = admin.getByTestId("admin-stands-row").filter({ hasText: "Ardennes Intérim" });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getAttribute("data-status")).toBe("pending");
    await row.getByTestId("admin-stands-approve").click();
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(0);

    // The stand admin's notice goes; visitors find the stand in the hall.
    await visitor.reload();
    await visitor.getByTestId("stand-profile-form").waitFor({ timeout: 15_000 });
    expect(await visitor.getByTestId("stand-approval").count()).toBe(0);
    expect(await hallCards(passerby, "Ardennes Intérim")).toBe(1);
    const card = passerby.getByTestId("stand-card").filter({ hasText: "Ardennes Intérim" });
    expect(await card.textContent()).toContain("Temp agency");
    expect(pageErrors).toEqual([]);
  });

  it("is reached from the sign-in page and fits a 360 px phone", async () => {
    const phone = await openPage(PHONE);
    await phone.goto(`${fair.baseUrl}/#/sign-in`);
    await phone.getByTestId("sign-in-register-stand").click();
    await expect.poll(() => phone.url()).toBe(`${fair.baseUrl}/#/register-stand`);
    await phone.getByTestId("register-form").waitFor({ timeout: 15_000 });
    expect(await fitsViewport(phone)).toBe(true);
    expect(await seriousA11yViolations(phone)).toEqual([]);

    // With problems marked, and another sector typed in by hand.
    await phone.getByTestId("register-sector").selectOption("other");
    await phone.getByTestId("register-password").fill("short");
    await phone.getByTestId("register-submit").click();
    await expect
      .poll(() => phone.getByTestId("register-form").getByTestId("field-error").count())
      .toBeGreaterThan(0);
    expect(await phone.getByTestId("register-other-sector").getAttribute("aria-invalid")).toBe(
      "true",
    );
    expect(await fitsViewport(phone)).toBe(true);
    expect(await seriousA11yViolations(phone)).toEqual([]);
    await phone.screenshot({
      path: path.join(artifactsDir, "stand-registration-360.png"),
      fullPage: true,
    });
    expect(pageErrors).toEqual([]);
  });
});
