import { describe, expect, it } from "vitest";
import { get } from "svelte/store";
import { createRouter, hrefFor, parseHash, pathOf, type HashWindow, type Route } from "./router.js";
import { ROUTES, entryOf, paramNames } from "./routes.js";

const ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
/** Invitation tokens are base64url and case-sensitive. */
const TOKEN = "Xq3-vB_9kLmN0pQrStUvWxYzAbCdEfGhIjKlMnOpQrS";

class FakeWindow implements HashWindow {
  readonly location = { hash: "" };
  readonly listeners = new Set<() => void>();
  addEventListener(_type: "hashchange", listener: () => void) {
    this.listeners.add(listener);
  }
  removeEventListener(_type: "hashchange", listener: () => void) {
    this.listeners.delete(listener);
  }
  /** The user edits the address bar or follows a link. */
  go(hash: string) {
    this.location.hash = hash;
    for (const listener of this.listeners) listener();
  }
}

describe("hash routes", () => {
  it.each<[string, Route]>([
    ["", { name: "hall" }],
    ["#", { name: "hall" }],
    ["#/", { name: "hall" }],
    [`#/stands/${ID}`, { name: "stand", standId: ID }],
    [`#/stands/${ID}/`, { name: "stand", standId: ID }],
    [`#/console/${ID.toUpperCase()}`, { name: "console", standId: ID }],
    [`#/interview/${ID}`, { name: "interview", interviewId: ID }],
    ["#/sign-in", { name: "signIn" }],
    [`#/sign-in?next=%2Fstands%2F${ID}`, { name: "signIn", next: `/stands/${ID}` }],
    ["#/sign-up", { name: "signUp" }],
    [`#/sign-up?next=%2Fstands%2F${ID}`, { name: "signUp", next: `/stands/${ID}` }],
    ["#/profile", { name: "profile" }],
    ["#/applications/", { name: "applications" }],
    ["#/agenda", { name: "agenda" }],
    [`#/stands/${ID}/manage`, { name: "manageStand", standId: ID }],
    [`#/invite/${TOKEN}`, { name: "invite", token: TOKEN }],
    ["#/register-stand", { name: "registerStand" }],
    ["#/invite/short", { name: "notFound", path: "/invite/short" }],
    ["#/stands/not-an-id", { name: "notFound", path: "/stands/not-an-id" }],
    ["#/admin", { name: "admin" }],
    ["#/admin/fairs/job-day-2026", { name: "adminFair", slug: "job-day-2026" }],
    ["#/admin/fairs/job-day-2026/live", { name: "adminLive", slug: "job-day-2026" }],
    ["#/admin/fairs/job-day-2026/report/", { name: "adminReport", slug: "job-day-2026" }],
    ["#/admin/fairs/Not_A_Slug", { name: "notFound", path: "/admin/fairs/Not_A_Slug" }],
    // The skip link's in-page anchor is not a route.
    ["#stands", { name: "notFound", path: "stands" }],
  ])("reads %s", (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });

  it("only returns to our own pages after signing in", () => {
    expect(parseHash("#/sign-in?next=https%3A%2F%2Fevil.example")).toEqual({ name: "signIn" });
    expect(parseHash("#/sign-in?next=%2Fsign-in")).toEqual({ name: "signIn" });
    expect(parseHash("#/sign-in?next=%2Fsign-up")).toEqual({ name: "signIn" });
    expect(parseHash("#/sign-up?next=%2Fsign-in")).toEqual({ name: "signUp" });
    expect(parseHash("#/sign-up?next=%2F%2Fevil.example")).toEqual({ name: "signUp" });
  });

  it("prints every route back to a hash it reads the same", () => {
    const routes: Route[] = [
      { name: "hall" },
      { name: "stand", standId: ID },
      { name: "console", standId: ID },
      { name: "interview", interviewId: ID },
      { name: "signIn" },
      { name: "signIn", next: `/console/${ID}` },
      { name: "signUp" },
      { name: "signUp", next: "/profile" },
      { name: "profile" },
      { name: "applications" },
      { name: "registerStand" },
      { name: "admin" },
      { name: "adminFair", slug: "job-day" },
      { name: "adminLive", slug: "job-day" },
      { name: "adminReport", slug: "job-day" },
    ];
    for (const route of routes) expect(parseHash(hrefFor(route))).toEqual(route);
    expect(pathOf({ name: "stand", standId: ID })).toBe(`/stands/${ID}`);
  });
});

