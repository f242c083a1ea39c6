/** An employer's registration of a stand, with its admin account, at the hall's fair. */
import { StandRegistrationManager } from "../lib/staff/stand-registration.manager.js";
import type { PageServices } from "./page.services.js";

export function build({ hall, session }: PageServices) {
  return { hall, session, manager: new StandRegistrationManager(session) };
}
