/** The hall page: the fair's stands with their live queue figures. */
import type { PageServices } from "./page.services.js";

export function build({ hall, hallQueues, session }: PageServices) {
  return { hall, hallQueues, session };
}
