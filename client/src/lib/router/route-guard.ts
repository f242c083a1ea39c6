/**
 * Who may see a page, as the route table declares it, and what the route view
 * shows instead when the session may not: one place for every page, so pages
 * render only for those they are for. The server checks every request regardless.
 */
import type { SessionState } from "../session/session.store.js";

export type RouteGuard =
  /** Open pages: the hall, a stand, sign-in, invitations, stand registration. */
  | "anyone"
  /** Any signed-in account: an interview's participants. */
  | "signedIn"
  /** Candidate accounts: their profile and applications. */
  | "candidate"
  /** Staff (any role) of the stand in the route's `standId`, or a fair admin. */
  | "standStaff"
  /** Admins of the stand in the route's `standId`, or a fair admin. */
  | "standAdmin"
  /** Fair administrators. */
  | "fairAdmin";

/** Whether the session may see a page with this guard; `standId` for the stand guards. */
export function allows(guard: RouteGuard, session: SessionState, standId?: string): boolean {
  if (guard === "anyone") return true;
  if (session.status !== "signedIn") return false;
  const membership = session.stands.find((stand) => stand.standId === standId);
  // Fair admins act for every stand, as the server lets them.
  const fairAdmin = session.user.role === "fair_admin";
  switch (guard) {
    case "signedIn":
      return true;
    case "candidate":
      return session.user.role === "candidate";
    case "standStaff":
      return fairAdmin || membership !== undefined;
    case "standAdmin":
      return fairAdmin || membership?.role === "stand_admin";
    case "fairAdmin":
      return fairAdmin;
  }
}

/**
 * What the route view shows for a guarded page: the page, a note while the
 * session is still being asked for, a sign-in prompt that comes back here, or
 * one "not for your account" screen for a session of the wrong role.
 */
export type GuardOutcome = "show" | "loading" | "signIn" | "forbidden";

export function guardOutcome(
  guard: RouteGuard,
  session: SessionState,
  standId?: string,
): GuardOutcome {
  if (allows(guard, session, standId)) return "show";
  if (session.status === "loading") return "loading";
  if (session.status === "signedOut") return "signIn";
  return "forbidden";
}
