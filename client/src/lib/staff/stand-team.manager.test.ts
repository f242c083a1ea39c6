import { beforeEach, describe, expect, it } from "vitest";
import { get } from "svelte/store";
import type { StandInvitation, StandStaffMember } from "@crossfair/shared";
import { apiError, FakeApi } from "./fake-api.js";
import { STAND_URLS } from "./stand.api.js";
import { StandTeamManager } from "./stand-team.manager.js";
import { AT, OTHER, RECRUITER, STAND } from "./staff.fixtures.js";

const INVITATION = "99999999-9999-4999-8999-999999999999";
const TOKEN = "Xq3-vB_9kLmN0pQrStUvWxYzAbCdEfGhIjKlMnOpQrS";

const lotte: StandStaffMember = {
  userId: RECRUITER,
  displayName: "Lotte Peeters",
  email: "recruiter@crossfair.test",
  role: "recruiter",
  languages: ["nl", "fr"],
};
const julien: StandStaffMember = {
  ...lotte,
  userId: OTHER,
  displayName: "Julien",
  role: "stand_admin",
};
const invitation: StandInvitation = {
  id: INVITATION,
  role: "recruiter",
  expiresAt: AT,
  createdAt: AT,
};

describe("StandTeamManager", () => {
  let api: FakeApi;
  let copied: string[];
  let clipboardWorks: boolean;
  let manager: StandTeamManager;

  beforeEach(async () => {
    api = new FakeApi();
    copied = [];
    clipboardWorks = true;
    manager = new StandTeamManager({
      fetch: api.fetch,
      origin: "https://fair.example",
      writeClipboard: async (text) => {
        if (!clipboardWorks) throw new Error("denied");
        copied.push(text);
      },
    });
    const opening = manager.open(STAND);
    await api.reply("GET", STAND_URLS.staff(STAND), 200, { staff: [julien, lotte] });
    await api.reply("GET", STAND_URLS.invitations(STAND), 200, { invitations: [] });
    await opening;
  });

  it("loads staff and open invitations", () => {
    expect(get(manager)).toMatchObject({
      status: "ready",
      staff: [julien, lotte],
      invitations: [],
    });
  });

  it("removes a member after a confirming second click", async () => {
    expect(await manager.remove(RECRUITER)).toBe(false);
    expect(get(manager).confirmingRemoval).toBe(RECRUITER);
    expect(api.open()).toEqual([]);
    const removing = manager.remove(RECRUITER);
    await api.reply("DELETE", STAND_URLS.staffMember(STAND, RECRUITER), 204);
    expect(await removing).toBe(true);
    expect(get(manager)).toMatchObject({
      staff: [julien],
      confirmingRemoval: null,
      result: { ok: true, notice: "removed" },
    });
  });

  it("says why the last stand admin stays", async () => {
    await manager.remove(OTHER);
    const removing = manager.remove(OTHER);
    await api.reply("DELETE", STAND_URLS.staffMember(STAND, OTHER), 409, apiError("conflict"));
    expect(await removing).toBe(false);
    expect(get(manager)).toMatchObject({
      staff: [julien, lotte],
      result: { ok: false, code: "conflict" },
    });
  });

  it("creates an invitation link, copies it and revokes it", async () => {
    const inviting = manager.invite("recruiter");
    const request = await api.reply("POST", STAND_URLS.invitations(STAND), 201, {
      invitation,
      token: TOKEN,
      path: `/#/invite/${TOKEN}`,
    });
    const link = `https://fair.example/#/invite/${TOKEN}`;
    expect(await inviting).toBe(link);
    expect(request.body).toEqual({ role: "recruiter" });
    expect(get(manager)).toMatchObject({
      invitations: [invitation],
      links: { [INVITATION]: link },
    });

    expect(await manager.copy(INVITATION)).toBe(true);
    expect(copied).toEqual([link]);
    expect(get(manager).result).toMatchObject({ ok: true, notice: "copied" });
    clipboardWorks = false;
    expect(await manager.copy(INVITATION)).toBe(false);
    expect(get(manager).result).toMatchObject({ ok: false, code: "clipboard" });

    const revoking = manager.revoke(INVITATION);
    await api.reply("DELETE", STAND_URLS.invitation(STAND, INVITATION), 204);
    expect(await revoking).toBe(true);
    expect(get(manager)).toMatchObject({
      invitations: [],
      links: {},
      result: { notice: "revoked" },
    });
  });

  it("shows why the team cannot load (recruiters may not manage it)", async () => {
    const opening = manager.open(STAND);
    await api.reply("GET", STAND_URLS.staff(STAND), 403, apiError("forbidden"));
    await api.reply("GET", STAND_URLS.invitations(STAND), 403, apiError("forbidden"));
    await opening;
    expect(get(manager)).toMatchObject({ status: "error", error: "forbidden" });
  });
});
