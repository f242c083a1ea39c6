/**
 * The account's lifecycle pages: "forgot password", the reset link's page,
 * the verification link's page, and the signed-in person's security page.
 */
import { AccountSecurityApi, OneRequest } from "../lib/session/account-security.js";
import type { PageServices } from "./page.services.js";

export function buildForgot({ fetch }: PageServices) {
  const api = new AccountSecurityApi(fetch);
  return { request: new OneRequest((email: string) => api.forgotPassword(email)) };
}

export function buildReset({ fetch }: PageServices, { token }: { token: string }) {
  const api = new AccountSecurityApi(fetch);
  return {
    token,
    request: new OneRequest((linkToken: string, password: string) =>
      api.resetPassword(linkToken, password),
    ),
  };
}

/** The verification link's page: following it confirms the email and signs the person in. */
export function buildVerify({ session }: PageServices, { token }: { token: string }) {
  return {
    token,
    session,
    request: new OneRequest((linkToken: string) => session.verifyEmail(linkToken)),
  };
}

export function buildSecurity({ fetch, session }: PageServices) {
  const api = new AccountSecurityApi(fetch);
  return {
    session,
    change: new OneRequest((current: string, next: string) => api.changePassword(current, next)),
    everywhere: new OneRequest(() => api.signOutEverywhere()),
  };
}
