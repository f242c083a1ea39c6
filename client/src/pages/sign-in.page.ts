/** The sign-in page; `next` is where to go afterwards. */
import type { PageServices } from "./page.services.js";

export function build({ session }: PageServices, { next }: { next?: string }) {
  return { session, next };
}
