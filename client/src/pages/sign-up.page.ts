/**
 * A candidate's sign-up page, with its form for as long as the page is open,
 * and what it shows once the account is asked for: "check your email".
 */
import { CheckEmail, DevMessage } from "../lib/account/check-email.js";
import { SignUpForm } from "../lib/account/sign-up.form.js";
import type { PageServices } from "./page.services.js";

export function build({ session, fetch }: PageServices, { next }: { next?: string }) {
  return {
    next,
    form: new SignUpForm((body) => session.signUp(body)),
    check: new CheckEmail((email) => session.resendVerification(email)),
    devMessage: new DevMessage(fetch),
  };
}
