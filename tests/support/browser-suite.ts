/**
 * The frame every browser suite shares: one fair started before the suite's
 * tests and closed after them, pages opened each in their own browser context
 * (their own cookies) whose uncaught errors are collected, so a test can end
 * by expecting none, and demo accounts signed in through the form.
 */
import type { BrowserContext, BrowserContextOptions, Page, ViewportSize } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { startBrowserFair, type BrowserFair } from "./browser-fair.js";
import { DEMO_PASSWORD, signInThroughForm } from "./browser-pages.js";
import type { ServerProcess } from "./server-process.js";

export const DESKTOP: ViewportSize = { width: 1280, height: 900 };

/** The suite's fair as its tests use it: readable from the suite's first beforeAll on. */
export interface BrowserSuite {
  readonly baseUrl: string;
  readonly server: ServerProcess;
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
  /** Uncaught errors of every page opened with `openPage`, each after the page's address. */
  readonly pageErrors: string[];
  /** A page in a new browser context with the suite's context options, desktop-sized by default. */
  openPage: (viewport?: ViewportSize) => Promise<Page>;
  /** Signs a demo account in through the form and waits for the account menu. */
  signIn: (page: Page, email: string, displayName: string) => Promise<void>;
}

/**
 * Registers the fair's start and stop on the enclosing describe block; call it
 * first in the block, so the suite's own beforeAll hooks find the fair started.
 * `env` gives the server its settings (a media port range of its own, timings);
 * `contextOptions` apply to every page opened with `openPage` (permissions).
 */
export function useBrowserFair(
  env: Record<string, string>,
  contextOptions: BrowserContextOptions = {},
): BrowserSuite {
  let started: BrowserFair | undefined;
  const pageErrors: string[] = [];
  beforeAll(async () => {
    started = await startBrowserFair(env);
  });
  afterAll(async () => started?.close());

  const fair = (): BrowserFair => {
    if (!started) throw new Error("The fair starts in beforeAll: use it from a hook or a test.");
    return started;
  };
  return {
    get baseUrl() {
      return fair().baseUrl;
    },
    get server() {
      return fair().server;
    },
    newContext: (options) => fair().newContext(options),
    pageErrors,
    openPage: async (viewport = DESKTOP) => {
      const context = await fair().newContext({ ...contextOptions, viewport });
      const page = await context.newPage();
      page.on("pageerror", (error) => pageErrors.push(`${page.url()}: ${error.message}`));
      // A script, style or image the security headers refuse is a broken page too.
      page.on("console", (message) => {
        if (message.type() === "error" && /Content Security Policy/i.test(message.text()))
          pageErrors.push(`${page.url()}: ${message.text()}`);
      });
      return page;
    },
    signIn: (page, email, displayName) =>
      signInThroughForm(page, fair().baseUrl, email, displayName),
  };
}

/**
 * A new browser context (camera and microphone allowed) with a demo account
 * signed in over HTTP, for suites that drive several people at once.
 */
export async function signedInContext(
  fair: BrowserSuite,
  email: string,
): Promise<{ context: BrowserContext; userId: string }> {
  const context = await fair.newContext({ permissions: ["camera", "microphone"] });
  const response = await context.request.post(`${fair.baseUrl}/api/auth/sign-in`, {
    data: { email, password: DEMO_PASSWORD },
  });
  if (response.status() !== 200) throw new Error(`sign-in ${email}: ${await response.text()}`);
  const { user } = (await response.json()) as { user: { id: string } };
  return { context, userId: user.id };
}
