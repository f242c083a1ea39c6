/**
 * The client's pages as one table: each entry's name, hash path (with `:param`
 * placeholders), who may see it, and how to load it (its component and its page
 * module, both on demand, so a visitor browsing the hall downloads only the
 * hall). `Route`, `parseHash` and `hrefFor` (router.ts) derive from this table,
 * and App.svelte renders whichever entry matched: adding a page is adding an entry.
 */
import type { Component } from "svelte";
import type { PageServices } from "../../pages/page.services.js";
import type { RouteGuard } from "./route-guard.js";

/** How each path parameter is spelt; its name in the path picks it. */
export const PARAMS = {
  // Ids are UUIDs everywhere (any case in a link, lower case in the route).
  standId: { pattern: "[0-9a-fA-F-]{36}", lowercase: true },
  interviewId: { pattern: "[0-9a-fA-F-]{36}", lowercase: true },
  webinarId: { pattern: "[0-9a-fA-F-]{36}", lowercase: true },
  // Fair slugs as the server accepts them.
  slug: { pattern: "[a-z0-9-]{1,80}", lowercase: false },
  // Invitation tokens are base64url; unlike ids they must keep their case.
  token: { pattern: "[A-Za-z0-9_-]{16,128}", lowercase: false },
} as const;

type ParamName = keyof typeof PARAMS;

/** The `:name` placeholders of a path, as a union. */
type ParamsIn<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamsIn<`/${Rest}`>
  : Path extends `${string}:${infer Name}`
    ? Name
    : never;

type Simplify<T> = { [K in keyof T]: T[K] };

/** A page's parameters: its path's placeholders, and `next` where the page takes one. */
export type RouteParams<Path extends string, Next extends boolean> = Simplify<
  { [K in ParamsIn<Path>]: string } & (Next extends true ? { next?: string } : unknown)
>;

/** What a page module exports: how to build the page's props (its managers among them). */
export interface PageModule<Params, Props> {
  build(services: PageServices, params: Params): Props;
}

/** A route's fields as the router holds them: its name and parameters, all strings. */
export type RouteValues = Readonly<Record<string, string | undefined>>;

export interface PageEntry<
  Name extends string,
  Path extends string,
  Next extends boolean,
  Props extends Record<string, unknown>,
> {
  readonly name: Name;
  /** e.g. "/stands/:standId/manage"; every placeholder is a key of `PARAMS`. */
  readonly path: Path;
  /** The page takes `?next=<route path>`: where to go after signing in or up. */
  readonly withNext: boolean;
  readonly guard: RouteGuard;
  readonly component: () => Promise<{ default: Component<Props> }>;
  readonly module: () => Promise<PageModule<RouteParams<Path, Next>, Props>>;
  /** Loads the page and builds it for this route: its component with the props bound. */
  open(services: PageServices, route: RouteValues): Promise<Component>;
}

/** The `:name` placeholders of a path, in order. */
export function paramNames(path: string): string[] {
  return path
    .split("/")
    .filter((segment) => segment.startsWith(":"))
    .map((segment) => segment.slice(1));
}

/** Whether a route carries every parameter of this path (the router made it from the path). */
function hasParams<Path extends string, Next extends boolean>(
  path: Path,
  route: RouteValues,
): route is RouteValues & RouteParams<Path, Next> {
  return paramNames(path).every((name) => typeof route[name] === "string");
}

function page<
  const Name extends string,
  const Path extends string,
  Props extends Record<string, unknown>,
  const Next extends boolean = false,
>(spec: {
  name: Name;
  path: Path & (ParamsIn<Path> extends ParamName ? unknown : "every :param must be in PARAMS");
  guard: RouteGuard;
  withNext?: Next;
  component: () => Promise<{ default: Component<Props> }>;
  module: () => Promise<PageModule<RouteParams<Path, Next>, Props>>;
}): PageEntry<Name, Path, Next, Props> {
  const { name, path, guard, component, module } = spec;
  return {
    name,
    path,
    withNext: spec.withNext ?? false,
    guard,
    component,
    module,
    async open(services, route) {
      if (!hasParams<Path, Next>(path, route)) throw new Error(`route ${name}: missing parameters`);
      const [{ default: view }, { build }] = await Promise.all([component(), module()]);
      const props = build(services, route);
      // A page's props are fixed for its life (the view is rebuilt for another route),
      // so they are bound here and App renders every page the same way.
      return (internals) => view(internals, props);
    },
  };
}

