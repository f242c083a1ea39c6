/** The fair admin's people: finding accounts, suspending and reinstating them. */
import { PeopleManager } from "../lib/admin/people.manager.js";
import type { PageServices } from "./page.services.js";

export function build({ fetch, session }: PageServices) {
  return { manager: new PeopleManager(fetch, session.user) };
}
