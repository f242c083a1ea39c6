/** The candidate's applications page. */
import { AccountApi } from "../lib/account/account.api.js";
import { ApplicationsManager } from "../lib/account/applications.manager.js";
import type { PageServices } from "./page.services.js";

export function build({ session }: PageServices) {
  return { session, applications: new ApplicationsManager(new AccountApi()) };
}
