/** The hall page: the fair's stands with their live queue figures, and a candidate's matches. */
import type { PageServices } from "./page.services.js";

export function build({ hall, hallQueues, session, matching }: PageServices) {
  return { hall, hallQueues, session, matching };
}
