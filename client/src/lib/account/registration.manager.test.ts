import { describe, expect, it } from "vitest";
import { ACCOUNT_URLS } from "./account.api.js";
import { apiError, fakeApi, json, registration } from "./account.fixtures.js";
import { RegistrationManager, registrationView } from "./registration.manager.js";

const SLUG = registration.fairSlug;
const NOW = Date.parse("2026-03-10T12:00:00Z");
const fair = {
  status: "registration_open" as const,
  endsAt: "2026-03-20T17:00:00.000+00:00",
  registrationOpensAt: null,
  registrationClosesAt: null,
  registrationNeedsApproval: true,
};

describe("fair registration", () => {
  it("finds this fair's registration among the candidate's", async () => {
    const other = { ...registration, fairSlug: "another-fair", status: "approved" as const };
    const { api } = fakeApi({
      [`GET ${ACCOUNT_URLS.registrations}`]: json({ registrations: [other, registration] }),
    });
    const manager = new RegistrationManager(api, SLUG);
    await manager.load();
    expect(manager.state.registration).toEqual(registration);
    expect(registrationView(manager.state, fair, NOW)).toEqual({
      kind: "registered",
      registration,
    });
  });

  it("offers to register while the window is open, and not after it closed", async () => {
    const { api } = fakeApi({
      [`GET ${ACCOUNT_URLS.registrations}`]: json({ registrations: [] }),
    });
    const manager = new RegistrationManager(api, SLUG);
    expect(registrationView(manager.state, fair, NOW)).toEqual({ kind: "loading" });
    await manager.load();
    expect(registrationView(manager.state, fair, NOW)).toEqual({
      kind: "canRegister",
      needsApproval: true,
    });
    const closed = { ...fair, registrationClosesAt: "2026-03-09T00:00:00.000+00:00" };
    expect(registrationView(manager.state, closed, NOW)).toEqual({ kind: "closed" });
    expect(registrationView(manager.state, { ...fair, status: "draft" }, NOW)).toEqual({
      kind: "closed",
    });
  });

  it("registers once and shows the pending status the server gave", async () => {
    const { api, calls } = fakeApi({
      [`GET ${ACCOUNT_URLS.registrations}`]: json({ registrations: [] }),
      [`POST ${ACCOUNT_URLS.register(SLUG)}`]: json({ registration }, 201),
    });
    const manager = new RegistrationManager(api, SLUG);
    await manager.load();
    expect(await manager.register()).toBe(true);
    expect(manager.state).toMatchObject({ registration, registering: false, error: null });
    expect(await manager.register()).toBe(false);
    expect(calls.filter((call) => call.method === "POST")).toHaveLength(1);
  });

  it("keeps the code of a refused registration", async () => {
    const { api } = fakeApi({
      [`GET ${ACCOUNT_URLS.registrations}`]: json({ registrations: [] }),
      [`POST ${ACCOUNT_URLS.register(SLUG)}`]: apiError("registration_closed", 409),
    });
    const manager = new RegistrationManager(api, SLUG);
    await manager.load();
    expect(await manager.register()).toBe(false);
    expect(manager.state).toMatchObject({ registration: null, error: "registration_closed" });
  });
});
