/**
 * Invitation links to a stand's staff: created, listed and revoked by the
 * stand's admins only, stored hashed, used once; accepted by a signed-in staff
 * account or by creating one; a candidate cannot accept. The new member opens
 * the staff console at once over a real socket, and loses it when removed.
 */
import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  acceptedInvitationSchema,
  apiErrorSchema,
  createdInvitationSchema,
  invitationAccountSchema,
  invitationPreviewSchema,
  myStandsSchema,
  standInvitationsSchema,
  standStaffListSchema,
  type StandStaffRole,
} from "@crossfair/shared";
import { standInvitations } from "@crossfair/server/stand/stand.schema";
import { buildTestApp, type TestApp } from "../support/app.js";
import { signInCookie } from "../support/session.js";
import { connectClient, nextEvent, type TestSocket } from "../support/socket-client.js";
import {
  NEW_PASSWORD,
  approvedEmployerStand,
  sessionCookieOf,
  signUpCandidate,
  uniqueEmail,
} from "../support/stands.js";

describe("stand invitations", () => {
  let app: TestApp;
  let baseUrl: string;
  let adminCookie: string;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    app = await buildTestApp();
    await app.http.listen({ host: "127.0.0.1", port: 0 });
    baseUrl = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
    adminCookie = await signInCookie(app, "admin@crossfair.test");
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await app?.dispose();
  });

  const errorOf = (response: { json(): unknown }) => apiErrorSchema.parse(response.json()).error;
  const invite = async (standId: string, cookie: string, role: StandStaffRole = "recruiter") => {
    const response = await app.http.inject({
      method: "POST",
      url: `/api/stands/${standId}/invitations`,
      headers: { cookie },
      payload: { role },
    });
    return response;
  };
  const newInvitation = async (standId: string, cookie: string, role?: StandStaffRole) =>
    createdInvitationSchema.parse((await invite(standId, cookie, role)).json());
  const preview = (token: string) => app.http.inject({ url: `/api/invitations/${token}` });
  const accept = (token: string, payload: object, cookie?: string) =>
    app.http.inject({
      method: "POST",
      url: `/api/invitations/${token}/accept`,
      headers: cookie ? { cookie } : {},
      payload,
    });
  const newcomer = (languages?: string[]) => ({
    email: uniqueEmail("recruiter"),
    password: NEW_PASSWORD,
    displayName: "Nora Newcomer",
    uiLanguage: "nl",
    ...(languages ? { languages } : {}),
  });
  const openConsole = async (cookie: string, standId: string) => {
    const { socket } = await connectClient(baseUrl, cookie);
    sockets.push(socket);
    return { socket, ack: await socket.emitWithAck("staff:console", { standId }) };
  };

  it("a stand admin creates, lists and revokes links, stored only as a hash; nobody else may", async () => {
    const { stand, cookie } = await approvedEmployerStand(app, adminCookie);
    const other = await approvedEmployerStand(app, adminCookie);

    const response = await invite(stand.id, cookie);
    expect(response.statusCode).toBe(201);
    const created = createdInvitationSchema.parse(response.json());
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.path).toBe(`/#/invite/${created.token}`);
    const days = (Date.parse(created.invitation.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    const [stored] = await app.database.db
      .select({ tokenHash: standInvitations.tokenHash })
      .from(standInvitations)
      .where(eq(standInvitations.id, created.invitation.id));
    expect(stored?.tokenHash).toBe(createHash("sha256").update(created.token).digest("hex"));

    const list = (cookieOf: string) =>
      app.http.inject({
        url: `/api/stands/${stand.id}/invitations`,
        headers: { cookie: cookieOf },
      });
    expect(standInvitationsSchema.parse((await list(cookie)).json()).invitations).toEqual([
      created.invitation,
    ]);
    expect((await list(other.cookie)).statusCode).toBe(403);
    expect((await invite(stand.id, other.cookie)).statusCode).toBe(403);
    const recruiter = await signInCookie(app, "recruiter@crossfair.test");
    expect((await invite(stand.id, recruiter)).statusCode).toBe(403);
    const revokeUrl = `/api/stands/${stand.id}/invitations/${created.invitation.id}`;
    const foreignRevoke = await app.http.inject({
      method: "DELETE",
      url: revokeUrl,
      headers: { cookie: other.cookie },
    });
    expect(foreignRevoke.statusCode).toBe(403);

    expect(invitationPreviewSchema.parse((await preview(created.token)).json())).toEqual({
      standId: stand.id,
      organisationName: stand.organisationName,
      role: "recruiter",
      expiresAt: created.invitation.expiresAt,
      valid: true,
    });
    const revoked = await app.http.inject({
      method: "DELETE",
      url: revokeUrl,
      headers: { cookie },
    });
    expect(revoked.statusCode).toBe(204);
    expect(standInvitationsSchema.parse((await list(cookie)).json()).invitations).toEqual([]);
    expect((await preview(created.token)).statusCode).toBe(404);
    const late = await accept(created.token, newcomer());
    expect(late.statusCode).toBe(404);
    expect(errorOf(late).code).toBe("not_found");
  });

  it("a newcomer accepts by creating an account, opens the staff console at once, and the link is used up", async () => {
    const { stand, cookie: standAdmin } = await approvedEmployerStand(app, adminCookie, {
      languages: ["fr", "en"],
    });
    const { token } = await newInvitation(stand.id, standAdmin);

    const incomplete = await accept(token, { email: uniqueEmail("x") });
    expect(incomplete.statusCode).toBe(400);
    expect(errorOf(incomplete)).toMatchObject({
      code: "validation_failed",
      field: "body.password",
    });

    const account = newcomer();
    const response = await accept(token, account);
    expect(response.statusCode).toBe(201);
    const answer = invitationAccountSchema.parse(response.json());
    expect(answer).toMatchObject({ standId: stand.id, role: "recruiter" });
    // The invitation's link reached this mailbox: the address counts as verified, no link is
    // mailed, and the password signs in later.
    expect(app.mailbox?.list().filter((mail) => mail.to === account.email.toLowerCase())).toEqual(
      [],
    );
    const later = await app.http.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: account.email, password: account.password },
    });
    expect(later.statusCode).toBe(200);
    expect(answer.user.role).toBe("recruiter");
    const cookie = sessionCookieOf(response);

    const mine = await app.http.inject({ url: "/api/me/stands", headers: { cookie } });
    expect(myStandsSchema.parse(mine.json()).stands).toEqual([
      { standId: stand.id, organisationName: stand.organisationName, role: "recruiter" },
    ]);
    const { ack } = await openConsole(cookie, stand.id);
    expect(ack).toMatchObject({ ok: true, queue: { standId: stand.id } });
    const staff = standStaffListSchema.parse(
      (
        await app.http.inject({
          url: `/api/stands/${stand.id}/staff`,
          headers: { cookie: standAdmin },
        })
      ).json(),
    ).staff;
    // Without languages in the body, the newcomer interviews in the stand's languages.
    expect(staff.find((member) => member.userId === answer.user.id)?.languages).toEqual([
      "fr",
      "en",
    ]);

    expect((await preview(token)).statusCode).toBe(404);
    expect((await accept(token, newcomer())).statusCode).toBe(404);
  });

  it("a signed-in recruiter accepts; the console refused a moment before opens right after", async () => {
    const { stand, cookie: standAdmin } = await approvedEmployerStand(app, adminCookie);
    const recruiter = await signInCookie(app, "recruiter@crossfair.test");
    // The refusal is cached by the queue; accepting must not leave it there.
    const before = await openConsole(recruiter, stand.id);
    expect(before.ack).toMatchObject({ ok: false, code: "forbidden" });

    const { token } = await newInvitation(stand.id, standAdmin);
    const response = await accept(token, { languages: ["nl"] }, recruiter);
    expect(response.statusCode).toBe(200);
    expect(acceptedInvitationSchema.parse(response.json())).toEqual({
      standId: stand.id,
      role: "recruiter",
    });
    const after = await before.socket.emitWithAck("staff:console", { standId: stand.id });
    expect(after).toMatchObject({ ok: true, queue: { standId: stand.id } });

    // Someone already on the staff keeps their place; a second link stays unused.
    const second = await newInvitation(stand.id, standAdmin, "stand_admin");
    const twice = await accept(second.token, {}, recruiter);
    expect(twice.statusCode).toBe(409);
    expect(errorOf(twice).code).toBe("conflict");
    expect((await preview(second.token)).statusCode).toBe(200);

    // Removed by the stand admin, the recruiter loses the console (and its updates) at once.
    const adminConsole = await openConsole(standAdmin, stand.id);
    const toggle = async (open: boolean) => {
      const adminSees = nextEvent(
        adminConsole.socket,
        "staff:queue",
        (queue) => queue.open === open,
      );
      await adminConsole.socket.emitWithAck("staff:open", { standId: stand.id, open });
      await adminSees;
    };
    const recruiterSees = nextEvent(before.socket, "staff:queue", (queue) => queue.open);
    await toggle(true);
    await recruiterSees;
    const me = await app.http.inject({ url: "/api/auth/me", headers: { cookie: recruiter } });
    const recruiterId = (me.json() as { user: { id: string } }).user.id;
    const removed = await app.http.inject({
      method: "DELETE",
      url: `/api/stands/${stand.id}/staff/${recruiterId}`,
      headers: { cookie: standAdmin },
    });
    expect(removed.statusCode).toBe(204);
    // Watched from before the change, for longer than a stand's push interval (a second).
    const notSent = expect(
      nextEvent(before.socket, "staff:queue", (queue) => !queue.open, 2_500),
    ).rejects.toThrow(/no staff:queue/);
    await toggle(false);
    await notSent;
    const gone = await before.socket.emitWithAck("staff:console", { standId: stand.id });
    expect(gone).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("a stand-admin link makes the newcomer a stand admin who can invite in turn", async () => {
    const { stand, cookie: standAdmin } = await approvedEmployerStand(app, adminCookie);
    const { token } = await newInvitation(stand.id, standAdmin, "stand_admin");
    const response = await accept(token, newcomer(["de"]));
    const answer = invitationAccountSchema.parse(response.json());
    expect(answer).toMatchObject({ role: "stand_admin", user: { role: "stand_admin" } });
    expect((await invite(stand.id, sessionCookieOf(response))).statusCode).toBe(201);
  });

  it("a candidate cannot accept, and the link stays usable", async () => {
    const { stand, cookie: standAdmin } = await approvedEmployerStand(app, adminCookie);
    const { token } = await newInvitation(stand.id, standAdmin);
    const candidate = await signUpCandidate(app);
    const response = await accept(token, {}, candidate.cookie);
    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("forbidden");
    expect((await preview(token)).statusCode).toBe(200);
    const candidateConsole = await openConsole(candidate.cookie, stand.id);
    expect(candidateConsole.ack).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("a taken email leaves the link unused; an expired or unknown link is not found", async () => {
    const { stand, cookie: standAdmin } = await approvedEmployerStand(app, adminCookie);
    const taken = await newInvitation(stand.id, standAdmin);
    const conflict = await accept(taken.token, {
      ...newcomer(),
      email: "kandidaat@crossfair.test",
    });
    expect(conflict.statusCode).toBe(409);
    expect(errorOf(conflict)).toMatchObject({ code: "conflict", field: "email" });
    expect((await preview(taken.token)).statusCode).toBe(200);

    const expiring = await newInvitation(stand.id, standAdmin);
    await app.database.db
      .update(standInvitations)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(standInvitations.id, expiring.invitation.id));
    expect((await preview(expiring.token)).statusCode).toBe(404);
    expect((await accept(expiring.token, newcomer())).statusCode).toBe(404);
    const open = standInvitationsSchema
      .parse(
        (
          await app.http.inject({
            url: `/api/stands/${stand.id}/invitations`,
            headers: { cookie: standAdmin },
          })
        ).json(),
      )
      .invitations.map((invitation) => invitation.id);
    expect(open).toEqual([taken.invitation.id]);

    const unknown = "A".repeat(43);
    expect((await preview(unknown)).statusCode).toBe(404);
    expect((await accept(unknown, newcomer())).statusCode).toBe(404);
  });
});
