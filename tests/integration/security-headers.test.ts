/**
 * What every answer carries and whom the rate limits count: the security
 * headers (CSP with no framing, HSTS, Permissions-Policy for the interview's
 * camera and microphone only), and TRUST_PROXY, which makes the sign-in limit
 * count each client behind the proxy apart, while a client's own
 * X-Forwarded-For is never believed without it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../support/app.js";

const signIn = (app: TestApp, forwardedFor: string) =>
  app.http.inject({
    method: "POST",
    url: "/api/auth/sign-in",
    headers: { "x-forwarded-for": forwardedFor },
    payload: { email: "nobody@crossfair.test", password: "wrong password" },
  });

describe("security headers", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => app?.dispose());

  it("sends a CSP without framing, HSTS and camera and microphone for this origin only", async () => {
    for (const url of ["/api/fairs/current/hall", "/no/such/route", "/healthz"]) {
      const response = await app.http.inject({ url });
      const csp = String(response.headers["content-security-policy"]);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(response.headers["strict-transport-security"]).toMatch(/max-age=31536000/);
      expect(response.headers["permissions-policy"]).toContain("camera=(self)");
      expect(response.headers["permissions-policy"]).toContain("microphone=(self)");
      expect(response.headers["x-content-type-options"]).toBe("nosniff");
    }
  });
});

describe("TRUST_PROXY", () => {
  it("counts sign-ins per client behind the proxy, and only behind it", async () => {
    const behindProxy = await buildTestApp({ TRUST_PROXY: "127.0.0.1", SIGN_IN_PER_MINUTE: "2" });
    const direct = await buildTestApp({ SIGN_IN_PER_MINUTE: "2" });
    try {
      // inject() comes from 127.0.0.1: the proxy's address in the first app.
      for (const app of [behindProxy, direct]) {
        expect((await signIn(app, "203.0.113.1")).statusCode).toBe(401);
        expect((await signIn(app, "203.0.113.1")).statusCode).toBe(401);
        expect((await signIn(app, "203.0.113.1")).statusCode).toBe(429);
      }
      // Another client behind the proxy has its own count...
      expect((await signIn(behindProxy, "203.0.113.2")).statusCode).toBe(401);
      // ...but without TRUST_PROXY the header is the client's word, and everyone is 127.0.0.1.
      expect((await signIn(direct, "203.0.113.2")).statusCode).toBe(429);
    } finally {
      await behindProxy.dispose();
      await direct.dispose();
    }
  });

  it("refuses a setting that is not a list of addresses", async () => {
    await expect(buildTestApp({ TRUST_PROXY: "true; rm -rf" })).rejects.toThrow(/TRUST_PROXY/);
  });
});
