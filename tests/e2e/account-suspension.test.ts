/**
 * The fair admin suspends an account in Chromium: finds the person from the
 * administration's People page, is asked to confirm and to give a reason,
 * and sees the row marked suspended; the person's open tab shows them signed
 * out, and their next sign-in is refused with the organiser's message in their language; reinstating lets them in
 * again. axe finds nothing serious on the page or in the dialog.
 */
import { describe, expect, it } from "vitest";
import { seriousA11yViolations } from "../support/accessibility.js";
import { chromiumAvailable } from "../support/browser.js";
import { signInThroughForm, submitSignInForm } from "../support/browser-pages.js";
import { useBrowserFair } from "../support/browser-suite.js";

const available = await chromiumAvailable();

describe.runIf(available)("account suspension in Chromium", () => {
  const fair = useBrowserFair({ MEDIA_WORKERS: "0" });
  const { openPage, signIn, pageErrors } = fair;

  it("suspends a person behind a confirmation with a reason, then reinstates them", async () => {
    // The person is signed in, in a tab of their own, when the admin suspends them.
    const person = await openPage();
    await signInThroughForm(person, fair.baseUrl, "kandidaat@crossfair.test", "Jens Vermeulen");
    const admin = await openPage();
    await signIn(admin, "admin@crossfair.test", "Fair Admin");
    await admin.getByTestId("admin-link").click();
    await admin.getByTestId("admin-people-link").click();
    await expect.poll(() => admin.url()).toBe(`${fair.baseUrl}/#/admin/people`);
    await admin.getByTestId("people-table").waitFor({ timeout: 15_000 });

    await admin.getByTestId("people-query").fill("kandidaat@");
    await admin.getByTestId("people-search-submit").click();
    const row = admin.locator('[data-testid="person-row"][data-email="kandidaat@crossfair.test"]');
    await expect.poll(() => admin.getByTestId("person-row").count()).toBe(1);
    expect(await seriousA11yViolations(admin)).toEqual([]);

    // The confirmation wants a reason; Escape would cancel it.
    await row.getByTestId("person-suspend").click();
    const dialog = admin.getByTestId("suspension-dialog");
    await dialog.getByTestId("suspension-reason").waitFor();
    await dialog.getByTestId("suspension-confirm").click();
    await expect
      .poll(() => dialog.locator("#suspension-reason-error").textContent())
      .toMatch(/reason/i);
    expect(await seriousA11yViolations(admin)).toEqual([]);
    await dialog.getByTestId("suspension-reason").fill("Fake company contact details.");
    await dialog.getByTestId("suspension-confirm").click();
    await row.getByTestId("person-suspended").waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain("Fake company contact details.");
    expect(await admin.getByTestId("people-done").textContent()).toMatch(/is suspended/);
    expect(await dialog.isVisible()).toBe(false);

    // The person's open tab learns its session ended, and shows them signed out.
    await expect
      .poll(() => person.getByTestId("signed-in-user").count(), { timeout: 15_000 })
      .toBe(0);
    // Their sign-in is refused, with the organiser's message in their language (Dutch: the
    // tab kept the language of their account).
    await submitSignInForm(person, fair.baseUrl, "kandidaat@crossfair.test");
    const refusal = person.getByTestId("sign-in-error");
    await refusal.waitFor({ timeout: 10_000 });
    expect(await refusal.textContent()).toMatch(/geschorst door de organisator/);

    // Reinstated, they sign in again.
    await row.getByTestId("person-reinstate").click();
    await dialog.getByTestId("suspension-confirm").click();
    await expect.poll(() => row.getByTestId("person-suspended").count()).toBe(0);
    await signInThroughForm(person, fair.baseUrl, "kandidaat@crossfair.test", "Jens Vermeulen");
    expect(pageErrors).toEqual([]);
  });
});
