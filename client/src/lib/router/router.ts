/**
 * The client's pages as hash routes, so the server needs no route table and
 * deep links survive reloads. The pages themselves are the table in routes.ts;
 * this module parses a hash into a route and prints a route's href from that
 * table (pure functions), and the router store only follows `hashchange`.
 */
import { readonly, writable, type Readable } from "svelte/store";
import { PARAMS, ROUTES, type Route, type RouteValues } from "./routes.js";

export type { Route, RouteName } from "./routes.js";

interface CompiledRoute {
  readonly name: Route["name"];
  readonly withNext: boolean;
  readonly pattern: RegExp;
  readonly params: readonly (keyof typeof PARAMS)[];
}

function isParamName(name: string): name is keyof typeof PARAMS {
  return Object.hasOwn(PARAMS, name);
}

/** Each entry's path as an anchored regular expression with one named group per parameter. */
const COMPILED: readonly CompiledRoute[] = ROUTES.map((entry) => {
  const params: (keyof typeof PARAMS)[] = [];
  const source = entry.path
    .split("/")
    .map((segment) => {
      if (!segment.startsWith(":")) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const name = segment.slice(1);
      if (!isParamName(name)) throw new Error(`route ${entry.name}: unknown parameter ${name}`);
      params.push(name);
      return `(?<${name}>${PARAMS[name].pattern})`;
    })
    .join("/");
  return {
    name: entry.name,
    withNext: entry.withNext,
    pattern: new RegExp(`^${source}$`),
    params,
  };
});

/** Reads a `location.hash` ("#/stands/…", "", "#") into a route. */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, "");
  const [pathPart = "", query = ""] = raw.split("?", 2);
  const path = pathPart === "" ? "/" : pathPart.replace(/\/+$/, "") || "/";
  for (const entry of COMPILED) {
    const match = entry.pattern.exec(path);
    if (!match) continue;
    const groups = match.groups ?? {};
    const route: Record<string, string> = { name: entry.name };
    for (const name of entry.params) {
      const value = groups[name] ?? "";
      route[name] = PARAMS[name].lowercase ? value.toLowerCase() : value;
    }
    if (entry.withNext) {
      const next = new URLSearchParams(query).get("next");
      if (next && isSafeNext(next)) route.next = next;
    }
    if (isRoute(route)) return route;
  }
  return { name: "notFound", path };
}

/** A route the parser built: a table entry's name with every parameter of its path. */
function isRoute(value: RouteValues): value is Route {
  const entry = COMPILED.find((candidate) => candidate.name === value.name);
  return entry !== undefined && entry.params.every((name) => typeof value[name] === "string");
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
  if (route.name === "notFound") return `#${route.path}`;
  const values = new Map(Object.entries(route));
  const entry = ROUTES.find((candidate) => candidate.name === route.name);
  const path = (entry?.path ?? "/")
    .split("/")
    .map((segment) => (segment.startsWith(":") ? (values.get(segment.slice(1)) ?? "") : segment))
    .join("/");
  const next = values.get("next");
  return next ? `#${path}?next=${encodeURIComponent(next)}` : `#${path}`;
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
