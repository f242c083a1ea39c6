/**
 * The account's lifecycle in Chromium, on the embedded default (no SMTP
 * server): a candidate forgets their password and asks for a link from the
 * sign-in page; the fair admin finds the mail in the development mailbox; the
 * link's page sets a new password, once; on the security page a wrong current
 * password is refused, a right one changes it, and "sign out everywhere" ends
 * the session; the verification link confirms the address. axe finds no
 * serious or critical problem on the new pages.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousA11yViolations } from "../support/accessibility.js";
import { artifactsDir, chromiumAvailable } from "../support/browser.js";
import { submitSignInForm } from "../support/browser-pages.js";
import { useBrowserFair } from "../support/browser-suite.js";

const available = await chromiumAvailable();
const PASSWORD = "a long enough passphrase";

describe.runIf(available)("account security in Chromium", () => {
  const fair = useBrowserFair({ MEDIA_WORKERS: "0" });
  const { openPage, pageErrors, signIn } = fair;

  /** The token of the newest link to `page` mailed to `email`, read on the admin's mailbox page. */
  async function linkFromMailbox(admin: Page, email: string, linkPage: string): Promise<string> {
    await admin.goto(`${fair.baseUrl}/#/admin/mailbox`);
    await admin.getByTestId("mailbox-page").waitFor();
    const pattern = new RegExp(`/#/${linkPage}/([A-Za-z0-9_-]+)`);
    let token = "";
    await expect
      .poll(
        async () => {
          await admin.getByRole("button", { name: "Refresh" }).click();
          const message = admin
            .getByTestId("mailbox-message")
            .filter({ hasText: email })
            .filter({
              hasText: linkPage === "reset-password" ? "Reset your" : "Confirm your",
            });
          if ((await message.count()) === 0) return "";
          await message.first().locator("summary").click();
          token = (await message.first().locator("pre").innerText()).match(pattern)?.[1] ?? "";
          return token;
        },
        { timeout: 10_000 },
      )
      .not.toBe("");
    return token;
  }

  it("resets a forgotten password by the mailed link, once, then changes it and signs out everywhere", async () => {
    const email = `security-${Date.now()}@example.test`;
    const candidate = await openPage();
    const signUp = await candidate.request.post(`${fair.baseUrl}/api/auth/sign-up`, {
      data: { email, password: PASSWORD, displayName: "Sam Peeters" },
    });
    expect(signUp.status()).toBe(202);
    await candidate.context().clearCookies();

    // Forgot: from the sign-in page, the same answer whoever asks.
    await candidate.goto(`${fair.baseUrl}/#/sign-in`);
    await candidate.getByTestId("forgot-password-link").click();
    await candidate.getByTestId("forgot-password-form").waitFor();
    expect(await seriousA11yViolations(candidate)).toEqual([]);
    await candidate.getByLabel("E-mail address").fill(email);
    await candidate.getByTestId("forgot-password-form").locator("button[type=submit]").click();
    await expect
      .poll(() => candidate.getByTestId("forgot-password-sent").innerText())
      .toContain(email);
    await candidate.screenshot({ path: path.join(artifactsDir, "forgot-password-sent.png") });

    const admin = await openPage();
    await signIn(admin, "admin@crossfair.test", "Fair Admin");
    await admin.getByTestId("mailbox-link").click();
    const resetToken = await linkFromMailbox(admin, email, "reset-password");
    const verifyToken = await linkFromMailbox(admin, email, "verify-email");
    await admin.screenshot({ path: path.join(artifactsDir, "mailbox.png"), fullPage: true });
    expect(await seriousA11yViolations(admin)).toEqual([]);

    // Reset: the link's page sets the new password; the same link a second time does not.
    const newPassword = "a brand new passphrase";
    await candidate.goto(`${fair.baseUrl}/#/reset-password/${resetToken}`);
    const resetForm = candidate.getByTestId("reset-password-form");
    await resetForm.waitFor();
    expect(await seriousA11yViolations(candidate)).toEqual([]);
    await resetForm.locator("input[type=password]").fill(newPassword);
    await resetForm.locator("button[type=submit]").click();
    await candidate.getByTestId("reset-password-done").waitFor();

    const again = await openPage();
    await again.goto(`${fair.baseUrl}/#/reset-password/${resetToken}`);
    await again
      .getByTestId("reset-password-form")
      .locator("input[type=password]")
      .fill("x".repeat(12));
    await again.getByTestId("reset-password-form").locator("button[type=submit]").click();
    await again.getByTestId("reset-password-ask-again").waitFor();
    expect(await again.getByTestId("reset-password-error").innerText()).toMatch(/invalid/i);

    await submitSignInForm(candidate, fair.baseUrl, email, newPassword);
    await candidate.getByTestId("signed-in-user").filter({ hasText: "Sam Peeters" }).waitFor();

    // Change: a wrong current password is refused on its field; the right one changes it.
    await candidate.getByTestId("security-link").click();
    const changeForm = candidate.getByTestId("change-password-form");
    await changeForm.waitFor();
    expect(await seriousA11yViolations(candidate)).toEqual([]);
    await changeForm.getByLabel("Current password").fill("not my password");
    await changeForm.getByLabel("New password").fill("the third passphrase");
    await changeForm.locator("button[type=submit]").click();
    await expect
      .poll(() => changeForm.getByLabel("Current password").getAttribute("aria-invalid"))
      .toBe("true");
    await candidate.screenshot({
      path: path.join(artifactsDir, "security-wrong-current.png"),
      fullPage: true,
    });
    await changeForm.getByLabel("Current password").fill(newPassword);
    await changeForm.locator("button[type=submit]").click();
    await candidate.getByTestId("change-password-done").filter({ hasText: "changed" }).waitFor();

    // Sign out everywhere: this session ends too, and the sign-in page opens.
    await candidate.getByTestId("sign-out-everywhere").click();
    await expect.poll(() => candidate.url()).toBe(`${fair.baseUrl}/#/sign-in`);
    const me = await candidate.request.get(`${fair.baseUrl}/api/auth/me`);
    expect(me.status()).toBe(401);

    // Verify: the sign-up mail's link (still unused: the reset confirmed the address already)
    // signs the person in and goes on to their profile.
    await candidate.goto(`${fair.baseUrl}/#/verify-email/${verifyToken}`);
    await expect.poll(() => candidate.url(), { timeout: 15_000 }).toBe(`${fair.baseUrl}/#/profile`);
    await candidate.getByTestId("signed-in-user").filter({ hasText: "Sam Peeters" }).waitFor();
    expect(await seriousA11yViolations(candidate)).toEqual([]);
    // The same link again opens nothing.
    await candidate.context().clearCookies();
    await candidate.goto(`${fair.baseUrl}/#/verify-email/${verifyToken}`);
    await candidate.getByTestId("verify-email-failed").waitFor({ timeout: 15_000 });

    expect(pageErrors).toEqual([]);
  });
});
