/**
 * Stand staff for the queue suites, made through the real routes: an
 * invitation link, a newcomer accepting it with a new account (signed in),
 * an existing account accepting one, and removal from the staff.
 */
import type { App } from "@crossfair/server/app";
import {
  createdInvitationSchema,
  invitationAccountSchema,
  type StandStaffRole,
} from "@crossfair/shared";
import { NEW_PASSWORD, sessionCookieOf, uniqueEmail } from "../../support/stands.js";

export async function inviteToStand(
  app: App,
  standId: string,
  cookie: string,
  role: StandStaffRole = "recruiter",
): Promise<string> {
  const response = await app.http.inject({
    method: "POST",
    url: `/api/stands/${standId}/invitations`,
    headers: { cookie },
    payload: { role },
  });
  if (response.statusCode !== 201) throw new Error(`invitation: ${response.body}`);
  return createdInvitationSchema.parse(response.json()).token;
}

/** A new recruiter who joined the stand through a link: their id and session cookie. */
export async function newRecruiterAt(
  app: App,
  standId: string,
  adminCookie: string,
): Promise<{ id: string; cookie: string }> {
  const token = await inviteToStand(app, standId, adminCookie);
  const response = await app.http.inject({
    method: "POST",
    url: `/api/invitations/${token}/accept`,
    payload: {
      email: uniqueEmail("recruiter"),
      password: NEW_PASSWORD,
      displayName: "Rita Recruiter",
      uiLanguage: "fr",
      languages: ["fr"],
    },
  });
  if (response.statusCode !== 201) throw new Error(`accept: ${response.body}`);
  return {
    id: invitationAccountSchema.parse(response.json()).user.id,
    cookie: sessionCookieOf(response),
  };
}

/** A signed-in staff account accepts a link to another stand. */
export async function acceptInvitation(app: App, token: string, cookie: string): Promise<void> {
  const response = await app.http.inject({
    method: "POST",
    url: `/api/invitations/${token}/accept`,
    headers: { cookie },
    payload: { languages: ["fr"] },
  });
  if (response.statusCode !== 200) throw new Error(`accept: ${response.body}`);
}

export async function removeFromStaff(
  app: App,
  standId: string,
  userId: string,
  cookie: string,
): Promise<void> {
  const response = await app.http.inject({
    method: "DELETE",
    url: `/api/stands/${standId}/staff/${userId}`,
    headers: { cookie },
  });
  if (response.statusCode !== 204) throw new Error(`staff removal: ${response.body}`);
}
