/**
 * Every main page in every UI language (nl, fr, en, de), as the person who
 * uses it: the hall, a stand page, profile, agenda and applications as a candidate;
 * sign-in and sign-up as a visitor; the console and stand management as the
 * stand admin; the fair list, live dashboard and report as the fair admin.
 * Each page is saved as a full-page PNG under
 * tests/e2e/artifacts/screenshots/<lang>/<page>.png, and must carry its
 * language in <html lang>, show no raw translation key or unfilled
 * placeholder, and have no serious or critical axe violation.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { seriousA11yViolations } from "../support/accessibility.js";
import { chromiumAvailable } from "../support/browser.js";
import { chartsPainted, pageApi } from "../support/browser-pages.js";
import { useBrowserFair } from "../support/browser-suite.js";
import { repoRoot } from "../support/server-process.js";
import { DEMO_FAIR } from "../support/stands.js";

const available = await chromiumAvailable();
const LANGUAGES = ["nl", "fr", "en", "de"] as const;
const screenshotsDir = path.join(repoRoot, "tests", "e2e", "artifacts", "screenshots");

/** Top-level keys of the message files: "staff.console.title" on screen is a missing message. */
const RAW_KEY =
  /\b(?:account|staff|admin|app|hall|standPage|stand|slots|console|errors|nav|interview|session|myQueues|call|filters|connection|kind|sector|contract|alerts)\.[a-z][A-Za-z_]*(?:\.[A-Za-z_]+)*\b/g;
/** An interpolation i18next left unfilled. */
const RAW_PLACEHOLDER = /\{\{\s*\w+\s*\}\}/g;

interface Visit {
  name: string;
  hash: string;
  /** Something that is only there once the page has its data. */
  ready: (page: Page) => Locator;
}

