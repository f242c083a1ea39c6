import { beforeEach, describe, expect, it } from "vitest";
import { get } from "svelte/store";
import type { SessionUser } from "@crossfair/shared";
import { apiError, FakeApi } from "./fake-api.js";
import { InvitationManager, type InvitationSession } from "./invitation.manager.js";
import { STAND_URLS } from "./stand.api.js";
import { AT, CANDIDATE, RECRUITER, STAND } from "./staff.fixtures.js";

const TOKEN = "Xq3-vB_9kLmN0pQrStUvWxYzAbCdEfGhIjKlMnOpQrS";
const preview = {
  standId: STAND,
  organisationName: "Hainaut Logistique",
  role: "recruiter",
  expiresAt: AT,
  valid: true,
};
const recruiter: SessionUser = {
  id: RECRUITER,
  email: "recruiter@crossfair.test",
  displayName: "Lotte Peeters",
  role: "recruiter",
  uiLanguage: "nl",
};

class FakeSession implements InvitationSession {
  user: SessionUser | null = null;
  adopted: SessionUser[] = [];
  async adopt(user: SessionUser) {
    this.adopted.push(user);
    this.user = user;
  }
}

describe("InvitationManager", () => {
  let api: FakeApi;
  let session: FakeSession;
  let manager: InvitationManager;

  async function opened(
    answer: { status: number; body: unknown } = { status: 200, body: preview },
  ) {
    const opening = manager.open(TOKEN);
    await api.reply("GET", STAND_URLS.preview(TOKEN), answer.status, answer.body);
    await opening;
  }

  beforeEach(() => {
    api = new FakeApi();
    session = new FakeSession();
    manager = new InvitationManager(session, { fetch: api.fetch });
  });

  it("shows what the link invites to", async () => {
    await opened();
    expect(get(manager)).toMatchObject({ status: "ready", preview });
  });

  it("treats an unknown, used or expired link as not found", async () => {
    await opened({ status: 404, body: apiError("not_found") });
    expect(get(manager)).toMatchObject({ status: "error", error: "not_found" });
    await opened({ status: 200, body: { ...preview, valid: false } });
    expect(get(manager)).toMatchObject({ status: "error", error: "not_found" });
  });

  it("lets signed-in staff join with one click, then reloads their stands", async () => {
    session.user = recruiter;
    await opened();
    const accepting = manager.accept();
    expect(get(manager).busy).toBe(true);
    const request = await api.reply("POST", STAND_URLS.accept(TOKEN), 200, {
      standId: STAND,
      role: "recruiter",
    });
    expect(await accepting).toEqual({ standId: STAND, role: "recruiter" });
    expect(request.body).toEqual({});
    expect(session.adopted).toEqual([recruiter]);
    expect(get(manager)).toMatchObject({ busy: false, accepted: { standId: STAND } });
  });

  it("does not let a candidate account join", async () => {
    session.user = { ...recruiter, id: CANDIDATE, role: "candidate" };
    await opened();
    expect(await manager.accept()).toBeNull();
    expect(api.open()).toEqual([]);
    expect(get(manager).failure).toEqual({ code: "forbidden", fields: {} });
  });

  it("creates a visitor's staff account and signs it in", async () => {
    await opened();
    const draft = {
      displayName: "Nora Janssens",
      email: " nora@example.com ",
      password: "long enough pass",
      languages: ["nl" as const, "en" as const],
    };
    const creating = manager.createAccount(draft, "nl");
    const user = { ...recruiter, email: "nora@example.com", displayName: "Nora Janssens" };
    const request = await api.reply("POST", STAND_URLS.accept(TOKEN), 201, {
      user,
      standId: STAND,
      role: "recruiter",
    });
    expect(await creating).toEqual({ standId: STAND, role: "recruiter" });
    expect(request.body).toEqual({
      displayName: "Nora Janssens",
      email: "nora@example.com",
      password: "long enough pass",
      languages: ["nl", "en"],
      uiLanguage: "nl",
    });
    expect(session.adopted).toEqual([user]);
  });

  it("checks the account form first, and shows the server's refusal by field", async () => {
    await opened();
    expect(
      await manager.createAccount(
        { displayName: "", email: "nope", password: "short", languages: [] },
        "en",
      ),
    ).toBeNull();
    expect(api.open()).toEqual([]);
    expect(get(manager).failure).toEqual({
      code: null,
      fields: {
        displayName: "required",
        email: "email",
        password: "tooShort",
        languages: "required",
      },
    });

    const creating = manager.createAccount(
      {
        displayName: "Nora",
        email: "taken@example.com",
        password: "long enough pass",
        languages: ["nl"],
      },
      "en",
    );
    await api.reply("POST", STAND_URLS.accept(TOKEN), 409, apiError("conflict", "taken", "email"));
    expect(await creating).toBeNull();
    expect(get(manager).failure).toEqual({ code: "conflict", fields: { email: "taken" } });
    expect(session.adopted).toEqual([]);
  });
});
