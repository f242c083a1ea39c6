import { get } from "svelte/store";
import { describe, expect, it } from "vitest";
import { apiError, FakeApi } from "../staff/fake-api.js";
import { MatchingManager } from "./matching.manager.js";

const URL = "/api/me/recommendations";
const languages = [{ language: "fr", level: "C2" }] as const;
const ready = { hasProfile: true, languages, recommendations: [] };

describe("MatchingManager", () => {
  it("asks nothing for anyone but a signed-in candidate", async () => {
    const api = new FakeApi();
    const matching = new MatchingManager({ fetch: api.fetch });
    await matching.refresh();
    expect(api.requests).toEqual([]);
    expect(get(matching)).toEqual({ status: "none" });
    expect(matching.languages).toEqual([]);
  });

  it("loads the candidate's languages and recommendations, and keeps them shown while asking again", async () => {
    const api = new FakeApi();
    const matching = new MatchingManager({ fetch: api.fetch });
    matching.setCandidate(true);
    expect(get(matching).status).toBe("loading");
    await api.reply("GET", URL, 200, ready);
    await expect.poll(() => get(matching).status).toBe("ready");
    expect(matching.languages).toEqual(languages);

    const again = matching.refresh();
    expect(get(matching).status).toBe("ready");
    await api.reply("GET", URL, 500, apiError("internal"));
    await again;
    expect(get(matching)).toEqual({ status: "error", code: "internal" });
  });

  it("drops an answer that arrives after sign-out", async () => {
    const api = new FakeApi();
    const matching = new MatchingManager({ fetch: api.fetch });
    matching.setCandidate(true);
    matching.setCandidate(false);
    await api.reply("GET", URL, 200, ready);
    await Promise.resolve();
    expect(get(matching)).toEqual({ status: "none" });
  });
});
