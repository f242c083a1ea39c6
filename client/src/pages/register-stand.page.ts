/**
 * An employer's registration of a stand, with its admin account, at the hall's
 * fair, and what the page shows once it is sent: "check your email".
 */
import { CheckEmail, DevMessage } from "../lib/account/check-email.js";
import { StandRegistrationManager } from "../lib/staff/stand-registration.manager.js";
import type { PageServices } from "./page.services.js";

export function build({ hall, session, fetch }: PageServices) {
  return {
    hall,
    session,
    manager: new StandRegistrationManager({ fetch }),
    check: new CheckEmail((email) => session.resendVerification(email)),
    devMessage: new DevMessage(fetch),
  };
}
