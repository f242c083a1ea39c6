import { describe, expect, it } from "vitest";
import { get } from "svelte/store";
import { createHallStore, CURRENT_HALL_URL, type HallState } from "./hall.store.js";
import { hall } from "./hall.fixtures.js";

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json" },
  });
}

async function loaded(fetch: typeof globalThis.fetch): Promise<HallState> {
  const store = createHallStore({ fetch });
  await store.load();
  return get(store);
}

describe("hall store", () => {
  it("starts loading and becomes ready with the validated hall", async () => {
    const requested: string[] = [];
    const store = createHallStore({
      fetch: async (input) => {
        requested.push(String(input));
        return jsonResponse(hall());
      },
    });
    expect(get(store)).toEqual({ status: "loading" });
    await store.load();
    const state = get(store);
    expect(requested).toEqual([CURRENT_HALL_URL]);
    expect(state.status).toBe("ready");
    if (state.status === "ready")
      expect(state.hall.stands[0]?.organisationName).toBe("Flanders Food Factory");
  });

  it("passes on the code and message of an API error body", async () => {
    const state = await loaded(async () =>
      jsonResponse({ error: { code: "not_found", message: "No fair is live." } }, 404),
    );
    expect(state).toEqual({ status: "error", code: "not_found", message: "No fair is live." });
  });

  it("reports a network failure as unavailable", async () => {
    const state = await loaded(async () => {
      throw new TypeError("Failed to fetch");
    });
    expect(state).toMatchObject({ status: "error", code: "unavailable" });
    if (state.status === "error") expect(state.message).toContain("Failed to fetch");
  });

  it("reports a non-JSON gateway error as unavailable", async () => {
    const state = await loaded(
      async () => new Response("<html>Bad gateway</html>", { status: 502 }),
    );
    expect(state).toMatchObject({ status: "error", code: "unavailable" });
  });

  it("rejects a body that does not match the shared hall schema", async () => {
    const broken = hall();
    (broken.stands[0] as { kind: string }).kind = "circus";
    const state = await loaded(async () => jsonResponse(broken));
    expect(state).toMatchObject({ status: "error", code: "internal" });
    if (state.status === "error") expect(state.message).toContain("stands.0.kind");
  });

  it("names the hall and where it breaks the schema in the message", async () => {
    const broken = hall();
    (broken.stands[0] as { kind: string }).kind = "circus";
    const state = await loaded(async () => jsonResponse(broken));
    expect(state).toEqual({
      status: "error",
      code: "internal",
      message: "The hall did not match the expected shape at stands.0.kind.",
    });
  });

  it("shows loading again on retry and keeps only the newest answer", async () => {
    const answers: ((response: Response) => void)[] = [];
    const store = createHallStore({
      fetch: () => new Promise<Response>((resolve) => answers.push(resolve)),
    });
    const first = store.load();
    const second = store.load();
    expect(get(store)).toEqual({ status: "loading" });
    answers[1]?.(jsonResponse(hall()));
    await second;
    answers[0]?.(jsonResponse({ error: { code: "internal", message: "old" } }, 500));
    await first;
    expect(get(store).status).toBe("ready");
  });
});
