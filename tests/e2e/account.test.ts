/**
 * The candidate's account in Chromium: a new candidate signs up from the
 * sign-in page, fills in the profile (two languages, a sector), is refused a
 * file that is not a PDF and uploads a real one, registers for the fair, and
 * finds everything saved after a reload; then applies to a demo vacancy from
 * its stand page and follows the application under "My applications", and
 * withdraws it. A second candidate does the same on a 360 px phone, stops
 * sharing the profile with the stand and deletes the account. axe finds no
 * serious or critical problem on the sign-up, profile and applications pages
 * at either width.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousA11yViolations } from "../support/accessibility.js";
import { artifactsDir, chromiumAvailable } from "../support/browser.js";
import { fitsViewport, submitSignInForm } from "../support/browser-pages.js";
import { useBrowserFair } from "../support/browser-suite.js";
import { minimalPdf } from "../support/uploads.js";

const available = await chromiumAvailable();
const PASSWORD = "a long enough passphrase";
const STAND = "Flanders Food Factory";
const PHONE = { width: 360, height: 760 };

describe.runIf(available)("candidate account in Chromium", () => {
  const fair = useBrowserFair({
    MEDIA_WORKERS: "1",
    MEDIA_PORT_MIN: "42200",
    MEDIA_PORT_MAX: "42299",
  });
  const { openPage, pageErrors } = fair;
  let accounts = 0;

  /** Signs a new candidate up through the form, reached from the sign-in page; returns the e-mail. */
  async function signUp(page: Page, displayName: string, screenshot: string): Promise<string> {
    const email = `candidate-${Date.now()}-${++accounts}@example.test`;
    await page.goto(`${fair.baseUrl}/#/sign-in`);
    await page.getByTestId("sign-in-form").waitFor();
    await page.locator("main").getByTestId("sign-up-link").click();
    await expect.poll(() => page.url()).toBe(`${fair.baseUrl}/#/sign-up`);
    const form = page.getByTestId("sign-up-form");
    // Nothing filled in: each field says what it needs, and the first gets focus.
    await form.getByTestId("sign-up-submit").click();
    await expect.poll(() => form.locator("[aria-invalid=true]").count()).toBe(3);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("sign-up-name");
    await page.screenshot({ path: path.join(artifactsDir, screenshot), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.locator("#sign-up-name").fill(displayName);
    await page.locator("#sign-up-email").fill(email);
    await page.locator("#sign-up-password").fill(PASSWORD);
    await form.getByTestId("sign-up-submit").click();
    await followDevNotice(page, email);
    // A new candidate goes on to fill in the profile.
    await expect
      .poll(() => page.getByTestId("signed-in-user").textContent(), { timeout: 15_000 })
      .toContain(displayName);
    return email;
  }

  /**
   * "Check your email": nobody is signed in yet. On this development server mail goes nowhere
   * real, so the labelled notice shows the message just sent; its link signs the person in.
   */
  async function followDevNotice(page: Page, email: string): Promise<void> {
    const check = page.getByTestId("check-email");
    await check.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId("check-email-text").innerText()).toContain(email);
    expect(await page.getByTestId("signed-in-user").count()).toBe(0);
    // The heading took focus: screen reader and keyboard users land on what changed.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("H2");
    const link = page.getByTestId("dev-mailbox-notice").getByTestId("dev-mailbox-link");
    await link.waitFor({ timeout: 15_000 });
    expect(await link.getAttribute("href")).toMatch(/^#\/verify-email\/[\w-]{43}$/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await link.click();
    await expect.poll(() => page.url(), { timeout: 15_000 }).toBe(`${fair.baseUrl}/#/profile`);
  }

  async function fillProfile(page: Page): Promise<void> {
    const form = page.getByTestId("profile-form");
    await form.waitFor({ timeout: 15_000 });
    await page.locator("#profile-phone").fill("+32 470 12 34 56");
    await page.locator("#profile-country").selectOption("BE");
    await page.locator("#profile-region").fill("Hainaut");
    const rows = page.getByTestId("profile-language-row");
    await rows.nth(0).locator("select").nth(0).selectOption("fr");
    await rows.nth(0).locator("select").nth(1).selectOption("C2");
    await page.getByTestId("profile-add-language").click();
    await expect.poll(() => rows.count()).toBe(2);
    // The new row's language select has focus, for keyboard users.
    expect(await page.evaluate(() => document.activeElement?.id)).toMatch(/^language-\d+$/);
    await rows.nth(1).locator("select").nth(0).selectOption("nl");
    await rows.nth(1).locator("select").nth(1).selectOption("B1");
    await page.getByTestId("profile-sectors").getByRole("checkbox", { name: "Logistics" }).check();
    await page.locator("#profile-availability").fill("From next month, full time");
    await page.locator("#profile-pitch").fill("Forklift driver, ten years in warehouses.");
    await page.getByTestId("profile-save").click();
    await expect
      .poll(() => page.getByTestId("profile-save-status").textContent(), { timeout: 15_000 })
      .toContain("Profile saved");
  }

  /** Applies to the stand's first vacancy from its page; checks the page with the form open. */
  async function applyAt(page: Page, message: string, screenshot: string): Promise<void> {
    await page.goto(`${fair.baseUrl}/#/`);
    const card = page.getByTestId("stand-card").filter({ hasText: STAND });
    await card.getByTestId("stand-link").click();
    const apply = page.getByTestId("stand-page").getByTestId("apply").first();
    await apply.getByTestId("apply-open").click({ timeout: 15_000 });
    // The form opens with the message box focused.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe(
      "apply-message",
    );
    await apply.getByTestId("apply-message").fill(message);
    await page.screenshot({ path: path.join(artifactsDir, screenshot), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await apply.getByTestId("apply-submit").click();
    await apply.getByTestId("applied").waitFor({ timeout: 15_000 });
  }

  it("signs a new French candidate up, in French, through the development notice's link", async () => {
    const page = await openPage();
    await page.goto(`${fair.baseUrl}/#/sign-up`);
    await page.locator("#ui-language").selectOption("fr");
    const form = page.getByTestId("sign-up-form");
    await expect.poll(() => form.getByTestId("sign-up-submit").innerText()).toBe("Créer le compte");
    const email = `candidat-${Date.now()}-${++accounts}@example.test`;
    await page.locator("#sign-up-name").fill("Léa Dubois");
    await page.locator("#sign-up-email").fill(email);
    await page.locator("#sign-up-password").fill(PASSWORD);
    await form.getByTestId("sign-up-submit").click();
    const check = page.getByTestId("check-email");
    await check.waitFor({ timeout: 15_000 });
    expect(await check.getByRole("heading", { level: 2 }).innerText()).toBe(
      "Consultez votre boîte e-mail",
    );
    const notice = page.getByTestId("dev-mailbox-notice");
    await notice.getByTestId("dev-mailbox-link").waitFor({ timeout: 15_000 });
    expect(await notice.innerText()).toContain("Boîte e-mail de développement");
    // The message itself is the French verification mail.
    expect(await notice.innerText()).toContain("Confirmez votre adresse e-mail pour Crossfair");
    await page.screenshot({ path: path.join(artifactsDir, "sign-up-check-email-fr.png") });
    await followDevNotice(page, email);
    await expect
      .poll(() => page.getByTestId("signed-in-user").textContent(), { timeout: 15_000 })
      .toContain("Léa Dubois");
    const me = await page.request.get(`${fair.baseUrl}/api/auth/me`);
    expect(((await me.json()) as { user: { uiLanguage: string } }).user.uiLanguage).toBe("fr");
    expect(pageErrors).toEqual([]);
  });

  it("goes on where the sign-up meant to go once the link is followed in the same tab", async () => {
    const page = await openPage();
    const hall = await page.request.get(`${fair.baseUrl}/api/fairs/current/hall`);
    const { stands } = (await hall.json()) as {
      stands: { id: string; organisationName: string }[];
    };
    const stand = stands.find((entry) => entry.organisationName === STAND)!;
    await page.goto(`${fair.baseUrl}/#/sign-up?next=/stands/${stand.id}`);
    const email = `going-${Date.now()}-${++accounts}@example.test`;
    await page.locator("#sign-up-name").fill("Tom Willems");
    await page.locator("#sign-up-email").fill(email);
    await page.locator("#sign-up-password").fill(PASSWORD);
    await page.getByTestId("sign-up-form").getByTestId("sign-up-submit").click();
    const link = page.getByTestId("dev-mailbox-notice").getByTestId("dev-mailbox-link");
    await link.waitFor({ timeout: 15_000 });
    await link.click();
    await expect
      .poll(() => page.url(), { timeout: 15_000 })
      .toBe(`${fair.baseUrl}/#/stands/${stand.id}`);
    await expect
      .poll(() => page.getByTestId("signed-in-user").textContent(), { timeout: 15_000 })
      .toContain("Tom Willems");
    expect(pageErrors).toEqual([]);
  });

  it("offers an unconfirmed account its link again on sign-in, and that link signs in", async () => {
    const page = await openPage();
    const email = `unconfirmed-${Date.now()}-${++accounts}@example.test`;
    await page.goto(`${fair.baseUrl}/#/sign-up`);
    const form = page.getByTestId("sign-up-form");
    await page.locator("#sign-up-name").fill("Noor Janssens");
    await page.locator("#sign-up-email").fill(email);
    await page.locator("#sign-up-password").fill(PASSWORD);
    await form.getByTestId("sign-up-submit").click();
    await page.getByTestId("check-email").waitFor({ timeout: 15_000 });

    // The mail is left unread; signing in says why it cannot, and offers a new link.
    await page.goto(`${fair.baseUrl}/#/sign-in`);
    await page.locator("#sign-in-email").fill(email);
    await page.locator("#sign-in-password").fill(PASSWORD);
    await page.getByTestId("sign-in-form").locator("button[type=submit]").click();
    const unverified = page.getByTestId("sign-in-unverified");
    await unverified.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId("sign-in-error").innerText()).toMatch(/not confirmed/);
    expect(await unverified.getByTestId("check-email-text").innerText()).toContain(email);
    expect(await unverified.getByTestId("dev-mailbox-notice").count()).toBe(0);
    await unverified.getByTestId("check-email-resend").click();
    await expect
      .poll(() => unverified.getByTestId("check-email-status").innerText(), { timeout: 15_000 })
      .toMatch(/new link/);
    const link = unverified.getByTestId("dev-mailbox-link");
    await link.waitFor({ timeout: 15_000 });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(artifactsDir, "sign-in-unverified.png") });
    await link.click();
    await expect.poll(() => page.url(), { timeout: 15_000 }).toBe(`${fair.baseUrl}/#/profile`);
    await expect
      .poll(() => page.getByTestId("signed-in-user").textContent(), { timeout: 15_000 })
      .toContain("Noor Janssens");
    expect(pageErrors).toEqual([]);
  });

  it("takes a new candidate from sign-up through the profile and CV to an application", async () => {
    const page = await openPage();
    await signUp(page, "Amira Haddad", "account-sign-up.png");

    // Saving an empty profile names what is missing, in the live status line.
    await page.getByTestId("profile-save").click();
    await expect
      .poll(() => page.getByTestId("profile-save-status").textContent())
      .toContain("correct the marked fields");
    await fillProfile(page);

    // A file that is not a PDF is refused with the reason; a real PDF is kept.
    const cvFile = page.getByTestId("cv-file");
    await cvFile.setInputFiles({
      name: "cv.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("not a pdf at all"),
    });
    await expect
      .poll(() => page.getByTestId("cv-error").textContent(), { timeout: 15_000 })
      .toContain("not a PDF");
    await cvFile.setInputFiles({
      name: "amira-cv.pdf",
      mimeType: "application/pdf",
      buffer: minimalPdf("Amira Haddad"),
    });
    await expect
      .poll(() => page.getByTestId("cv-state").getAttribute("data-has-cv"), { timeout: 15_000 })
      .toBe("true");
    expect(await page.getByTestId("cv-error").count()).toBe(0);

    // The demo fair is a walk-in fair: registering is approved at once.
    await page.getByTestId("register").click();
    await expect
      .poll(() => page.getByTestId("registration-status").getAttribute("data-status"), {
        timeout: 15_000,
      })
      .toBe("approved");

    // The candidate corrects the spelling of their name.
    await page.locator("#account-name").fill("Amira El Haddad");
    await page.getByRole("button", { name: "Save name" }).click();
    await expect.poll(() => page.locator(".name-status").textContent()).toContain("Name saved.");

    // Everything is still there after a reload.
    await page.reload();
    await page.getByTestId("profile-form").waitFor({ timeout: 15_000 });
    expect(await page.locator("#account-name").inputValue()).toBe("Amira El Haddad");
    expect(await page.locator("#profile-region").inputValue()).toBe("Hainaut");
    expect(await page.locator("#profile-country").inputValue()).toBe("BE");
    const rows = page.getByTestId("profile-language-row");
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(1).locator("select").nth(1).inputValue()).toBe("B1");
    expect(
      await page
        .getByTestId("profile-sectors")
        .getByRole("checkbox", { name: "Logistics" })
        .isChecked(),
    ).toBe(true);
    expect(await page.getByTestId("cv-state").getAttribute("data-has-cv")).toBe("true");
    await expect
      .poll(() => page.getByTestId("registration-status").getAttribute("data-status"))
      .toBe("approved");
    const cv = await page.request.get(`${fair.baseUrl}/api/me/cv`);
    expect(cv.status()).toBe(200);
    expect((await cv.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await page.screenshot({ path: path.join(artifactsDir, "account-profile.png"), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Applying from the stand page; the application then shows under "My applications".
    await applyAt(page, "I can start next month.", "account-apply.png");
    await page.getByTestId("applications-link").click();
    const application = page.getByTestId("application");
    await expect.poll(() => application.count(), { timeout: 15_000 }).toBe(1);
    expect(await application.getAttribute("data-status")).toBe("applied");
    expect(await application.textContent()).toContain(STAND);
    expect(await application.textContent()).toContain("I can start next month.");
    const current = application.locator("[aria-current=step]");
    expect(await current.getAttribute("data-status")).toBe("applied");
    await page.screenshot({
      path: path.join(artifactsDir, "account-applications.png"),
      fullPage: true,
    });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Withdrawing asks first, then ends the application.
    await application.getByTestId("withdraw").click();
    await application.getByTestId("withdraw-confirm").click();
    await expect
      .poll(() => application.getAttribute("data-status"), { timeout: 15_000 })
      .toBe("withdrawn");
    expect(await application.getByTestId("withdraw").count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it("works on a 360 px phone, down to revoking the stand's access and deleting the account", async () => {
    const page = await openPage(PHONE);
    const email = await signUp(page, "Jonas Meyer", "account-sign-up-360.png");
    await fillProfile(page);
    await page.screenshot({
      path: path.join(artifactsDir, "account-profile-360.png"),
      fullPage: true,
    });
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Nothing sticks out sideways at 360 px.
    expect(await fitsViewport(page)).toBe(true);

    await applyAt(page, "", "account-apply-360.png");
    await page.goto(`${fair.baseUrl}/#/applications`);
    const application = page.getByTestId("application");
    await expect.poll(() => application.count(), { timeout: 15_000 }).toBe(1);
    expect(await fitsViewport(page)).toBe(true);
    await page.screenshot({
      path: path.join(artifactsDir, "account-applications-360.png"),
      fullPage: true,
    });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Applying shared the profile with the stand; the candidate takes it back.
    await page.goto(`${fair.baseUrl}/#/profile`);
    const consent = page.getByTestId("consent").filter({ hasText: STAND });
    await consent.waitFor({ timeout: 15_000 });
    await consent.getByTestId("consent-revoke").click();
    await page.getByTestId("consents-empty").waitFor({ timeout: 15_000 });

    // Deleting the account asks in a dialog; Escape keeps the account.
    await page.getByTestId("delete-account").click();
    const dialog = page.getByTestId("delete-dialog");
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await page.getByTestId("delete-account").click();
    await dialog.getByTestId("delete-confirm").click();
    await page.getByTestId("account-deleted").waitFor({ timeout: 15_000 });
    await page.getByTestId("sign-in-link").waitFor({ timeout: 15_000 });

    // The account is gone: its password no longer signs in.
    await submitSignInForm(page, fair.baseUrl, email, PASSWORD);
    await page.getByTestId("sign-in-error").waitFor({ timeout: 15_000 });
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