export const ROUTES = [
  page({
    name: "hall",
    path: "/",
    guard: "anyone",
    component: () => import("../../pages/HallPage.svelte"),
    module: () => import("../../pages/hall.page.js"),
  }),
  page({
    name: "stand",
    path: "/stands/:standId",
    guard: "anyone",
    component: () => import("../../queue/StandPage.svelte"),
    module: () => import("../../pages/stand.page.js"),
  }),
  page({
    name: "signIn",
    path: "/sign-in",
    guard: "anyone",
    withNext: true,
    component: () => import("../../session/SignIn.svelte"),
    module: () => import("../../pages/sign-in.page.js"),
  }),
  page({
    name: "signUp",
    path: "/sign-up",
    guard: "anyone",
    withNext: true,
    component: () => import("../../account/SignUp.svelte"),
    module: () => import("../../pages/sign-up.page.js"),
  }),
  // The account's lifecycle: links from emails, and the signed-in person's security page.
  page({
    name: "forgotPassword",
    path: "/forgot-password",
    guard: "anyone",
    component: () => import("../../session/ForgotPasswordPage.svelte"),
    module: () =>
      import("../../pages/account-security.page.js").then((m) => ({ build: m.buildForgot })),
  }),
  page({
    name: "resetPassword",
    path: "/reset-password/:token",
    guard: "anyone",
    component: () => import("../../session/ResetPasswordPage.svelte"),
    module: () =>
      import("../../pages/account-security.page.js").then((m) => ({ build: m.buildReset })),
  }),
  page({
    name: "verifyEmail",
    path: "/verify-email/:token",
    guard: "anyone",
    component: () => import("../../session/VerifyEmailPage.svelte"),
    module: () =>
      import("../../pages/account-security.page.js").then((m) => ({ build: m.buildVerify })),
  }),
  page({
    name: "accountSecurity",
    path: "/account/security",
    guard: "signedIn",
    component: () => import("../../account/SecurityPage.svelte"),
    module: () =>
      import("../../pages/account-security.page.js").then((m) => ({ build: m.buildSecurity })),
  }),
  page({
    name: "adminMailbox",
    path: "/admin/mailbox",
    guard: "fairAdmin",
    component: () => import("../../admin/MailboxPage.svelte"),
    module: () => import("../../pages/mailbox.page.js"),
  }),
  page({
    name: "profile",
    path: "/profile",
    guard: "candidate",
    component: () => import("../../account/ProfilePage.svelte"),
    module: () => import("../../pages/profile.page.js"),
  }),
  page({
    name: "accountDeleted",
    path: "/account-deleted",
    guard: "anyone",
    component: () => import("../../account/AccountDeleted.svelte"),
    module: () => import("../../pages/account-deleted.page.js"),
  }),
  page({
    name: "applications",
    path: "/applications",
    guard: "candidate",
    component: () => import("../../account/ApplicationsPage.svelte"),
    module: () => import("../../pages/applications.page.js"),
  }),
  page({
    name: "agenda",
    path: "/agenda",
    guard: "candidate",
    component: () => import("../../agenda/AgendaPage.svelte"),
    module: () => import("../../pages/agenda.page.js"),
  }),
  page({
    name: "console",
    path: "/console/:standId",
    guard: "standStaff",
    component: () => import("../../queue/StaffConsole.svelte"),
    module: () => import("../../pages/console.page.js"),
  }),
  page({
    name: "interview",
    path: "/interview/:interviewId",
    guard: "signedIn",
    // The media stack is most of the bundle and the hall never needs it.
    component: () => import("../../pages/InterviewPage.svelte"),
    module: () => import("../../pages/interview.page.js"),
  }),
  page({
    name: "webinar",
    path: "/webinars/:webinarId",
    guard: "signedIn",
    // Like the interview, the live session carries the media stack.
    component: () => import("../../webinar-live/WebinarPage.svelte"),
    module: () => import("../../pages/webinar.page.js"),
  }),
  // Fair administration and its charts are for a few people only.
  page({
    name: "admin",
    path: "/admin",
    guard: "fairAdmin",
    component: () => import("../../admin/AdminPages.svelte"),
    module: () => import("../../pages/admin.page.js").then((m) => ({ build: m.buildFairs })),
  }),
  page({
    name: "adminFair",
    path: "/admin/fairs/:slug",
    guard: "fairAdmin",
    component: () => import("../../admin/AdminPages.svelte"),
    module: () => import("../../pages/admin.page.js").then((m) => ({ build: m.buildFair })),
  }),
  page({
    name: "adminLive",
    path: "/admin/fairs/:slug/live",
    guard: "fairAdmin",
    component: () => import("../../admin/AdminPages.svelte"),
    module: () => import("../../pages/admin.page.js").then((m) => ({ build: m.buildLive })),
  }),
  page({
    name: "adminReport",
    path: "/admin/fairs/:slug/report",
    guard: "fairAdmin",
    component: () => import("../../admin/AdminPages.svelte"),
    module: () => import("../../pages/admin.page.js").then((m) => ({ build: m.buildReport })),
  }),
  page({
    name: "adminOperations",
    path: "/admin/operations",
    guard: "fairAdmin",
    component: () => import("../../admin/AdminPages.svelte"),
    module: () => import("../../pages/admin.page.js").then((m) => ({ build: m.buildOperations })),
  }),
  page({
    name: "adminPeople",
    path: "/admin/people",
    guard: "fairAdmin",
    component: () => import("../../admin/PeoplePage.svelte"),
    module: () => import("../../pages/people.page.js"),
  }),
  page({
    name: "manageStand",
    path: "/stands/:standId/manage",
    guard: "standAdmin",
    component: () => import("../../staff/StandManage.svelte"),
    module: () => import("../../pages/stand-manage.page.js"),
  }),
  page({
    name: "invite",
    path: "/invite/:token",
    guard: "anyone",
    component: () => import("../../staff/InvitePage.svelte"),
    module: () => import("../../pages/invite.page.js"),
  }),
  page({
    name: "registerStand",
    path: "/register-stand",
    guard: "anyone",
    component: () => import("../../staff/StandRegistrationPage.svelte"),
    module: () => import("../../pages/register-stand.page.js"),
  }),
] as const;

type RouteOf<Entry> =
  Entry extends PageEntry<infer Name, infer Path, infer Next, infer _Props>
    ? Simplify<{ name: Name } & RouteParams<Path, Next>>
    : never;

/** A page the hash names, with its parameters; `notFound` for anything else. */
export type Route = RouteOf<(typeof ROUTES)[number]> | { name: "notFound"; path: string };
export type RouteName = Route["name"];

/** The table's entry for a route; none for `notFound`. */
export function entryOf(route: Route): (typeof ROUTES)[number] | undefined {
  return ROUTES.find((entry) => entry.name === route.name);
}
