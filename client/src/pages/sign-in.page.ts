/**
 * The sign-in page; `next` is where to go afterwards. An account whose email is
 * not confirmed yet is offered its link again (`check`).
 */
import { CheckEmail, DevMessage } from "../lib/account/check-email.js";
import type { PageServices } from "./page.services.js";

export function build({ session, fetch }: PageServices, { next }: { next?: string }) {
  return {
    session,
    next,
    check: new CheckEmail((email) => session.resendVerification(email)),
    devMessage: new DevMessage(fetch),
  };
}