describe("the route table", () => {
  it("prints the hash URLs the app has always used", () => {
    const hrefs: [Route, string][] = [
      [{ name: "hall" }, "#/"],
      [{ name: "stand", standId: ID }, `#/stands/${ID}`],
      [{ name: "manageStand", standId: ID }, `#/stands/${ID}/manage`],
      [{ name: "console", standId: ID }, `#/console/${ID}`],
      [{ name: "interview", interviewId: ID }, `#/interview/${ID}`],
      [{ name: "webinar", webinarId: ID }, `#/webinars/${ID}`],
      [{ name: "signIn" }, "#/sign-in"],
      [{ name: "signIn", next: `/console/${ID}` }, `#/sign-in?next=%2Fconsole%2F${ID}`],
      [{ name: "signUp", next: "/profile" }, "#/sign-up?next=%2Fprofile"],
      [{ name: "profile" }, "#/profile"],
      [{ name: "applications" }, "#/applications"],
      [{ name: "agenda" }, "#/agenda"],
      [{ name: "accountDeleted" }, "#/account-deleted"],
      [{ name: "invite", token: TOKEN }, `#/invite/${TOKEN}`],
      [{ name: "registerStand" }, "#/register-stand"],
      [{ name: "admin" }, "#/admin"],
      [{ name: "adminFair", slug: "job-day" }, "#/admin/fairs/job-day"],
      [{ name: "adminLive", slug: "job-day" }, "#/admin/fairs/job-day/live"],
      [{ name: "adminReport", slug: "job-day" }, "#/admin/fairs/job-day/report"],
      [{ name: "adminOperations" }, "#/admin/operations"],
      [{ name: "adminMailbox" }, "#/admin/mailbox"],
      [{ name: "adminPeople" }, "#/admin/people"],
      [{ name: "accountSecurity" }, "#/account/security"],
      [{ name: "forgotPassword" }, "#/forgot-password"],
      // The server's mails link to these two (server/src/auth/auth.service.ts).
      [{ name: "resetPassword", token: TOKEN }, `#/reset-password/${TOKEN}`],
      [{ name: "verifyEmail", token: TOKEN }, `#/verify-email/${TOKEN}`],
      [{ name: "notFound", path: "/nowhere" }, "#/nowhere"],
    ];
    for (const [route, href] of hrefs) expect(hrefFor(route)).toBe(href);
    // Every page of the table is covered above.
    expect(new Set(hrefs.map(([route]) => route.name))).toEqual(
      new Set([...ROUTES.map((entry) => entry.name), "notFound"]),
    );
  });

  it("holds each name and path once, with known parameters only", () => {
    expect(new Set(ROUTES.map((entry) => entry.name)).size).toBe(ROUTES.length);
    expect(new Set(ROUTES.map((entry) => entry.path)).size).toBe(ROUTES.length);
    expect(paramNames("/stands/:standId/manage")).toEqual(["standId"]);
    expect(entryOf({ name: "invite", token: TOKEN })?.guard).toBe("anyone");
    expect(entryOf({ name: "notFound", path: "/x" })).toBeUndefined();
  });

  it("takes `next` only where a page wants it, and keeps a token's case", () => {
    expect(parseHash("#/profile?next=%2Fapplications")).toEqual({ name: "profile" });
    expect(parseHash(`#/invite/${TOKEN.toLowerCase()}`)).toEqual({
      name: "invite",
      token: TOKEN.toLowerCase(),
    });
    expect(parseHash(`#/stands/${ID.toUpperCase()}/manage`)).toEqual({
      name: "manageStand",
      standId: ID,
    });
    expect(parseHash("#/stands//manage")).toEqual({ name: "notFound", path: "/stands//manage" });
  });
});

describe("router", () => {
  it("follows hashchange and navigates by setting the hash", () => {
    const win = new FakeWindow();
    win.location.hash = `#/stands/${ID}`;
    const router = createRouter(win);
    const seen: Route[] = [];
    router.subscribe((route) => seen.push(route));
    expect(router.route).toEqual({ name: "stand", standId: ID });

    win.go("#/sign-in");
    win.go("#main-content"); // an in-page anchor keeps the page
    expect(router.route).toEqual({ name: "signIn" });
    router.navigate({ name: "interview", interviewId: ID });
    expect(win.location.hash).toBe(`#/interview/${ID}`);
    // The browser's own hashchange for the same hash changes nothing.
    win.go(`#/interview/${ID}`);
    expect(seen.map((route) => route.name)).toEqual(["stand", "signIn", "interview"]);
    expect(get(router)).toEqual({ name: "interview", interviewId: ID });

    router.destroy();
    expect(win.listeners.size).toBe(0);
  });
});
