import { describe, expect, it } from "vitest";
import { AccountSecurityApi, OneRequest } from "./account-security.js";

const json = (body: unknown, status = 200) =>
  new Response(body === null ? null : JSON.stringify(body), {
    status,
    headers: body === null ? {} : { "content-type": "application/json" },
  });

describe("account security", () => {
  it("sends each request to its contract route with its body", async () => {
    const calls: { url: string; method: string; body: unknown }[] = [];
    const api = new AccountSecurityApi(async (input, init) => {
      calls.push({
        url: String(input),
        method: init?.method ?? "GET",
        body: init?.body ? JSON.parse(String(init.body)) : undefined,
      });
      return json(null, 204);
    });
    expect((await api.forgotPassword("a@example.org")).ok).toBe(true);
    expect((await api.resetPassword("t".repeat(43), "a new password")).ok).toBe(true);
    expect((await api.changePassword("old password", "a new password")).ok).toBe(true);
    expect((await api.signOutEverywhere()).ok).toBe(true);
    expect(calls).toEqual([
      {
        url: "/api/auth/password/forgot",
        method: "POST",
        body: { email: "a@example.org" },
      },
      {
        url: "/api/auth/password/reset",
        method: "POST",
        body: { token: "t".repeat(43), password: "a new password" },
      },
      {
        url: "/api/auth/password/change",
        method: "POST",
        body: { currentPassword: "old password", newPassword: "a new password" },
      },
      { url: "/api/auth/sign-out-everywhere", method: "POST", body: undefined },
    ]);
  });

  it("keeps a request's state: sending, then done or failed with the code and field", async () => {
    let answer = json(
      { error: { code: "invalid_credentials", message: "wrong", field: "currentPassword" } },
      401,
    );
    const request = new OneRequest(async () => {
      const api = new AccountSecurityApi(async () => answer);
      return api.changePassword("wrong", "a new password");
    });
    const sending = request.send();
    expect(request.state).toEqual({ status: "sending" });
    expect(await request.send()).toBe(false);
    expect(await sending).toBe(false);
    expect(request.state).toEqual({
      status: "failed",
      code: "invalid_credentials",
      field: "currentPassword",
    });
    answer = json(null, 204);
    expect(await request.send()).toBe(true);
    expect(request.state).toEqual({ status: "done" });
    request.clear();
    expect(request.state).toEqual({ status: "idle" });
  });
});
