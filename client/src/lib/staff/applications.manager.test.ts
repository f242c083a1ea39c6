import { beforeEach, describe, expect, it } from "vitest";
import { get } from "svelte/store";
import { allowedMoves, ApplicationsManager } from "./applications.manager.js";
import { apiError, FakeApi } from "./fake-api.js";
import { STAFF_URLS } from "./staff.api.js";
import {
  APPLICATION,
  application,
  AT,
  CANDIDATE,
  INTERVIEW,
  OTHER,
  page,
  STAND,
} from "./staff.fixtures.js";

const LIST = new RegExp(`^${STAFF_URLS.standApplications(STAND)}`);
const lotte = { id: OTHER, displayName: "Lotte Peeters" };

describe("allowedMoves", () => {
  it("offers forward steps, one step back and rejection; nothing from a final status", () => {
    expect(allowedMoves("applied")).toEqual([
      "preselected",
      "interviewed",
      "second_round",
      "offer",
      "hired",
      "rejected",
    ]);
    expect(allowedMoves("interviewed")).toEqual([
      "preselected",
      "second_round",
      "offer",
      "hired",
      "rejected",
    ]);
    expect(allowedMoves("hired")).toEqual([]);
    expect(allowedMoves("withdrawn")).toEqual([]);
  });
});

describe("ApplicationsManager", () => {
  let api: FakeApi;
  let manager: ApplicationsManager;

  beforeEach(() => {
    api = new FakeApi();
    manager = new ApplicationsManager({ fetch: api.fetch });
  });

  it("lists a stand's applications, filtered by status and paged", async () => {
    const opening = manager.open({ kind: "stand", standId: STAND });
    const first = await api.reply("GET", LIST, 200, page([application()], { total: 45 }));
    await opening;
    expect(first.url).toBe(`${STAFF_URLS.standApplications(STAND)}?page=1&pageSize=20`);
    expect(get(manager)).toMatchObject({ status: "ready", total: 45, filter: null });

    const paging = manager.setPage(3);
    const third = await api.reply("GET", LIST, 200, page([], { total: 45, page: 3 }));
    await paging;
    expect(third.url).toContain("page=3");

    // Past the last page is the last page; a new filter starts at page one.
    const beyond = manager.setPage(9);
    expect((await api.reply("GET", LIST, 200, page([], { total: 45 }))).url).toContain("page=3");
    await beyond;
    const filtering = manager.setFilter("offer");
    const filtered = await api.reply("GET", LIST, 200, page([]));
    await filtering;
    expect(filtered.url).toBe(
      `${STAFF_URLS.standApplications(STAND)}?status=offer&page=1&pageSize=20`,
    );
  });

  it("lists one candidate's applications to the stand", async () => {
    const opening = manager.open({ kind: "candidate", standId: STAND, candidateId: CANDIDATE });
    await api.reply("GET", STAFF_URLS.candidateApplications(STAND, CANDIDATE), 200, {
      applications: [application()],
    });
    await opening;
    expect(get(manager)).toMatchObject({ status: "ready", items: [application()], total: 1 });
  });

  it("moves an application and keeps the server's history", async () => {
    const opening = manager.open({ kind: "stand", standId: STAND });
    await api.reply("GET", LIST, 200, page([application()]));
    await opening;

    const moving = manager.move(APPLICATION, "preselected");
    expect(get(manager).moving).toBe(APPLICATION);
    const moved = application({
      status: "preselected",
      history: [
        ...application().history,
        { from: "applied", to: "preselected", at: "2026-11-23T11:00:00.000+00:00", by: lotte },
      ],
    });
    const request = await api.reply("POST", STAFF_URLS.applicationStatus(APPLICATION), 200, moved);
    expect(await moving).toBe(true);
    expect(request.body).toEqual({ status: "preselected" });
    expect(get(manager)).toMatchObject({
      moving: null,
      items: [moved],
      lastMove: { applicationId: APPLICATION, ok: true, to: "preselected" },
    });
  });

  it("does not send a move the pipeline forbids", async () => {
    const opening = manager.open({ kind: "stand", standId: STAND });
    await api.reply("GET", LIST, 200, page([application({ status: "hired" })]));
    await opening;
    expect(await manager.move(APPLICATION, "offer")).toBe(false);
    expect(api.open()).toEqual([]);
    expect(get(manager).lastMove).toEqual({
      applicationId: APPLICATION,
      ok: false,
      code: "invalid_transition",
    });
  });

  it("reloads when someone else moved the application first", async () => {
    const opening = manager.open({ kind: "stand", standId: STAND });
    await api.reply("GET", LIST, 200, page([application()]));
    await opening;
    const moving = manager.move(APPLICATION, "offer");
    await api.reply(
      "POST",
      STAFF_URLS.applicationStatus(APPLICATION),
      409,
      apiError("invalid_transition"),
    );
    await api.reply("GET", LIST, 200, page([application({ status: "rejected" })]));
    expect(await moving).toBe(false);
    expect(get(manager)).toMatchObject({
      items: [{ status: "rejected" }],
      lastMove: { ok: false, code: "invalid_transition" },
    });
  });

  it("invites an applicant to book a slot, once at a time, and shows the result", async () => {
    const opening = manager.open({ kind: "stand", standId: STAND });
    await api.reply("GET", LIST, 200, page([application()]));
    await opening;

    const inviting = manager.inviteToBook(CANDIDATE);
    expect(get(manager).invitations[CANDIDATE]).toEqual({ status: "sending" });
    expect(await manager.inviteToBook(CANDIDATE)).toBe(false);
    const request = await api.reply("POST", STAFF_URLS.bookingInvitations(STAND), 201, {
      id: INTERVIEW,
      standId: STAND,
      candidateId: CANDIDATE,
      invitedAt: AT,
      message: "",
    });
    expect(await inviting).toBe(true);
    expect(request.body).toEqual({ candidateId: CANDIDATE });
    expect(get(manager).invitations[CANDIDATE]).toEqual({ status: "sent" });

    const again = manager.inviteToBook(OTHER);
    await api.reply("POST", STAFF_URLS.bookingInvitations(STAND), 409, apiError("already_invited"));
    expect(await again).toBe(false);
    expect(get(manager).invitations[OTHER]).toEqual({ status: "failed", code: "already_invited" });
    expect(get(manager).invitations[CANDIDATE]).toEqual({ status: "sent" });
  });

  it("shows why the list cannot load", async () => {
    const opening = manager.open({ kind: "stand", standId: STAND });
    await api.reply("GET", LIST, 403, apiError("forbidden"));
    await opening;
    expect(get(manager)).toMatchObject({ status: "error", error: "forbidden" });
  });
});
