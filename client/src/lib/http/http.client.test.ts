import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineRoute } from "@crossfair/shared";
import { callApi } from "./http.client.js";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

const thing = defineRoute({
  method: "PUT",
  path: "/api/things/:id",
  params: z.object({ id: z.string() }),
  query: z.object({ page: z.number().optional() }),
  body: z.object({ a: z.number() }),
  answer: z.object({ saved: z.boolean() }),
});
const gone = defineRoute({ method: "DELETE", path: "/api/me", answer: null });
const created = defineRoute({
  method: "POST",
  path: "/api/things",
  answer: z.object({ old: z.literal(true) }),
  also: { 201: z.object({ created: z.literal(true) }) },
});

describe("callApi", () => {
  it("builds the URL from the declaration, sends the method and JSON body, and checks the answer", async () => {
    const seen: { url: string; method?: string; body?: unknown }[] = [];
    const answer = await callApi(
      async (url, init) => {
        seen.push({ url: String(url), method: init?.method, body: JSON.parse(String(init?.body)) });
        return json({ saved: true });
      },
      thing,
      { params: { id: "a b/c" }, query: { page: 2 }, body: { a: 1 } },
    );
    expect(seen).toEqual([{ url: "/api/things/a%20b%2Fc?page=2", method: "PUT", body: { a: 1 } }]);
    expect(answer).toEqual({ ok: true, data: { saved: true } });
  });

  it("names where an answer of the wrong shape went wrong", async () => {
    const answer = await callApi(async () => json({ saved: "yes" }), thing, {
      params: { id: "x" },
      body: { a: 1 },
      what: "thing",
    });
    expect(answer).toMatchObject({ ok: false, code: "internal" });
    expect(answer.ok ? "" : answer.message).toContain("thing");
  });

  it("keeps the field an API error names, and leaves it out when none is named", async () => {
    const named = await callApi(
      async () => json({ error: { code: "conflict", message: "taken", field: "email" } }, 409),
      gone,
      {},
    );
    expect(named).toEqual({ ok: false, code: "conflict", message: "taken", field: "email" });
    const unnamed = await callApi(
      async () => json({ error: { code: "forbidden", message: "no" } }, 403),
      gone,
      {},
    );
    expect(unnamed).toEqual({ ok: false, code: "forbidden", message: "no" });
  });

  it("accepts an empty 204 from a route declared without an answer", async () => {
    const answer = await callApi(async () => new Response(null, { status: 204 }), gone, {});
    expect(answer).toEqual({ ok: true, data: undefined });
  });

  it("reads each status with the schema the route declares for it", async () => {
    const fresh = await callApi(async () => json({ created: true }, 201), created, {});
    expect(fresh).toEqual({ ok: true, data: { created: true } });
    const again = await callApi(async () => json({ old: true }), created, {});
    expect(again).toEqual({ ok: true, data: { old: true } });
  });

  it("turns an unreachable server into unavailable", async () => {
    const answer = await callApi(
      async () => {
        throw new Error("offline");
      },
      gone,
      {},
    );
    expect(answer).toMatchObject({ ok: false, code: "unavailable" });
  });
});
