/** Accounts: candidate sign-up (through the mailed link), the boot session check, duplicate emails, own name and language, and the sign-in rate limit. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiErrorSchema } from "@crossfair/shared";
import { buildTestApp, type TestApp } from "../support/app.js";
import { followVerification, signUpVerified, verificationToken } from "../support/sign-up.js";

describe("sign-up and sign-in limits", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await buildTestApp({ SIGN_IN_PER_MINUTE: "5" });
  });
  afterAll(async () => app?.dispose());

  it("creates a candidate account that the mailed link signs in, and answers a taken email the same", async () => {
    const body = {
      email: "Nouvelle.Candidate@example.org",
      password: "long enough password",
      displayName: "Nouvelle Candidate",
      uiLanguage: "fr",
    };
    const created = await app.http.inject({
      method: "POST",
      url: "/api/auth/sign-up",
      payload: body,
    });
    expect(created.statusCode).toBe(202);
    expect(created.json()).toMatchObject({ status: "check_email" });
    expect(created.cookies).toEqual([]);
    const signedIn = await followVerification(
      app,
      await verificationToken(app, "nouvelle.candidate@example.org"),
    );
    expect(signedIn.user).toMatchObject({
      email: "nouvelle.candidate@example.org",
      role: "candidate",
      uiLanguage: "fr",
    });
    const me = await app.http.inject({ url: "/api/auth/me", headers: { cookie: signedIn.cookie } });
    expect(me.json()).toMatchObject({ user: { displayName: "Nouvelle Candidate" } });

    const again = await app.http.inject({
      method: "POST",
      url: "/api/auth/sign-up",
      payload: body,
    });
    expect(again.statusCode).toBe(202);
    expect(again.json()).toMatchObject({ status: "check_email" });
    expect(again.cookies).toEqual([]);
  });

  it("lets a user rename themselves and remembers their UI language, nothing else", async () => {
    const created = await signUpVerified(app, {
      email: "renamed@example.org",
      password: "long enough password",
      displayName: "Old",
    });
    const cookies = { cf_session: created.cookie.slice("cf_session=".length) };
    const update = (payload: unknown) =>
      app.http.inject({
        method: "PATCH",
        url: "/api/auth/me",
        cookies,
        payload: payload as object,
      });

    const renamed = await update({ displayName: "  Nieuwe Naam ", uiLanguage: "nl" });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({
      user: { displayName: "Nieuwe Naam", uiLanguage: "nl" },
    });
    expect((await app.http.inject({ url: "/api/auth/me", cookies })).json()).toMatchObject({
      user: { displayName: "Nieuwe Naam", uiLanguage: "nl", role: "candidate" },
    });

    // The role and the email are not the user's to change here; empty bodies change nothing.
    for (const payload of [
      {},
      { role: "fair_admin" },
      { uiLanguage: "es" },
      { displayName: " " },
    ]) {
      const refused = await update(payload);
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
      expect(apiErrorSchema.parse(refused.json()).error.code).toBe("validation_failed");
    }
    expect((await app.http.inject({ url: "/api/auth/me", cookies })).json()).toMatchObject({
      user: { role: "candidate", uiLanguage: "nl" },
    });
  });

  it("answers the boot session check with nobody (200) signed out, and with the user signed in", async () => {
    const nobody = await app.http.inject({ url: "/api/auth/session" });
    expect(nobody.statusCode).toBe(200);
    expect(nobody.json()).toEqual({ user: null });
    const unknown = await app.http.inject({
      url: "/api/auth/session",
      cookies: { cf_session: "not-a-session" },
    });
    expect(unknown.json()).toEqual({ user: null });

    const created = await signUpVerified(app, {
      email: "booting@example.org",
      password: "long enough password",
      displayName: "B",
    });
    const cookies = { cf_session: created.cookie.slice("cf_session=".length) };
    const session = await app.http.inject({ url: "/api/auth/session", cookies });
    const me = await app.http.inject({ url: "/api/auth/me", cookies });
    expect(session.statusCode).toBe(200);
    expect(session.json()).toEqual(me.json());
    // `me` stays as API users know it: 401 when nobody is signed in.
    expect((await app.http.inject({ url: "/api/auth/me" })).statusCode).toBe(401);
  });

  it("refuses a short password with the field named", async () => {
    const response = await app.http.inject({
      method: "POST",
      url: "/api/auth/sign-up",
      payload: { email: "short@example.org", password: "short", displayName: "S" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: { code: "validation_failed", field: "body.password" },
    });
  });

  it("limits sign-in attempts per address and answers rate_limited", async () => {
    const attempt = () =>
      app.http.inject({
        method: "POST",
        url: "/api/auth/sign-in",
        remoteAddress: "203.0.113.7",
        payload: { email: "candidate@crossfair.test", password: "guess" },
      });
    const statuses: number[] = [];
    for (let index = 0; index < 6; index += 1) statuses.push((await attempt()).statusCode);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
    const limited = await attempt();
    expect(apiErrorSchema.parse(limited.json()).error.code).toBe("rate_limited");

    const otherAddress = await app.http.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      remoteAddress: "198.51.100.9",
      payload: { email: "candidate@crossfair.test", password: "crossfair-demo" },
    });
    expect(otherAddress.statusCode).toBe(200);
  });

  it("limits sign-in attempts per account, whatever the address they come from", async () => {
    const perAccount = await buildTestApp({ SIGN_IN_PER_MINUTE: "100", SIGN_IN_PER_ACCOUNT: "3" });
    try {
      const attempt = (email: string, password: string, index: number) =>
        perAccount.http.inject({
          method: "POST",
          url: "/api/auth/sign-in",
          remoteAddress: `198.51.100.${index}`,
          payload: { email, password },
        });
      const statuses: number[] = [];
      for (let index = 1; index <= 3; index += 1) {
        statuses.push((await attempt("recruiter@crossfair.test", "guess", index)).statusCode);
      }
      expect(statuses).toEqual([401, 401, 401]);
      // A fourth address, the email in capitals, the right password: still the same account, refused.
      const limited = await attempt("Recruiter@Crossfair.test", "crossfair-demo", 4);
      expect(limited.statusCode).toBe(429);
      expect(apiErrorSchema.parse(limited.json()).error.code).toBe("rate_limited");
      // Another account from the same address is unaffected.
      expect((await attempt("candidate@crossfair.test", "crossfair-demo", 4)).statusCode).toBe(200);
    } finally {
      await perAccount.dispose();
    }
  });

  it("describes the API as OpenAPI at /docs/json", async () => {
    const response = await app.http.inject({ url: "/docs/json" });
    expect(response.statusCode).toBe(200);
    const spec = response.json() as { openapi: string; paths: Record<string, object> };
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        "/api/auth/sign-in",
        "/api/auth/sign-up",
        "/api/fairs/current/hall",
        "/api/stands/{standId}/screening-questions",
      ]),
    );
    const ui = await app.http.inject({ url: "/docs/" });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers["content-type"]).toContain("text/html");
  });
});
