import { beforeEach, describe, expect, it } from "vitest";
import { get } from "svelte/store";
import { ConsoleInterviewsManager, defaultInterview } from "./console-interviews.manager.js";
import { apiError, FakeApi } from "./fake-api.js";
import { STAFF_URLS } from "./staff.api.js";
import { interview, INTERVIEW, OTHER, page, RECRUITER, STAND } from "./staff.fixtures.js";

const THIRD = "99999999-9999-4999-8999-999999999999";
const ended = "2026-11-23T10:20:00.000+00:00";
const colleague = { id: OTHER, displayName: "Julien Lemaire" };

describe("defaultInterview", () => {
  const colleagues = interview({ id: THIRD, recruiter: colleague });
  const mineEnded = interview({ id: OTHER, endedAt: ended });
  const mineLive = interview({ id: INTERVIEW });

  it("prefers my interview in progress, then my last, then the stand's last", () => {
    expect(defaultInterview([colleagues, mineEnded, mineLive], RECRUITER)?.id).toBe(INTERVIEW);
    expect(defaultInterview([colleagues, mineEnded], RECRUITER)?.id).toBe(OTHER);
    expect(defaultInterview([colleagues], RECRUITER)?.id).toBe(THIRD);
    expect(defaultInterview([], RECRUITER)).toBeNull();
  });
});

describe("ConsoleInterviewsManager", () => {
  let api: FakeApi;
  let manager: ConsoleInterviewsManager;
  const url = `${STAFF_URLS.standInterviews(STAND)}?page=1&pageSize=10`;

  beforeEach(() => {
    api = new FakeApi();
    manager = new ConsoleInterviewsManager({ fetch: api.fetch });
  });

  it("loads the stand's recent interviews and selects mine", async () => {
    const loading = manager.load(STAND, RECRUITER);
    await api.reply(
      "GET",
      url,
      200,
      page([interview({ id: THIRD, recruiter: colleague }), interview()]),
    );
    await loading;
    expect(get(manager)).toMatchObject({ status: "ready", selectedId: INTERVIEW });

    // A choice survives a refresh while the interview is still listed.
    manager.select(THIRD);
    const refreshing = manager.load(STAND, RECRUITER);
    await api.reply(
      "GET",
      url,
      200,
      page([interview({ id: THIRD, recruiter: colleague }), interview()]),
    );
    await refreshing;
    expect(get(manager).selectedId).toBe(THIRD);
    manager.select("not-listed");
    expect(get(manager).selectedId).toBe(THIRD);
  });

  it("shows why the list cannot load", async () => {
    const loading = manager.load(STAND, RECRUITER);
    await api.reply("GET", url, 403, apiError("forbidden"));
    await loading;
    expect(get(manager)).toMatchObject({ status: "error", error: "forbidden", selectedId: null });
  });
});
