/** The development mailbox, for fair admins. */
import { MailboxManager } from "../lib/admin/mailbox.manager.js";
import type { PageServices } from "./page.services.js";

export function build({ fetch }: PageServices) {
  return { manager: new MailboxManager(fetch) };
}
