import { describe, expect, it } from "vitest";
import { sessionUserSchema, type UserRole } from "@crossfair/shared";
import type { SessionState } from "../session/session.store.js";
import { allows, guardOutcome } from "./route-guard.js";

const STAND = "0f8fad5b-d9cb-469f-a165-70867728950e";
const OTHER = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

function signedIn(
  role: UserRole,
  stands: { standId: string; role: "stand_admin" | "recruiter" }[] = [],
): SessionState {
  return {
    status: "signedIn",
    user: sessionUserSchema.parse({
      id: "9b2f3c1e-4d5a-4b6c-8d7e-0f1a2b3c4d5e",
      email: "a@example.test",
      displayName: "A",
      role,
      uiLanguage: "en",
    }),
    stands: stands.map((stand) => ({ ...stand, organisationName: "Org" })),
  };
}

describe("route guards", () => {
  it("lets anyone see open pages and nobody signed out see the others", () => {
    expect(allows("anyone", { status: "signedOut" })).toBe(true);
    expect(allows("signedIn", { status: "signedOut" })).toBe(false);
    expect(allows("candidate", { status: "loading" })).toBe(false);
  });

  it("tells candidates, stand staff, stand admins and fair admins apart", () => {
    const candidate = signedIn("candidate");
    const recruiter = signedIn("recruiter", [{ standId: STAND, role: "recruiter" }]);
    const standAdmin = signedIn("stand_admin", [{ standId: STAND, role: "stand_admin" }]);
    const fairAdmin = signedIn("fair_admin");
    expect(allows("candidate", candidate)).toBe(true);
    expect(allows("candidate", recruiter)).toBe(false);
    expect(allows("signedIn", recruiter)).toBe(true);
    expect(allows("standStaff", recruiter, STAND)).toBe(true);
    expect(allows("standStaff", recruiter, OTHER)).toBe(false);
    expect(allows("standAdmin", recruiter, STAND)).toBe(false);
    expect(allows("standAdmin", standAdmin, STAND)).toBe(true);
    expect(allows("fairAdmin", standAdmin)).toBe(false);
    expect(allows("fairAdmin", fairAdmin)).toBe(true);
    expect(allows("standAdmin", fairAdmin, OTHER)).toBe(true);
    expect(allows("candidate", fairAdmin)).toBe(false);
  });

  it("decides what the route view shows instead of a page the session may not see", () => {
    const recruiter = signedIn("recruiter", [{ standId: STAND, role: "recruiter" }]);
    // Open pages show at once, before the session is known.
    expect(guardOutcome("anyone", { status: "loading" })).toBe("show");
    expect(guardOutcome("candidate", { status: "loading" })).toBe("loading");
    expect(guardOutcome("fairAdmin", { status: "signedOut" })).toBe("signIn");
    expect(guardOutcome("signedIn", { status: "signedOut", error: "internal" })).toBe("signIn");
    expect(guardOutcome("candidate", recruiter)).toBe("forbidden");
    expect(guardOutcome("standStaff", recruiter, OTHER)).toBe("forbidden");
    expect(guardOutcome("standStaff", recruiter, STAND)).toBe("show");
    expect(guardOutcome("fairAdmin", signedIn("fair_admin"))).toBe("show");
  });
});
