/** The candidate's applications page. */
import { AccountApi } from "../lib/account/account.api.js";
import { ApplicationsManager } from "../lib/account/applications.manager.js";

export function build() {
  return { applications: new ApplicationsManager(new AccountApi()) };
}
