import { describe, expect, it } from "vitest";
import { ACCOUNT_URLS } from "./account.api.js";
import { apiError, consent, fakeApi, json, OTHER_STAND, STAND } from "./account.fixtures.js";
import { ConsentsManager } from "./consents.manager.js";

const revokedOne = {
  ...consent,
  standId: OTHER_STAND,
  organisationName: "Hainaut Logistique",
  revokedAt: "2026-03-04T10:00:00.000+00:00",
};

describe("consents", () => {
  it("lists the stands the profile is shared with now, not the revoked ones", async () => {
    const { api } = fakeApi({
      [`GET ${ACCOUNT_URLS.consents}`]: json({ consents: [consent, revokedOne] }),
    });
    const manager = new ConsentsManager(api);
    await manager.load();
    expect(manager.state).toMatchObject({ status: "ready", active: [consent] });
  });

  it("removes a stand only once the server confirmed the revocation", async () => {
    let answer: (response: Response) => void = () => {};
    const { api, calls } = fakeApi({
      [`GET ${ACCOUNT_URLS.consents}`]: json({ consents: [consent] }),
      [`DELETE ${ACCOUNT_URLS.consent(STAND)}`]: () =>
        new Promise<Response>((resolve) => (answer = resolve)),
    });
    const manager = new ConsentsManager(api);
    await manager.load();
    const revoking = manager.revoke(STAND);
    expect(manager.state).toMatchObject({ revoking: STAND, active: [consent] });
    answer(new Response(null, { status: 204 }));
    expect(await revoking).toBe(true);
    expect(manager.state).toMatchObject({ revoking: null, active: [], revoked: STAND });
    expect(calls.at(-1)).toEqual({ method: "DELETE", url: ACCOUNT_URLS.consent(STAND) });
  });

  it("keeps the stand listed when the revocation failed", async () => {
    const { api } = fakeApi({
      [`GET ${ACCOUNT_URLS.consents}`]: json({ consents: [consent] }),
      [`DELETE ${ACCOUNT_URLS.consent(STAND)}`]: apiError("unavailable", 503),
    });
    const manager = new ConsentsManager(api);
    await manager.load();
    expect(await manager.revoke(STAND)).toBe(false);
    expect(manager.state).toMatchObject({ active: [consent], error: "unavailable" });
  });
});
