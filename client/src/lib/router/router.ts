/**
 * The client's few pages as hash routes, so the server needs no route table
 * and deep links survive reloads: `#/` hall, `#/stands/<id>`, `#/sign-in`,
 * `#/console/<standId>` and `#/interview/<id>`; the candidate's `#/sign-up`,
 * `#/profile` and `#/applications`; stand admins' `#/stands/<id>/manage`,
 * invitation links `#/invite/<token>` and employers' `#/register-stand`. Parsing and printing are pure
 * functions; the router store only follows `hashchange`.
 */
import { readonly, writable, type Readable } from "svelte/store";

export type Route =
  | { name: "hall" }
  | { name: "stand"; standId: string }
  /** `next` is where to go after signing in, as a route path like "/stands/<id>". */
  | { name: "signIn"; next?: string }
  /** The candidate's account: sign-up (`next` as for sign-in), profile and applications. */
  | { name: "signUp"; next?: string }
  | { name: "profile" }
  | { name: "applications" }
  | { name: "console"; standId: string }
  | { name: "interview"; interviewId: string }
  | { name: "admin" }
  | { name: "adminFair"; slug: string }
  | { name: "adminLive"; slug: string }
  | { name: "adminReport"; slug: string }
  /** A stand admin's page for their stand: details, vacancies, staff and invitations. */
  | { name: "manageStand"; standId: string }
  /** An invitation link to join a stand's staff; the token is case-sensitive. */
  | { name: "invite"; token: string }
  /** An employer or temp agency registers a stand at the current fair, with its admin account. */
  | { name: "registerStand" }
  | { name: "notFound"; path: string };

// Ids are UUIDs everywhere; anything else is a mistyped link, not a page.
const ID = "([0-9a-fA-F-]{36})";
// Fair slugs as the server accepts them.
const SLUG = "([a-z0-9-]{1,80})";
const PATTERNS: { pattern: RegExp; route: (id: string) => Route }[] = [
  { pattern: new RegExp(`^/stands/${ID}$`), route: (standId) => ({ name: "stand", standId }) },
  { pattern: new RegExp(`^/console/${ID}$`), route: (standId) => ({ name: "console", standId }) },
  {
    pattern: new RegExp(`^/interview/${ID}$`),
    route: (interviewId) => ({ name: "interview", interviewId }),
  },
  { pattern: new RegExp(`^/admin/fairs/${SLUG}$`), route: (slug) => ({ name: "adminFair", slug }) },
  {
    pattern: new RegExp(`^/admin/fairs/${SLUG}/live$`),
    route: (slug) => ({ name: "adminLive", slug }),
  },
  {
    pattern: new RegExp(`^/admin/fairs/${SLUG}/report$`),
    route: (slug) => ({ name: "adminReport", slug }),
  },
  {
    pattern: new RegExp(`^/stands/${ID}/manage$`),
    route: (standId) => ({ name: "manageStand", standId }),
  },
];
// Invitation tokens are base64url; unlike ids they must keep their case.
const INVITE = /^\/invite\/([A-Za-z0-9_-]{16,128})$/;

/** Reads a `location.hash` ("#/stands/…", "", "#") into a route. */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, "");
  const [pathPart = "", query = ""] = raw.split("?", 2);
  const path = pathPart === "" ? "/" : pathPart.replace(/\/+$/, "") || "/";
  if (path === "/") return { name: "hall" };
  if (path === "/admin") return { name: "admin" };
  if (path === "/sign-in") {
    const next = new URLSearchParams(query).get("next");
    return next && isSafeNext(next) ? { name: "signIn", next } : { name: "signIn" };
  }
  if (path === "/sign-up") {
    const next = new URLSearchParams(query).get("next");
    return next && isSafeNext(next) ? { name: "signUp", next } : { name: "signUp" };
  }
  if (path === "/profile") return { name: "profile" };
  if (path === "/applications") return { name: "applications" };
  if (path === "/register-stand") return { name: "registerStand" };
  const invite = INVITE.exec(path);
  if (invite?.[1]) return { name: "invite", token: invite[1] };
  for (const { pattern, route } of PATTERNS) {
    const match = pattern.exec(path);
    if (match?.[1]) return route(match[1].toLowerCase());
  }
  return { name: "notFound", path };
}

/** Only our own pages, and never back to the sign-in form itself. */
function isSafeNext(next: string): boolean {
  const route = parseHash(`#${next}`);
  return (
    next.startsWith("/") &&
    route.name !== "notFound" &&
    route.name !== "signIn" &&
    route.name !== "signUp"
  );
}

/** The `href` of a route, e.g. "#/stands/<id>". */
export function hrefFor(route: Route): string {
  switch (route.name) {
    case "hall":
      return "#/";
    case "stand":
      return `#/stands/${route.standId}`;
    case "signIn":
      return route.next ? `#/sign-in?next=${encodeURIComponent(route.next)}` : "#/sign-in";
    case "signUp":
      return route.next ? `#/sign-up?next=${encodeURIComponent(route.next)}` : "#/sign-up";
    case "profile":
      return "#/profile";
    case "applications":
      return "#/applications";
    case "console":
      return `#/console/${route.standId}`;
    case "interview":
      return `#/interview/${route.interviewId}`;
    case "manageStand":
      return `#/stands/${route.standId}/manage`;
    case "invite":
      return `#/invite/${route.token}`;
    case "registerStand":
      return "#/register-stand";
    case "admin":
      return "#/admin";
    case "adminFair":
      return `#/admin/fairs/${route.slug}`;
    case "adminLive":
      return `#/admin/fairs/${route.slug}/live`;
    case "adminReport":
      return `#/admin/fairs/${route.slug}/report`;
    case "notFound":
      return `#${route.path}`;
  }
}

/** The route path without the "#", for a sign-in's `next`. */
export function pathOf(route: Route): string {
  return hrefFor(route).slice(1).split("?")[0] ?? "/";
}

/** True for "#stands"-like fragments that point into the page rather than at a route. */
export function isAnchor(hash: string): boolean {
  return /^#[^/]/.test(hash);
}

/** The part of `window` the router needs. */
export interface HashWindow {
  readonly location: { hash: string };
  addEventListener(type: "hashchange", listener: () => void): void;
  removeEventListener(type: "hashchange", listener: () => void): void;
}

export interface Router extends Readable<Route> {
  readonly route: Route;
  navigate(route: Route): void;
  destroy(): void;
}

export function createRouter(win: HashWindow): Router {
  let current = isAnchor(win.location.hash) ? parseHash("") : parseHash(win.location.hash);
  const state = writable<Route>(current);

  function update(): void {
    // An in-page anchor such as the skip link's "#stands" is not a page change.
    if (isAnchor(win.location.hash)) return;
    const next = parseHash(win.location.hash);
    if (hrefFor(next) === hrefFor(current)) return;
    current = next;
    state.set(next);
  }

  win.addEventListener("hashchange", update);
  return {
    subscribe: readonly(state).subscribe,
    get route() {
      return current;
    },
    navigate(route) {
      const href = hrefFor(route);
      if (win.location.hash !== href) win.location.hash = href;
      // Browsers fire hashchange later; the page switches now.
      update();
    },
    destroy() {
      win.removeEventListener("hashchange", update);
    },
  };
}
