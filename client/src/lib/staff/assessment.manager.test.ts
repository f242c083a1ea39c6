import { beforeEach, describe, expect, it } from "vitest";
import { get } from "svelte/store";
import { AssessmentManager, NOTES_SAVE_DELAY_MS } from "./assessment.manager.js";
import { apiError, FakeApi, settle } from "./fake-api.js";
import { assessment, INTERVIEW, OTHER, RECRUITER } from "./staff.fixtures.js";
import { STAFF_URLS } from "./staff.api.js";

const URL = STAFF_URLS.assessment(INTERVIEW);
const by = { id: RECRUITER, displayName: "Lotte Peeters" };

/** Timers the test fires by hand. */
class ManualTimers {
  readonly pending = new Map<number, { run: () => void; ms: number }>();
  #next = 0;
  set = (run: () => void, ms: number) => {
    const id = ++this.#next;
    this.pending.set(id, { run, ms });
    return () => this.pending.delete(id);
  };
  fireAll() {
    const due = [...this.pending.values()];
    this.pending.clear();
    for (const timer of due) timer.run();
  }
}

describe("AssessmentManager", () => {
  let api: FakeApi;
  let timers: ManualTimers;
  let manager: AssessmentManager;

  async function opened(extra = {}) {
    const opening = manager.open(INTERVIEW);
    await api.reply("GET", URL, 200, assessment(extra));
    await opening;
  }

  beforeEach(() => {
    api = new FakeApi();
    timers = new ManualTimers();
    manager = new AssessmentManager({ fetch: api.fetch, setTimer: timers.set });
  });

  it("loads an interview's assessment", async () => {
    await opened({
      outcome: "hold",
      rating: 4,
      privateNotes: "Good",
      assessedBy: by,
      assessedAt: "2026-11-23T10:00:00.000+00:00",
    });
    expect(get(manager)).toMatchObject({
      interviewId: INTERVIEW,
      status: "ready",
      outcome: "hold",
      rating: 4,
      notes: "Good",
      assessedBy: by,
      save: "idle",
    });
  });

  it("shows why it cannot load (a candidate or another stand's staff is refused)", async () => {
    const opening = manager.open(INTERVIEW);
    await api.reply("GET", URL, 403, apiError("forbidden"));
    await opening;
    expect(get(manager)).toMatchObject({ status: "error", error: "forbidden" });
    // Edits are ignored while nothing is loaded.
    await manager.setRating(3);
    expect(api.open()).toEqual([]);
  });

  it("saves outcome and rating at once, with the notes", async () => {
    await opened({ privateNotes: "Calm" });
    const saving = manager.setOutcome("advance");
    expect(get(manager).save).toBe("saving");
    const request = await api.reply(
      "PUT",
      URL,
      200,
      assessment({
        outcome: "advance",
        privateNotes: "Calm",
        assessedBy: by,
        assessedAt: "2026-11-23T10:05:00.000+00:00",
      }),
    );
    await saving;
    expect(request.body).toEqual({ outcome: "advance", rating: null, privateNotes: "Calm" });
    expect(get(manager)).toMatchObject({ save: "saved", outcome: "advance", assessedBy: by });

    const rating = manager.setRating(5);
    await api.reply("PUT", URL, 200, assessment({ outcome: "advance", rating: 5 }));
    await rating;
    expect(api.requests.at(-1)?.body).toEqual({
      outcome: "advance",
      rating: 5,
      privateNotes: "Calm",
    });
  });

  it("saves notes once typing stops, or at once on flush", async () => {
    await opened();
    await manager.setNotes("F");
    await manager.setNotes("Forklift licence");
    expect(get(manager)).toMatchObject({ notes: "Forklift licence", save: "pending" });
    expect(api.open()).toEqual([]);
    expect([...timers.pending.values()].map((timer) => timer.ms)).toEqual([NOTES_SAVE_DELAY_MS]);

    timers.fireAll();
    await settle();
    await api.reply("PUT", URL, 200, assessment({ privateNotes: "Forklift licence" }));
    await settle();
    expect(get(manager).save).toBe("saved");
    expect(api.requests.filter((request) => request.method === "PUT")).toHaveLength(1);

    await manager.setNotes("Forklift licence, nights ok");
    const flushing = manager.flush();
    await api.reply("PUT", URL, 200, assessment());
    await flushing;
    expect(timers.pending.size).toBe(0);
    expect(api.requests.at(-1)?.body).toMatchObject({
      privateNotes: "Forklift licence, nights ok",
    });
  });

  it("sends edits made during a save right after it, so the last edit wins", async () => {
    await opened();
    const first = manager.setRating(2);
    const second = manager.setRating(3);
    await second;
    expect(api.open()).toHaveLength(1);
    await api.reply("PUT", URL, 200, assessment({ rating: 2 }));
    await settle();
    expect(get(manager)).toMatchObject({ save: "saving", rating: 3 });
    const followUp = await api.reply("PUT", URL, 200, assessment({ rating: 3 }));
    await first;
    await settle();
    expect(followUp.body).toMatchObject({ rating: 3 });
    expect(get(manager)).toMatchObject({ save: "saved", rating: 3 });
  });

  it("keeps the text after a failed save and tries again on retry", async () => {
    await opened();
    await manager.setNotes("Speaks Dutch");
    timers.fireAll();
    await settle();
    await api.reply("PUT", URL, 503, apiError("unavailable"));
    await settle();
    expect(get(manager)).toMatchObject({
      save: "error",
      saveError: "unavailable",
      notes: "Speaks Dutch",
    });

    const retrying = manager.retry();
    await api.reply("PUT", URL, 200, assessment({ privateNotes: "Speaks Dutch" }));
    await retrying;
    expect(get(manager)).toMatchObject({ save: "saved", saveError: null });
  });

  it("saves waiting notes before switching to another interview", async () => {
    await opened();
    await manager.setNotes("Ask about shifts");
    const switching = manager.open(OTHER);
    await api.reply("PUT", URL, 200, assessment({ privateNotes: "Ask about shifts" }));
    await settle();
    await api.reply("GET", STAFF_URLS.assessment(OTHER), 200, assessment({ interviewId: OTHER }));
    await switching;
    expect(get(manager)).toMatchObject({ interviewId: OTHER, status: "ready", notes: "" });
    expect(timers.pending.size).toBe(0);
  });
});
