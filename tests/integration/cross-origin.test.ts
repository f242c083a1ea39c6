/** Writes and sockets from anywhere but this origin are refused; same-origin pages and non-browser clients pass. */
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@crossfair/server/fair/demo-seed";
import { buildTestApp, type TestApp } from "../support/app.js";

describe("cross-site request forgery protection", () => {
  let app: TestApp;
  const signIn = (headers: Record<string, string>) =>
    app.http.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      headers: { host: "fair.example.org", ...headers },
      payload: { email: "candidate@crossfair.test", password: DEMO_PASSWORD },
    });

  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => app?.dispose());

  it("refuses a write the browser marks as cross-site", async () => {
    const response = await signIn({
      "sec-fetch-site": "cross-site",
      origin: "https://evil.example",
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: "forbidden" } });
    expect(response.cookies).toEqual([]);
  });

  it("refuses a sibling subdomain's page and a write started outside any page", async () => {
    for (const site of ["same-site", "none"]) {
      const response = await signIn({ "sec-fetch-site": site, origin: "https://jobs.example.org" });
      expect(response.statusCode, site).toBe(403);
      expect(response.json()).toMatchObject({ error: { code: "forbidden" } });
    }
  });

  it("refuses a foreign, null or malformed Origin when Sec-Fetch-Site is absent", async () => {
    for (const origin of ["https://evil.example", "null", "not a url"]) {
      expect((await signIn({ origin })).statusCode, origin).toBe(403);
    }
  });

  it("lets same-origin pages and non-browser clients write", async () => {
    expect((await signIn({ "sec-fetch-site": "same-origin" })).statusCode).toBe(200);
    expect((await signIn({ origin: "https://fair.example.org" })).statusCode).toBe(200);
    expect((await signIn({})).statusCode).toBe(200);
  });

  it("leaves reads alone", async () => {
    const response = await app.http.inject({
      url: "/api/fairs/current/hall",
      headers: { "sec-fetch-site": "cross-site", origin: "https://evil.example" },
    });
    expect(response.statusCode).toBe(200);
  });

  it("refuses a socket opened by another site's page and accepts this site's", async () => {
    await app.http.listen({ host: "127.0.0.1", port: 0 });
    const address = app.http.server.address();
    const baseUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    const open = (headers: Record<string, string>) => {
      const socket = io(baseUrl, {
        transports: ["websocket"],
        reconnection: false,
        extraHeaders: headers,
      });
      return new Promise<string>((resolve) => {
        socket.once("connect", () => resolve("connected"));
        socket.once("connect_error", () => resolve("refused"));
      }).finally(() => socket.close());
    };
    expect(await open({ origin: "https://evil.example" })).toBe("refused");
    expect(await open({ "sec-fetch-site": "cross-site" })).toBe("refused");
    expect(await open({ "sec-fetch-site": "same-site" })).toBe("refused");
    expect(await open({ "sec-fetch-site": "same-origin", origin: baseUrl })).toBe("connected");
    expect(await open({ origin: baseUrl })).toBe("connected");
    expect(await open({})).toBe("connected");
  });
});