describe.runIf(available)("main pages in every UI language", () => {
  const fair = useBrowserFair({ MEDIA_WORKERS: "0" });
  const { openPage, signIn, pageErrors } = fair;
  let visitor: Page;
  let candidate: Page;
  let standAdmin: Page;
  let admin: Page;
  let standId = "";
  let ownStandId = "";

  beforeAll(async () => {
    [visitor, candidate, standAdmin, admin] = await Promise.all([
      openPage(),
      openPage(),
      openPage(),
      openPage(),
    ]);
    await visitor.goto(`${fair.baseUrl}/#/`);
    await signIn(candidate, "candidate@crossfair.test", "Camille Dubois");
    await signIn(standAdmin, "standadmin@crossfair.test", "Julien Lemaire");
    await signIn(admin, "admin@crossfair.test", "Fair Admin");

    // Flanders Food Factory's page for the candidate, who has applied there (so
    // "My applications" shows one); the stand admin's own stand for the console.
    const hall = await pageApi<{ stands: { id: string; organisationName: string }[] }>(
      candidate,
      "GET",
      `/api/fairs/current/hall`,
    );
    standId =
      hall.body.stands.find((s) => s.organisationName === "Flanders Food Factory")?.id ?? "";
    const stand = await pageApi<{ vacancies: { id: string }[] }>(
      candidate,
      "GET",
      `/api/stands/${standId}`,
    );
    const applied = await pageApi(
      candidate,
      "POST",
      `/api/vacancies/${stand.body.vacancies[0]?.id ?? ""}/applications`,
      { message: "Disponible dès le mois prochain." },
    );
    expect(applied.status).toBe(201);
    const consoleHref = await standAdmin.getByTestId("console-link").first().getAttribute("href");
    ownStandId = /#\/console\/([0-9a-f-]{36})$/.exec(consoleHref ?? "")?.[1] ?? "";
    expect(ownStandId).not.toBe("");
  });

  const candidatePages = (): Visit[] => [
    { name: "hall", hash: "#/", ready: (page) => page.getByTestId("stand-card").first() },
    {
      name: "stand",
      hash: `#/stands/${standId}`,
      ready: (page) => page.getByTestId("join-form"),
    },
    { name: "profile", hash: "#/profile", ready: (page) => page.getByTestId("profile-form") },
    {
      name: "agenda",
      hash: "#/agenda",
      ready: (page) => page.locator("[data-testid=agenda-page][data-status=ready]"),
    },
    {
      name: "applications",
      hash: "#/applications",
      ready: (page) => page.getByTestId("application").first(),
    },
  ];
  const visitorPages = (): Visit[] => [
    { name: "sign-in", hash: "#/sign-in", ready: (page) => page.getByTestId("sign-in-form") },
    { name: "sign-up", hash: "#/sign-up", ready: (page) => page.getByTestId("sign-up-form") },
  ];
  const standAdminPages = (): Visit[] => [
    {
      name: "console",
      hash: `#/console/${ownStandId}`,
      ready: (page) => page.getByTestId("staff-summary"),
    },
    {
      name: "stand-manage",
      hash: `#/stands/${ownStandId}/manage`,
      ready: (page) => page.getByTestId("stand-profile-form"),
    },
  ];
  const adminPages = (): Visit[] => [
    { name: "admin-fairs", hash: "#/admin", ready: (page) => page.getByTestId("fair-row").first() },
    {
      name: "admin-live",
      hash: `#/admin/fairs/${DEMO_FAIR}/live`,
      ready: (page) => page.getByTestId("live-waiting"),
    },
    {
      name: "admin-report",
      hash: `#/admin/fairs/${DEMO_FAIR}/report`,
      ready: (page) => page.getByTestId("report-totals"),
    },
  ];

  /** Switches the UI language with the header's language menu, unless it already is that one. */
  async function showIn(page: Page, language: string): Promise<void> {
    const current = await page.evaluate(() => document.documentElement.lang);
    if (current !== language) await page.locator("#ui-language").selectOption(language);
    await expect
      .poll(() => page.evaluate(() => document.documentElement.lang), { timeout: 5_000 })
      .toBe(language);
  }

  /** What people read or hear: rendered text plus the labels assistive technology announces. */
  const shownText = (page: Page) =>
    page.evaluate(() => {
      const labels = Array.from(
        document.querySelectorAll("[aria-label], [placeholder], [title], [alt]"),
      )
        .map((element) =>
          ["aria-label", "placeholder", "title", "alt"]
            .map((name) => element.getAttribute(name) ?? "")
            .join(" "),
        )
        .join("\n");
      return `${document.body.innerText}\n${labels}\n${document.title}`;
    });

  /** Visits each page in the language; returns its problems by page name (none: no entry). */
  async function visitAll(
    page: Page,
    visits: Visit[],
    language: string,
  ): Promise<Record<string, string[]>> {
    const problems: Record<string, string[]> = {};
    for (const visit of visits) {
      await page.evaluate((hash) => (window.location.hash = hash), visit.hash);
      await showIn(page, language);
      await visit.ready(page).waitFor({ timeout: 15_000 });
      if (visit.name.startsWith("admin-")) {
        await expect.poll(() => chartsPainted(page), { timeout: 15_000 }).toBe(true);
      }
      await page.screenshot({
        path: path.join(screenshotsDir, language, `${visit.name}.png`),
        fullPage: true,
      });
      const found: string[] = [];
      const lang = await page.evaluate(() => document.documentElement.lang);
      if (lang !== language) found.push(`<html lang="${lang}">`);
      const text = await shownText(page);
      for (const match of text.matchAll(RAW_KEY)) found.push(`raw key ${match[0]}`);
      for (const match of text.matchAll(RAW_PLACEHOLDER)) found.push(`placeholder ${match[0]}`);
      found.push(...(await seriousA11yViolations(page)));
      if (found.length > 0) problems[visit.name] = found;
    }
    return problems;
  }

  it.each(LANGUAGES)(
    "in %s: lang, messages and accessibility of every main page",
    async (language) => {
      await mkdir(path.join(screenshotsDir, language), { recursive: true });
      const problems = {
        ...(await visitAll(visitor, visitorPages(), language)),
        ...(await visitAll(candidate, candidatePages(), language)),
        ...(await visitAll(standAdmin, standAdminPages(), language)),
        ...(await visitAll(admin, adminPages(), language)),
      };
      expect(problems).toEqual({});
      expect(pageErrors).toEqual([]);
    },
    120_000,
  );
});
