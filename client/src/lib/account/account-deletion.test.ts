import { describe, expect, it } from "vitest";
import { ACCOUNT_URLS } from "./account.api.js";
import { AccountDeletion } from "./account-deletion.js";
import { apiError, fakeApi } from "./account.fixtures.js";

const DELETE = `DELETE ${ACCOUNT_URLS.account}`;

describe("account deletion", () => {
  it("deletes only after it was asked for, then forgets the session", async () => {
    let forgotten = 0;
    const { api, calls } = fakeApi({ [DELETE]: new Response(null, { status: 204 }) });
    const deletion = new AccountDeletion(api, () => (forgotten += 1));
    expect(await deletion.confirm()).toBe(false);
    expect(calls).toEqual([]);
    deletion.ask();
    expect(deletion.state).toEqual({ status: "confirming" });
    expect(await deletion.confirm()).toBe(true);
    expect(deletion.state).toEqual({ status: "deleted" });
    expect(calls).toEqual([{ method: "DELETE", url: ACCOUNT_URLS.account }]);
    expect(forgotten).toBe(1);
  });

  it("can be cancelled, and keeps the session when the server refused", async () => {
    let forgotten = 0;
    const { api } = fakeApi({ [DELETE]: apiError("unavailable", 503) });
    const deletion = new AccountDeletion(api, () => (forgotten += 1));
    deletion.ask();
    deletion.cancel();
    expect(deletion.state).toEqual({ status: "idle" });
    deletion.ask();
    expect(await deletion.confirm()).toBe(false);
    expect(deletion.state).toEqual({ status: "failed", code: "unavailable" });
    expect(forgotten).toBe(0);
  });
});
