/**
 * Small page-level steps shared by the browser suites: signing a demo account
 * in through the sign-in form, a same-origin JSON request from a page with its
 * session cookie, and the visible text of a page for checks on what people see.
 */
import type { Page } from "playwright-core";

export const DEMO_PASSWORD = "crossfair-demo";

/** Signs in through the form, the way a visitor does, and waits for the account menu. */
export async function signInThroughForm(
  page: Page,
  baseUrl: string,
  email: string,
  displayName: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto(`${baseUrl}/#/sign-in`);
  await page.locator("#sign-in-email").fill(email);
  await page.locator("#sign-in-password").fill(password);
  await page.getByTestId("sign-in-form").locator("button[type=submit]").click();
  // A locator wait rather than expect.poll, so suites may sign in from beforeAll.
  await page
    .getByTestId("signed-in-user")
    .filter({ hasText: displayName })
    .waitFor({ timeout: 15_000 });
}

export interface PageAnswer<T = unknown> {
  status: number;
  body: T;
}

/** A same-origin JSON request made by the page itself, so it carries the page's session cookie. */
export async function pageApi<T = unknown>(
  page: Page,
  method: string,
  url: string,
  body?: unknown,
): Promise<PageAnswer<T>> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const response = await fetch(url, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
    },
    { method, url, body },
  );
}

/** What a sighted visitor can read: the rendered text of the page body. */
export const visibleText = (page: Page): Promise<string> => page.locator("body").innerText();
