/**
 * Small page-level steps shared by the browser suites: signing a demo account
 * in through the sign-in form, a same-origin JSON request from a page with its
 * session cookie, the visible text of a page for checks on what people see,
 * whether a page fits its viewport's width, and whether charts have drawn.
 */
import type { Locator, Page } from "playwright-core";

export const DEMO_PASSWORD = "crossfair-demo";
/** A UUID, for regular expressions over page addresses (`#/stands/<id>`). */
export const UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** Fills in the sign-in form and sends it; what follows is up to the caller. */
export async function submitSignInForm(
  page: Page,
  baseUrl: string,
  email: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto(`${baseUrl}/#/sign-in`);
  await page.locator("#sign-in-email").fill(email);
  await page.locator("#sign-in-password").fill(password);
  await page.getByTestId("sign-in-form").locator("button[type=submit]").click();
}

/** Signs in through the form, the way a visitor does, and waits for the account menu. */
export async function signInThroughForm(
  page: Page,
  baseUrl: string,
  email: string,
  displayName: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await submitSignInForm(page, baseUrl, email, password);
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

/** True when nothing on the page sticks out sideways (no horizontal scrolling). */
export const fitsViewport = (page: Page): Promise<boolean> =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** True when the canvas has at least one painted pixel. */
export const canvasPainted = (canvas: Locator): Promise<boolean> =>
  canvas.evaluate((element: HTMLCanvasElement) => {
    const context = element.getContext("2d");
    if (!context || element.width === 0 || element.height === 0) return false;
    const { data } = context.getImageData(0, 0, element.width, element.height);
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
    return false;
  });

/** True once every chart canvas in the page or element has painted something (none: true). */
export async function chartsPainted(scope: Page | Locator): Promise<boolean> {
  for (const canvas of await scope.getByTestId("chart-canvas").all()) {
    if (!(await canvasPainted(canvas))) return false;
  }
  return true;
}
