/** An invitation link to a stand's staff. */
import { InvitationManager } from "../lib/staff/invitation.manager.js";
import type { PageServices } from "./page.services.js";

export function build({ session }: PageServices, { token }: { token: string }) {
  return { token, session, manager: new InvitationManager(session) };
}
