import { describe, expect, it } from "vitest";
import { z } from "zod";
import { requestJson } from "./http.client.js";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("requestJson", () => {
  it("sends the method and JSON body, and checks the answer's shape", async () => {
    const seen: { method?: string; body?: unknown }[] = [];
    const answer = await requestJson(
      async (_url, init) => {
        seen.push({ method: init?.method, body: JSON.parse(String(init?.body)) });
        return json({ saved: true });
      },
      "/api/thing",
      z.object({ saved: z.boolean() }),
      { method: "PUT", body: { a: 1 } },
    );
    expect(seen).toEqual([{ method: "PUT", body: { a: 1 } }]);
    expect(answer).toEqual({ ok: true, data: { saved: true } });
  });

  it("keeps the field an API error names, and leaves it out when none is named", async () => {
    const named = await requestJson(
      async () => json({ error: { code: "conflict", message: "taken", field: "email" } }, 409),
      "/api/auth/sign-up",
      z.unknown(),
    );
    expect(named).toEqual({ ok: false, code: "conflict", message: "taken", field: "email" });
    const unnamed = await requestJson(
      async () => json({ error: { code: "forbidden", message: "no" } }, 403),
      "/api/me",
      z.unknown(),
    );
    expect(unnamed).toEqual({ ok: false, code: "forbidden", message: "no" });
  });

  it("accepts an empty 204 when the schema does", async () => {
    const answer = await requestJson(
      async () => new Response(null, { status: 204 }),
      "/api/me",
      z.undefined(),
      { method: "DELETE" },
    );
    expect(answer).toEqual({ ok: true, data: undefined });
  });
});
